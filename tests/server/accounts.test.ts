import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficerInfo } from '../../shared/contract';
import { Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

let s: TestServer;
/** The seeded admin's generated password, as printed once at the first start. */
let generated: string;

interface ErrorBody {
  error: { code: string; message: string };
}
type LoginBody = { officer: OfficerInfo };

beforeAll(async () => {
  // No ADMIN_PASSWORD: the admin's first password is generated, like on a real first start.
  s = await startTestServer({ adminPassword: undefined });
  generated = s.app.seeded!.find((c) => c.username === 'admin')!.password;
});
afterAll(async () => {
  await s.close();
});

const login = async (username: string, password: string) => {
  const c = new Client(s.url);
  const r = await c.post<LoginBody>('/api/auth/login', { username, password });
  return { c, r };
};

describe('accounts', () => {
  it('a generated first password must be changed at the first login; until then only the change is allowed', async () => {
    const { c: admin, r } = await login('admin', generated);
    expect(r.status).toBe(200);
    expect(r.body.officer.mustChangePassword).toBe(true);
    const { c: elsewhere } = await login('admin', generated);

    const blocked = await admin.get<ErrorBody>('/api/admin/office');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
    expect(blocked.body.error.message).toContain('đổi mật khẩu');
    expect((await admin.post('/api/counters/1/call-next')).status).toBe(403);
    expect((await admin.get<LoginBody>('/api/auth/me')).body.officer.mustChangePassword).toBe(true);
    // Public routes work as for anyone (a kiosk in the same browser).
    expect((await admin.get('/api/queue')).status).toBe(200);

    const change = (currentPassword: string, newPassword: string) =>
      admin.post<ErrorBody & LoginBody>('/api/auth/password', { currentPassword, newPassword });
    expect((await change('not-the-password', 'a-new-admin-pass')).body.error.code).toBe('wrong_password');
    expect((await change(generated, 'short')).status).toBe(400);
    expect((await change(generated, generated)).body.error.message).toContain('khác mật khẩu cũ');

    const ok = await change(generated, 'a-new-admin-pass');
    expect(ok.status).toBe(200);
    expect(ok.body.officer.mustChangePassword).toBe(false);
    // This session goes on; the one on the other computer has ended.
    expect((await admin.get('/api/admin/office')).status).toBe(200);
    expect((await elsewhere.get('/api/admin/office')).status).toBe(401);
    expect((await login('admin', generated)).r.status).toBe(401);
    expect((await login('admin', 'a-new-admin-pass')).r.body.officer.mustChangePassword).toBe(false);
  });

  it('an officer changes their own password when they like', async () => {
    const { c: lan, r } = await login('canbo1', OFFICER_PASSWORD);
    expect(r.body.officer.mustChangePassword).toBe(false);
    const changed = await lan.post<LoginBody>('/api/auth/password', {
      currentPassword: OFFICER_PASSWORD,
      newPassword: 'lan-doi-mat-khau',
    });
    expect(changed.status).toBe(200);
    expect((await lan.get('/api/counters/1')).status).toBe(200);
    expect((await login('canbo1', 'lan-doi-mat-khau')).r.status).toBe(200);
    // A stranger cannot use the route.
    expect((await new Client(s.url).post('/api/auth/password', { currentPassword: 'x', newPassword: 'yyyyyyyy' })).status).toBe(401);
  });

  it("an admin's reset (or a new account's first password) must be changed by its owner at the next login", async () => {
    const { c: admin } = await login('admin', 'a-new-admin-pass');
    const officers = (await admin.get<OfficerInfo[]>('/api/admin/officers')).body;
    const hung = officers.find((o) => o.username === 'canbo2')!;
    const reset = await admin.put<OfficerInfo>(`/api/admin/officers/${hung.id}`, { ...hung, password: 'mat-khau-tam-thoi' });
    expect(reset.status).toBe(200);
    expect(reset.body.mustChangePassword).toBe(true);

    const { c: hungClient, r } = await login('canbo2', 'mat-khau-tam-thoi');
    expect(r.body.officer.mustChangePassword).toBe(true);
    expect((await hungClient.post<ErrorBody>('/api/counters/2/call-next')).body.error.code).toBe('password_change_required');
    await hungClient.post('/api/auth/password', { currentPassword: 'mat-khau-tam-thoi', newPassword: 'hung-tu-chon-1' });
    expect((await hungClient.get('/api/counters/2')).status).toBe(200);
    expect((await admin.get<OfficerInfo[]>('/api/admin/officers')).body.find((o) => o.id === hung.id)?.mustChangePassword).toBe(false);

    const created = await admin.post<OfficerInfo>('/api/admin/officers', { name: 'Đỗ Văn Nam', username: 'canbo7', password: 'mat-khau-dau-tien' });
    expect(created.body.mustChangePassword).toBe(true);
    expect((await login('canbo7', 'mat-khau-dau-tien')).r.body.officer.mustChangePassword).toBe(true);

    // The change and the reset are in the audit log, without any password.
    const log = JSON.stringify((await admin.get('/api/admin/audit?action=password')).body);
    expect(log).toContain('password.change');
    expect(log).not.toContain('hung-tu-chon-1');
  });
});
