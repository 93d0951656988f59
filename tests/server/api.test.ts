import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import type { CounterView, IssuedTicket, QueueSnapshot, TicketCalledEvent } from '../../shared/contract';

let s: TestServer;
let officer: Client;
let admin: Client;

beforeAll(async () => {
  s = await startTestServer();
  officer = await new Client(s.url).login('canbo1', OFFICER_PASSWORD);
  admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await s.close();
});

const once = <T>(socket: Socket, event: string) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within 3 s`)), 3000);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });

describe('REST API', () => {
  it('health and the demo office', async () => {
    const h = await new Client(s.url).get<{ ok: boolean }>('/api/health');
    expect(h).toMatchObject({ status: 200, body: { ok: true } });
    const q = await new Client(s.url).get<QueueSnapshot>('/api/queue');
    expect(q.body.services).toHaveLength(5);
    expect(q.body.counters).toHaveLength(4);
    expect(q.body.priorities.map((p) => p.name)).toContain('Người cao tuổi');
    expect(q.body.office.openNow).toBe(true);
  });

  it('issues a ticket with people ahead and an estimated wait', async () => {
    const kiosk = new Client(s.url);
    const first = await kiosk.post<IssuedTicket>('/api/tickets', { serviceId: 3 });
    expect(first.status).toBe(201);
    expect(first.body.ticket.number).toBe('C001');
    expect(first.body.waitingAhead).toBe(0);
    expect(first.body.trackUrl).toBe(`/t/${first.body.publicCode}`);
    const second = await kiosk.post<IssuedTicket>('/api/tickets', { serviceId: 3 });
    expect(second.body).toMatchObject({ waitingAhead: 1, estimatedWaitMinutes: expect.any(Number) });
    const phone = await kiosk.get<{ ticket: { number: string }; waitingAhead: number }>(`/api/t/${second.body.publicCode}`);
    expect(phone.body).toMatchObject({ ticket: { number: 'C002' }, waitingAhead: 1 });
    // The public snapshot never carries public codes.
    const snap = await kiosk.get('/api/queue');
    expect(JSON.stringify(snap.body)).not.toContain(second.body.publicCode);
  });

  it('rejects bad bodies with 400 and changes nothing', async () => {
    const kiosk = new Client(s.url);
    const before = (await kiosk.get<QueueSnapshot>('/api/queue')).body.tickets.length;
    for (const body of [{}, { serviceId: 'x' }, { serviceId: -1 }, { serviceId: 1, priorityId: 'old' }, '{not json']) {
      const r = await kiosk.post<{ error: { code: string; message: string } }>('/api/tickets', body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toMatch(/invalid_input|invalid_json/);
      expect(r.body.error.message.length).toBeGreaterThan(5);
    }
    expect((await kiosk.post('/api/tickets', { serviceId: 999 })).status).toBe(404);
    expect((await kiosk.get<QueueSnapshot>('/api/queue')).body.tickets.length).toBe(before);
  });

  it('counter actions over HTTP, with 204 when nobody waits and 409 on illegal moves', async () => {
    const kiosk = new Client(s.url);
    await kiosk.post('/api/tickets', { serviceId: 2 });
    const called = await officer.post<CounterView>('/api/counters/2/call-next', { expectedCurrentTicketId: null });
    expect(called.status).toBe(200);
    expect(called.body.current?.number).toBe('B001');
    expect((await officer.post('/api/counters/2/start')).status).toBe(200);
    expect((await officer.post<CounterView>('/api/counters/2/recall')).body.current?.callCount).toBe(2);
    const illegal = await officer.post<{ error: { code: string } }>('/api/counters/2/skip');
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.code).toBe('illegal_transition');
    const stale = await officer.post<{ error: { code: string } }>('/api/counters/2/call-next', {
      expectedCurrentTicketId: null,
    });
    expect(stale.status).toBe(409);
    const done = await officer.post('/api/counters/2/call-next', { expectedCurrentTicketId: called.body.current?.id });
    expect(done.status).toBe(204);
    expect((await officer.post('/api/counters/2/pause')).status).toBe(200);
    expect((await officer.post('/api/counters/2/call-next')).status).toBe(409);
    expect((await officer.post('/api/counters/2/resume')).status).toBe(200);
  });

  it('login errors, logout and admin-only configuration', async () => {
    const anon = new Client(s.url);
    expect((await anon.post('/api/auth/login', { username: 'admin', password: 'wrong-password' })).status).toBe(401);
    expect((await anon.get('/api/auth/me')).status).toBe(401);
    expect((await officer.get('/api/admin/office')).status).toBe(403);
    const office = await admin.get<Record<string, unknown>>('/api/admin/office');
    const updated = await admin.put('/api/admin/office', { ...office.body, notice: 'Thông báo mới' });
    expect(updated.status).toBe(200);
    expect((await anon.get<QueueSnapshot>('/api/queue')).body.office.notice).toBe('Thông báo mới');
    const badCode = await admin.put('/api/admin/office', { ...office.body, agencyCode: 'H56' });
    expect(badCode.status).toBe(400);
    const temp = await new Client(s.url).login('canbo2', OFFICER_PASSWORD);
    expect((await temp.post('/api/auth/logout')).status).toBe(204);
    expect((await temp.get('/api/auth/me')).status).toBe(401);
  });

  it('admin CRUD for fields, counters, priorities and officers', async () => {
    const svc = await admin.post<{ id: number; prefix: string }>('/api/admin/services', {
      code: 'CT',
      name: 'Chứng thực',
      prefix: 'F',
    });
    expect(svc.status).toBe(201);
    const dup = await admin.post<{ error: { code: string } }>('/api/admin/services', { code: 'CT', name: 'X' });
    expect(dup.status).toBe(409);
    const counter = await admin.post<{ id: number; serviceIds: number[] }>('/api/admin/counters', {
      number: 9,
      name: 'Quầy 9',
      serviceIds: [svc.body.id],
    });
    expect(counter.body.serviceIds).toEqual([svc.body.id]);
    const prio = await admin.post<{ id: number }>('/api/admin/priorities', { name: 'Trẻ em dưới 6 tuổi' });
    expect(prio.status).toBe(201);
    const off = await admin.post<{ id: number }>('/api/admin/officers', {
      name: 'Bưu điện',
      username: 'bccI.01',
      password: 'long-enough-1',
      counterIds: [counter.body.id],
    });
    expect(off.status).toBe(201);
    const bcc = await new Client(s.url).login('bccI.01', 'long-enough-1');
    // A first password set by an admin is replaced by the officer's own before anything else.
    expect((await bcc.post('/api/auth/password', { currentPassword: 'long-enough-1', newPassword: 'bcc-own-pass-1' })).status).toBe(200);
    await new Client(s.url).post('/api/tickets', { serviceId: svc.body.id, priorityId: prio.body.id });
    const call = await bcc.post<CounterView>(`/api/counters/${counter.body.id}/call-next`);
    expect(call.body.current).toMatchObject({ number: 'F001', priority: true, priorityName: 'Trẻ em dưới 6 tuổi' });
    expect((await bcc.post('/api/counters/1/call-next')).status).toBe(403);
    const hours = await admin.put('/api/admin/opening-hours', { hours: [{ weekday: 1, open: '11:00', close: '10:00' }] });
    expect(hours.status).toBe(400);
  });
});

describe('office settings', () => {
  it('display settings and profiles reach the public snapshot; bad settings change nothing', async () => {
    const office = (await admin.get<Record<string, unknown>>('/api/admin/office')).body;
    const before = (await new Client(s.url).get<QueueSnapshot>('/api/queue')).body.office.display;
    expect(before).toEqual({ voice: 'clips', repeat: 2, english: false, profiles: [] });

    const display = {
      voice: 'speechSynthesis',
      repeat: 3,
      english: true,
      profiles: [{ key: 'tang-1', name: 'Tầng 1', counters: [1, 2], services: ['A'] }],
    };
    const printer = { uri: 'none', paperWidthDots: 384, publicUrl: 'http://192.168.1.10:3000' };
    const ok = await admin.put<{ settings: Record<string, unknown> }>('/api/admin/office', { ...office, settings: { display, printer } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const after = (await new Client(s.url).get<QueueSnapshot>('/api/queue')).body.office.display;
    expect(after).toEqual({ ...display, profiles: [{ ...display.profiles[0], muted: false }] });

    for (const settings of [
      { display: { repeat: 0 } },
      { display: { profiles: [{ key: 'Tầng 1', name: 'x' }] } },
      { display: { profiles: [{ key: 'a', name: 'A' }, { key: 'a', name: 'B' }] } },
      { display: { volume: 11 } },
      { printer: { uri: 'http://printer' } },
      { printer: { paperWidthDots: 'wide' } },
      { colour: 'red' },
    ]) {
      const bad = await admin.put<{ error: { code: string; message: string } }>('/api/admin/office', { ...office, settings });
      expect(bad.status, JSON.stringify(settings)).toBe(400);
      expect(bad.body.error.message).toMatch(/^Dữ liệu không hợp lệ: settings/);
    }
    const stored = (await admin.get<{ settings: Record<string, unknown> }>('/api/admin/office')).body.settings;
    expect(stored).toMatchObject({ display: { repeat: 3 }, printer });

    // Back to the defaults for the other tests.
    await admin.put('/api/admin/office', { ...office, settings: {} });
  });
});

describe('live events', () => {
  it('public namespace: snapshot on connect, then issued and called events with counter number', async () => {
    const socket = connect(`${s.url}/public`, { transports: ['websocket'], forceNew: true });
    const snap = await once<QueueSnapshot>(socket, 'snapshot');
    expect(snap.counters.map((c) => c.number)).toEqual(expect.arrayContaining([1, 2, 3, 4]));
    // Listen before issuing: the coalesced stats of the issue may arrive before the call does.
    const statsAfterIssue = once<unknown[]>(socket, 'stats:updated');
    const issued = once<{ ticket: { number: string } }>(socket, 'ticket:issued');
    const t = await new Client(s.url).post<IssuedTicket>('/api/tickets', { serviceId: 4 });
    expect((await issued).ticket.number).toBe(t.body.ticket.number);
    const called = once<TicketCalledEvent>(socket, 'ticket:called');
    await officer.post('/api/counters/4/call-number', { number: t.body.ticket.number });
    const call = await called;
    expect(call).toMatchObject({ number: t.body.ticket.number, counterNumber: 4, kind: 'call' });
    // One message per call on /public: the counter's state and fresh stats ride along.
    expect(call.counter).toMatchObject({ number: 4, currentTicket: { number: t.body.ticket.number } });
    expect(call.stats?.length).toBe(snap.services.length);
    const stats = await statsAfterIssue;
    expect(stats.length).toBe(snap.services.length);
    const recalled = once<TicketCalledEvent>(socket, 'ticket:called');
    await officer.post('/api/counters/4/recall');
    expect((await recalled).kind).toBe('recall');
    // On demand, a fresh snapshot with the call in the history.
    const fresh = await socket.emitWithAck('snapshot:get');
    expect((fresh as QueueSnapshot).lastCalls[0]).toMatchObject({ number: t.body.ticket.number, kind: 'recall' });
    socket.close();
  });

  it('a call is one message on /public, even when it finishes the previous ticket', async () => {
    const kiosk = new Client(s.url);
    await kiosk.post('/api/tickets', { serviceId: 5 });
    await kiosk.post('/api/tickets', { serviceId: 5 });
    const socket = connect(`${s.url}/public`, { transports: ['websocket'], forceNew: true });
    await once(socket, 'snapshot');
    const first = await officer.post<CounterView>('/api/counters/1/call-next');
    await new Promise((r) => setTimeout(r, 400)); // let the coalesced stats of the issues go by
    const seen: string[] = [];
    socket.onAny((name: string) => seen.push(name));
    const called = once<TicketCalledEvent>(socket, 'ticket:called');
    await officer.post('/api/counters/1/call-next', { expectedCurrentTicketId: first.body.current?.id });
    const call = await called;
    await new Promise((r) => setTimeout(r, 400));
    expect(seen).toEqual(['ticket:called']);
    expect(call.previous).toMatchObject({ id: first.body.current?.id, status: 'done' });
    socket.close();
  });

  it('staff namespace refuses a connection without a session', async () => {
    const socket = connect(`${s.url}/staff`, { transports: ['websocket'], forceNew: true, reconnection: false });
    const err = await once<Error>(socket, 'connect_error');
    expect(err.message).toBe('unauthenticated');
    socket.close();
    const ok = connect(`${s.url}/staff`, {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { cookie: officer.cookie },
    });
    expect((await once<QueueSnapshot>(ok, 'snapshot')).services.length).toBeGreaterThan(0);
    ok.close();
  });
});
