import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage } from '../../shared/audit';
import type { CounterConfig, IssuedTicket, OfficerInfo } from '../../shared/contract';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

let s: TestServer;
let admin: Client;
let officer: Client;

beforeAll(async () => {
  s = await startTestServer();
  admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
  officer = await new Client(s.url).login('canbo1', OFFICER_PASSWORD);
});
afterAll(async () => {
  await s.close();
});

const log = async (query = '') => {
  const r = await admin.get<AuditPage>(`/api/admin/audit${query}`);
  expect(r.status).toBe(200);
  return r.body;
};
const latest = async (action: string): Promise<AuditEntry> => {
  const [entry] = (await log(`?action=${action}&limit=1`)).entries;
  if (!entry) throw new Error(`no ${action} entry`);
  return entry;
};
const rawLog = () => JSON.stringify(s.app.db.prepare('SELECT * FROM audit_log').all());

describe('audit log', () => {
  it('a configuration change appears with its author, address and the changed fields before and after', async () => {
    const counter = (await admin.get<CounterConfig[]>('/api/admin/counters')).body.find((c) => c.number === 2)!;
    const r = await admin.put(`/api/admin/counters/${counter.id}`, { ...counter, name: 'Quầy 2 – Đất đai' });
    expect(r.status).toBe(200);
    const entry = await latest('counter.update');
    expect(entry).toMatchObject({
      officerName: 'Quản trị viên',
      targetKind: 'counter',
      targetId: counter.id,
      targetName: 'Quầy 2 – Đất đai',
      before: { name: counter.name },
      after: { name: 'Quầy 2 – Đất đai' },
    });
    expect(entry.client).toContain('127.0.0.1');
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(10 * 60_000);
    // Only what changed is listed; bookkeeping such as the version is not.
    expect(Object.keys(entry.after ?? {})).toEqual(['name']);

    const office = (await admin.get<Record<string, unknown>>('/api/admin/office')).body;
    await admin.put('/api/admin/office', { ...office, notice: 'Thông báo mới' });
    expect(await latest('office.update')).toMatchObject({ after: { notice: 'Thông báo mới' }, officerName: 'Quản trị viên' });
    await admin.put('/api/admin/opening-hours', { hours: [{ weekday: 1, open: '07:30', close: '11:30' }] });
    expect(await latest('hours.update')).toMatchObject({ after: { weekday1: '07:30–11:30', weekday0: null } });
    const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
    expect((await admin.put('/api/admin/opening-hours', { hours: allDay })).status).toBe(200);
  });

  it('logins are recorded; a failed login keeps the username typed, never the password', async () => {
    const failed = await new Client(s.url).post('/api/auth/login', { username: 'canbo2', password: 'sai-mat-khau-bi-mat' });
    expect(failed.status).toBe(401);
    expect(await latest('login.failed')).toMatchObject({ officerId: null, officerName: null, targetName: 'canbo2' });
    await new Client(s.url).login('canbo2', OFFICER_PASSWORD);
    expect(await latest('login.ok')).toMatchObject({ officerName: 'Trần Văn Hùng', targetName: 'canbo2' });
    expect(rawLog()).not.toContain('sai-mat-khau-bi-mat');
    expect(rawLog()).not.toContain(OFFICER_PASSWORD);
  });

  it('an officer change and a password reset are recorded without the password or its hash', async () => {
    const canbo3 = (await admin.get<OfficerInfo[]>('/api/admin/officers')).body.find((o) => o.username === 'canbo3')!;
    const r = await admin.put(`/api/admin/officers/${canbo3.id}`, { ...canbo3, counterIds: [3], password: 'mat-khau-dat-lai-3' });
    expect(r.status).toBe(200);
    const entry = await latest('officer.update');
    expect(entry).toMatchObject({ targetId: canbo3.id, before: { counterIds: [] }, after: { counterIds: [3] } });
    expect(entry.details).toEqual({ passwordReset: true });
    expect(rawLog()).not.toContain('mat-khau-dat-lai-3');
    expect(rawLog()).not.toContain('$argon2');
  });

  it('reprint, cancel and a number called by hand are recorded with the officer who did them', async () => {
    const kiosk = new Client(s.url);
    const a = (await kiosk.post<IssuedTicket>('/api/tickets', { serviceId: 1 })).body.ticket;
    const b = (await kiosk.post<IssuedTicket>('/api/tickets', { serviceId: 1 })).body.ticket;
    expect((await officer.post('/api/counters/1/call-number', { number: b.number })).status).toBe(200);
    expect(await latest('ticket.call_number')).toMatchObject({
      officerName: 'Nguyễn Thị Lan',
      targetId: b.id,
      targetName: b.number,
      details: { counterNumber: 1 },
    });
    expect((await officer.post(`/api/tickets/${a.id}/reprint`, {})).status).toBe(200);
    expect(await latest('ticket.reprint')).toMatchObject({ officerName: 'Nguyễn Thị Lan', targetId: a.id });
    expect((await officer.post(`/api/tickets/${a.id}/cancel`, { counterId: 1 })).status).toBe(200);
    expect(await latest('ticket.cancel')).toMatchObject({
      targetId: a.id,
      before: { status: 'waiting' },
      after: { status: 'cancelled' },
    });
  });

  it('filters by action group, officer, text and days, in pages; officers may not read it', async () => {
    const all = await log();
    expect(all.total).toBeGreaterThanOrEqual(10);
    expect(all.entries.map((e) => e.id)).toEqual([...all.entries.map((e) => e.id)].sort((x, y) => y - x));

    const logins = await log('?action=login');
    expect(logins.entries.length).toBeGreaterThan(0);
    expect(logins.entries.every((e) => e.action.startsWith('login.'))).toBe(true);

    const lan = (await admin.get<OfficerInfo[]>('/api/admin/officers')).body.find((o) => o.username === 'canbo1')!;
    const byLan = await log(`?officerId=${lan.id}`);
    expect(byLan.entries.length).toBeGreaterThan(0);
    expect(byLan.entries.every((e) => e.officerName === 'Nguyễn Thị Lan')).toBe(true);

    const text = await log(`?q=${encodeURIComponent('Đất đai')}`);
    expect(text.entries.some((e) => e.action === 'counter.update')).toBe(true);
    expect(text.total).toBeLessThan(all.total);

    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await log(`?from=${tomorrow}`)).total).toBe(0);
    expect((await log(`?from=2020-01-01&to=${tomorrow}`)).total).toBe(all.total);
    expect((await log(`?to=2020-01-01`)).total).toBe(0);

    const page1 = await log('?limit=2');
    const page2 = await log('?limit=2&offset=2');
    expect(page1.entries).toHaveLength(2);
    expect(page2.entries[0]!.id).toBeLessThan(page1.entries[1]!.id);
    expect(page2.total).toBe(page1.total);

    expect((await admin.get('/api/admin/audit?action=drop_tables')).status).toBe(400);
    expect((await officer.get('/api/admin/audit')).status).toBe(403);
  });
});
