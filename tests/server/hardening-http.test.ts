import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { closedPort } from '../drivers/printer/fake-printer';
import { ManualClock } from '../../server/domain/clock';
import { readEnv } from '../../server/config/env';
import { publicHealth } from '../../server/http/health';
import type { AppContext } from '../../server/http/context';
import { api } from '../../shared/web/api';
import type { OfficerInfo, QueueSnapshot, ServiceConfig } from '../../shared/contract';

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

const clock = new ManualClock(new Date());
let s: TestServer;
let admin: Client;

beforeAll(async () => {
  s = await startTestServer({ clock });
  admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await s.close();
});

/** A login from a given client address (the server trusts X-Forwarded-For from loopback only, as here). */
async function login(username: string, password: string, ip: string) {
  const res = await fetch(`${s.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as ErrorBody };
}

describe('login throttling (issue 7.8)', () => {
  it('after 5 failures an attempt must wait: 429 with the wait, the password is not even checked', async () => {
    for (let i = 0; i < 5; i++) expect((await login('canbo1', 'wrong-password', '10.8.0.1')).status).toBe(401);
    const refused = await login('canbo1', OFFICER_PASSWORD, '10.8.0.1');
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('1');
    expect(refused.body.error.code).toBe('too_many_logins');
    expect(refused.body.error.message).toContain('Vui lòng thử lại sau 1 giây');
    clock.advance(1000);
    expect((await login('canbo1', 'wrong-password', '10.8.0.1')).status).toBe(401);
    const longer = await login('canbo1', OFFICER_PASSWORD, '10.8.0.1');
    expect([longer.status, longer.retryAfter]).toEqual([429, '2']);
    clock.advance(2000);
    expect((await login('canbo1', OFFICER_PASSWORD, '10.8.0.1')).status).toBe(200);
    // The success cleared the counters.
    for (let i = 0; i < 5; i++) expect((await login('canbo1', 'wrong-password', '10.8.0.1')).status).toBe(401);
    expect((await login('canbo1', OFFICER_PASSWORD, '10.8.0.1')).status).toBe(429);
    clock.advance(1000);
    expect((await login('canbo1', OFFICER_PASSWORD, '10.8.0.1')).status).toBe(200);
  });

  it('guesses sent in parallel cannot slip past the wait', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => login('canbo2', 'wrong-password', '10.8.0.2')),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((st) => st === 401)).toHaveLength(5);
    expect(statuses.filter((st) => st === 429)).toHaveLength(7);
    clock.advance(1000);
    expect((await login('canbo2', OFFICER_PASSWORD, '10.8.0.2')).status).toBe(200);
  });

  it('spraying usernames from one client is throttled per client', async () => {
    for (let i = 0; i < 5; i++) expect((await login(`nobody${i}`, 'wrong-password', '10.8.0.3')).status).toBe(401);
    expect((await login('canbo3', OFFICER_PASSWORD, '10.8.0.3')).status).toBe(429);
    // Another machine is not affected.
    expect((await login('canbo3', OFFICER_PASSWORD, '10.8.0.4')).status).toBe(200);
  });

  it('the owner of a guessed account, at another machine, waits at most a minute', async () => {
    // Twelve wrong guesses, each as soon as the wait allows.
    for (let i = 0; i < 12; i++) {
      let r = await login('canbo3', 'wrong-password', '10.8.0.5');
      if (r.status === 429) {
        clock.advance(Number(r.retryAfter) * 1000);
        r = await login('canbo3', 'wrong-password', '10.8.0.5');
      }
      expect(r.status).toBe(401);
    }
    const owner = await login('canbo3', OFFICER_PASSWORD, '10.8.0.6');
    expect(owner.status).toBe(429);
    expect(Number(owner.retryAfter)).toBeLessThanOrEqual(60);
    clock.advance(Number(owner.retryAfter) * 1000);
    expect((await login('canbo3', OFFICER_PASSWORD, '10.8.0.6')).status).toBe(200);
    // The guessing machine itself still waits longer than a minute.
    const attacker = await login('canbo3', OFFICER_PASSWORD, '10.8.0.5');
    expect(attacker.status).toBe(429);
    expect(Number(attacker.retryAfter)).toBeGreaterThan(60);
  });
});

describe('time inputs (issue 7.9)', () => {
  it('a day start or opening time outside the day is a 400 naming the field, and nothing changes', async () => {
    const office = (await admin.get<Record<string, unknown>>('/api/admin/office')).body;
    for (const dayStart of ['25:00', '24:00', '23:60', '7:30']) {
      const r = await admin.put<ErrorBody>('/api/admin/office', { ...office, dayStart });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toContain('dayStart');
    }
    expect((await admin.get('/api/admin/office')).body).toEqual(office);

    const before = (await admin.get<{ hours: unknown[] }>('/api/admin/opening-hours')).body;
    const day = (weekday: number, open: string, close: string) => ({ weekday, open, close });
    const cases: [unknown[], string][] = [
      [[day(1, '07:30', '11:30'), day(1, '13:30', '17:00'), day(2, '07:30', '23:99')], 'hours.2.close'],
      [[day(1, '24:00', '24:00')], 'hours.0.open'],
      [[day(1, '07:30', '24:30')], 'hours.0.close'],
      [[day(1, '07:30', '11:30'), day(2, '13:30', '13:00')], 'hours.1.close'],
    ];
    for (const [hours, field] of cases) {
      const r = await admin.put<ErrorBody>('/api/admin/opening-hours', { hours });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toContain(field);
      expect(r.body.error.details).toEqual([expect.objectContaining({ path: field })]);
    }
    expect((await admin.get('/api/admin/opening-hours')).body).toEqual(before);
    // 24:00 closes at the end of the day.
    const endOfDay = await admin.put<{ hours: unknown[] }>('/api/admin/opening-hours', { hours: [day(1, '13:30', '24:00')] });
    expect(endOfDay.body.hours).toEqual([day(1, '13:30', '24:00')]);
    // Restored without a version (the version read before was overtaken by the save above).
    expect((await admin.put('/api/admin/opening-hours', { hours: before.hours })).status).toBe(200);
  });
});

describe('ticket numbering of active fields (issue 7.10)', () => {
  const field = (over: Partial<ServiceConfig>) => ({ code: 'X', name: 'Thử', ...over });

  it('a prefix already used by an active field is refused, also when re-activating a field', async () => {
    const dup = await admin.post<ErrorBody>('/api/admin/services', field({ code: 'A2', prefix: 'A' }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate_prefix');
    expect(dup.body.error.message).toContain('Tư pháp – Hộ tịch');
    const parked = await admin.post<ServiceConfig>('/api/admin/services', field({ code: 'A3', prefix: 'A', active: false }));
    expect(parked.status).toBe(201);
    const reactivate = await admin.put<ErrorBody>(`/api/admin/services/${parked.body.id}`, { ...parked.body, active: true });
    expect(reactivate.status).toBe(409);
    expect(reactivate.body.error.message).toContain('(TP)');
    const queue = (await new Client(s.url).get<QueueSnapshot>('/api/queue')).body;
    expect(queue.services.filter((x) => x.prefix === 'A')).toHaveLength(1);
  });

  it('fields without a prefix need numeric blocks that do not overlap', async () => {
    const land = await admin.post<ServiceConfig>(
      '/api/admin/services',
      field({ code: 'N1', name: 'Khối 1000', firstNumber: 1001, lastNumber: 1999, digits: 4 }),
    );
    expect(land.status).toBe(201);
    const overlap = await admin.post<ErrorBody>(
      '/api/admin/services',
      field({ code: 'N2', firstNumber: 1500, lastNumber: 2500, digits: 4 }),
    );
    expect(overlap.status).toBe(409);
    expect(overlap.body.error.code).toBe('overlapping_numbers');
    expect(overlap.body.error.message).toContain('Khối 1000');
    const next = await admin.post('/api/admin/services', field({ code: 'N2', firstNumber: 2000, lastNumber: 2999, digits: 4 }));
    expect(next.status).toBe(201);
    // Moving the first block onto the second is refused too.
    const moved = await admin.put<ErrorBody>(`/api/admin/services/${land.body.id}`, { ...land.body, lastNumber: 2000 });
    expect(moved.status).toBe(409);
  });
});

describe('the last active admin (issue 7.11)', () => {
  it('cannot be demoted or deactivated; with a second admin it can', async () => {
    const officers = (await admin.get<OfficerInfo[]>('/api/admin/officers')).body;
    const me = officers.find((o) => o.username === 'admin') as OfficerInfo;
    for (const change of [{ role: 'officer' }, { active: false }]) {
      const r = await admin.put<ErrorBody>(`/api/admin/officers/${me.id}`, { ...me, ...change });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('last_admin');
    }
    expect((await admin.get<OfficerInfo[]>('/api/admin/officers')).body).toEqual(officers);
    const other = officers.find((o) => o.username === 'canbo2') as OfficerInfo;
    const promoted = await admin.put<OfficerInfo>(`/api/admin/officers/${other.id}`, { ...other, role: 'admin' });
    expect(promoted.status).toBe(200);
    expect((await admin.put(`/api/admin/officers/${other.id}`, { ...promoted.body, role: 'officer' })).status).toBe(200);
  });
});

describe('health (issue 7.12)', () => {
  it('the public health says ok, db and printer state as codes; admins get the details', async () => {
    const pub = await new Client(s.url).get<Record<string, unknown>>('/api/health');
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual({
      ok: true,
      db: 'ok',
      devices: {
        printer: { online: true, faults: [], lastFault: null },
        // The embedded simulated card reader (docs/card-reader.md); it may still be connecting.
        cardReaders: [{ key: 'simulated', connected: expect.any(Boolean), faults: expect.any(Array) }],
      },
      backup: { faults: [] },
    });
    expect(JSON.stringify(pub.body)).not.toContain(s.dataDir);
    expect((await new Client(s.url).get('/api/admin/health')).status).toBe(401);
    const full = await admin.get<{ devices: { printer: { kind: string; target: string } } }>('/api/admin/health');
    expect(full.body.devices.printer.kind).toBe('simulated');
    expect(full.body.devices.printer.target).toContain(s.dataDir);
  });

  it('an unreachable printer shows as offline without its address or the error text', async () => {
    const port = await closedPort();
    const down = await startTestServer({ printer: `tcp://127.0.0.1:${port}` });
    try {
      const pub = await new Client(down.url).get<{ devices: { printer: { online: boolean; faults: string[] } } }>(
        '/api/health',
      );
      expect(pub.body.devices.printer).toMatchObject({ online: false, faults: ['offline'] });
      expect(JSON.stringify(pub.body)).not.toContain(String(port));
      const downAdmin = await new Client(down.url).login('admin', ADMIN_PASSWORD);
      const full = await downAdmin.get<{ devices: { printer: { target: string } } }>('/api/admin/health');
      expect(full.body.devices.printer.target).toContain(String(port));
    } finally {
      await down.close();
    }
  });

  it("the print service's settings faults are among the public fault codes", async () => {
    const ctx = {
      config: { hasOffice: () => true },
      deviceHealth: () =>
        Promise.resolve({
          printer: { kind: 'escpos-tcp', target: '10.0.0.9:9100', online: true, paperNearEnd: true, error: null },
          settingsFaults: [{ code: 'logo_unreadable', setting: 'logoPath', message: '/srv/quayso/logo.png: ENOENT' }],
        }),
    } as unknown as AppContext;
    const health = await publicHealth(ctx);
    expect(health.devices.printer.faults).toEqual(['paper_near_end', 'logo_unreadable']);
    expect(JSON.stringify(health)).not.toMatch(/10\.0\.0\.9|srv|ENOENT/);
  });
});

