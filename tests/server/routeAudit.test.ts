import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

/** Routes anyone may call without logging in. Everything else must answer 401 to a stranger. */
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/queue',
  'GET /api/t/:code',
  'POST /api/tickets',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  // The kiosk's and phones' lookups: procedures, and a dossier's status (no personal data).
  'GET /api/procedures',
  'GET /api/procedures/:code',
  'GET /api/procedure-fields',
  'GET /api/dossier-status/:code',
  'GET /api/dossier-status/card/:readId',
]);

const concrete = (path: string) => path.replace(':code', 'ABCDEFGHJKLM').replace(/:[a-zA-Z]+/g, '1');

describe('route audit', () => {
  it('finds the routes', () => {
    const routes = s.app.routes();
    expect(routes.length).toBeGreaterThan(30);
    expect(routes).toContainEqual({ method: 'POST', path: '/api/counters/:id/call-next' });
  });

  it('no route outside the public list works without a login, and no state changes', async () => {
    const stranger = new Client(s.url);
    const before = s.app.db.prepare('SELECT COUNT(*) FROM ticket_events').pluck().get();
    const open: string[] = [];
    for (const r of s.app.routes()) {
      const key = `${r.method} ${r.path}`;
      if (PUBLIC.has(key)) continue;
      const res = await stranger.request(r.method, concrete(r.path), r.method === 'GET' ? undefined : {});
      if (res.status !== 401) open.push(`${key} → ${res.status}`);
    }
    expect(open).toEqual([]);
    expect(s.app.db.prepare('SELECT COUNT(*) FROM ticket_events').pluck().get()).toBe(before);
  });

  it('every configuration route is refused to an officer', async () => {
    const officer = await new Client(s.url).login('canbo1', OFFICER_PASSWORD);
    const allowed: string[] = [];
    for (const r of s.app.routes().filter((x) => x.path.startsWith('/api/admin/'))) {
      const res = await officer.request(r.method, concrete(r.path), r.method === 'GET' ? undefined : {});
      if (res.status !== 403) allowed.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(allowed).toEqual([]);
  });

  it('public state-changing routes are only ticket issue and login/logout', () => {
    const publicWrites = [...PUBLIC].filter((k) => !k.startsWith('GET '));
    expect(publicWrites.sort()).toEqual(['POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/tickets']);
  });

  it('kiosk ticket issue is rate-limited per client', async () => {
    const admin = await new Client(s.url).login('admin', 'admin-pass-123');
    const office = await admin.get<Record<string, unknown>>('/api/admin/office');
    await admin.put('/api/admin/office', { ...office.body, ticketRateLimitPerMinute: 3 });
    const kiosk = new Client(s.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await kiosk.post('/api/tickets', { serviceId: 1 })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await kiosk.post<{ error: { message: string } }>('/api/tickets', { serviceId: 1 });
    expect(limited.body.error.message).toContain('Vui lòng chờ');
    // Staff issuing on a citizen's behalf are not limited.
    expect((await admin.post('/api/tickets', { serviceId: 1 })).status).toBe(201);
  });
});