describe('JSON only for state-changing requests (issue 7.14)', () => {
  it('form and text/plain bodies, or none, are a 415 and change nothing', async () => {
    const count = () => s.app.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get();
    const before = count();
    const post = (path: string, headers: Record<string, string>, body?: string) =>
      fetch(`${s.url}${path}`, { method: 'POST', headers: { cookie: admin.cookie, ...headers }, body });
    const refused = [
      await post('/api/tickets', { 'content-type': 'text/plain' }, '{"serviceId":1}'),
      await post('/api/tickets', { 'content-type': 'application/x-www-form-urlencoded' }, 'serviceId=1'),
      await post('/api/auth/login', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--'),
      await post('/api/counters/1/call-next', {}),
      await post('/api/auth/logout', {}),
    ];
    for (const r of refused) {
      expect(r.status).toBe(415);
      expect(((await r.json()) as ErrorBody).error.code).toBe('unsupported_media_type');
    }
    expect(count()).toBe(before);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
    const json = await post('/api/tickets', { 'content-type': 'application/json; charset=utf-8' }, '{"serviceId":1}');
    expect(json.status).toBe(201);
  });

  it('the browser client sends JSON even for a request without a body (logout)', async () => {
    const calls: RequestInit[] = [];
    vi.stubGlobal('fetch', (_path: string, init: RequestInit) => {
      calls.push(init);
      return Promise.resolve(new Response(null, { status: 204 }));
    });
    try {
      await api('POST', '/api/auth/logout');
      await api('GET', '/api/auth/me').catch(() => undefined);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(calls[0]?.headers).toEqual({ 'content-type': 'application/json' });
    expect(calls[1]?.headers).toEqual({});
  });

  it('COOKIE_SECURE=1 marks the session cookie Secure', async () => {
    expect(readEnv({}).secureCookies).toBe(false);
    expect(readEnv({ COOKIE_SECURE: '1' }).secureCookies).toBe(true);
    expect(readEnv({ COOKIE_SECURE: 'true' }).secureCookies).toBe(true);
    expect(() => readEnv({ COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE/);
    const secure = await startTestServer({ secureCookies: readEnv({ COOKIE_SECURE: '1' }).secureCookies });
    try {
      const res = await fetch(`${secure.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    } finally {
      await secure.close();
    }
  });
});
