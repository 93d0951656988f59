import crypto from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { CARD_EVENTS, CITIZEN_LINKED_EVENT, KIOSK_NAMESPACE, type CardReadEvent, type CardReaderState, type CitizenAccessEntry, type CounterCitizen } from '../../shared/cards';
import { TEST_CARDS } from '../../drivers/card-reader';

/** Personal data of the test cards that must never leave the officer's and admin's views. */
const SECRETS = TEST_CARDS.flatMap((c) => [c.idNumber, c.fullName, c.idNumber.slice(3)]);

let s: TestServer;
let admin: Client;
const sockets: Socket[] = [];
const output: string[] = [];
const restore: (() => void)[] = [];

beforeAll(async () => {
  // Everything the server writes (pino and console) while these tests run.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = write));
  }
  s = await startTestServer();
  admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
  await until(async () => (await admin.get<CardReaderState[]>('/api/admin/card-readers')).body[0]?.connected === true);
}, 30_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await s.close();
  for (const r of restore) r();
});

async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A kiosk's card channel; `next(event)` resolves with the next such event. */
function kiosk(kioskId: string | null) {
  const socket = connect(`${s.url}${KIOSK_NAMESPACE}`, { transports: ['websocket'], forceNew: true, auth: { kioskId } });
  sockets.push(socket);
  const seen: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  const next = async <T>(event: string, from = seen.length): Promise<T> => {
    await until(() => seen.slice(from).some((e) => e.event === event));
    return seen.slice(from).find((e) => e.event === event)?.payload as T;
  };
  const connected = new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  return { socket, seen, next, connected };
}

async function placeCard(preset: number, extra: Record<string, unknown> = {}) {
  const r = await admin.post('/api/admin/card-readers/simulated/test-card', { preset, ...extra });
  expect(r.status).toBe(204);
}

async function removeCard() {
  expect((await admin.request('DELETE', '/api/admin/card-readers/simulated/test-card', {})).status).toBe(204);
}

const serviceId = () => s.app.ctx.config.services()[0]!.id;
const linkOf = (ticketId: number) => s.app.db.prepare('SELECT citizen_id FROM ticket_citizens WHERE ticket_id = ?').get(ticketId);

async function readAtKiosk(preset: number, kioskId: string | null = null): Promise<CardReadEvent> {
  const k = kiosk(kioskId);
  await k.connected;
  const from = k.seen.length;
  await placeCard(preset);
  const read = await k.next<CardReadEvent>(CARD_EVENTS.read, from);
  return read;
}

describe('card readers on the server', () => {
  it('runs one simulated reader at the kiosk without an id by default', async () => {
    const readers = (await admin.get<CardReaderState[]>('/api/admin/card-readers')).body;
    expect(readers).toEqual([
      expect.objectContaining({ key: 'simulated', protocol: 'simulated', place: { kind: 'kiosk', kioskId: null }, connected: true }),
    ]);
    const health = await new Client(s.url).get<{ devices: { cardReaders: unknown[] } }>('/api/health');
    expect(health.body.devices.cardReaders).toEqual([{ key: 'simulated', connected: true, faults: [] }]);
  });

  it('sends the read only to the kiosk at the reader’s place, masked, and links the ticket issued with its readId', async () => {
    const other = kiosk('sanh-2');
    await other.connected;
    const read = await readAtKiosk(1);
    expect(read).toMatchObject({ greeting: 'Trần T. B. N.', verified: true, openDossiers: 0 });
    expect(read.readId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(other.seen.map((e) => e.event)).not.toContain(CARD_EVENTS.read);

    const staff = new Client(s.url);
    const issued = await staff.post<{ ticket: { id: number } }>('/api/tickets', { serviceId: serviceId(), cardReadId: read.readId });
    expect(issued.status).toBe(201);
    expect(linkOf(issued.body.ticket.id)).toBeDefined();
    const stored = s.app.db.prepare('SELECT * FROM citizens').all() as Record<string, unknown>[];
    expect(stored).toHaveLength(1);
    expect(Object.keys(stored[0]!).sort()).toEqual(
      ['birth_date', 'chip_check', 'first_seen', 'full_name', 'gender', 'id', 'id_hmac', 'id_number', 'last_seen'].sort(),
    );
    expect(stored[0]).toMatchObject({ id_number: '001185004321', full_name: 'Trần Thị Bích Ngọc', birth_date: '1985-07-12', gender: 'Nữ', chip_check: 'verified' });
    await removeCard();
  });

  it('refuses a kiosk channel whose kioskId is not a kiosk id', async () => {
    const socket = connect(`${s.url}${KIOSK_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { kioskId: '../x' } });
    sockets.push(socket);
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('invalid kioskId');
  });

  it('ignores a readId of another kiosk, an unknown one, and one whose card was removed (the ticket is still issued)', async () => {
    const read = await readAtKiosk(0);
    const elsewhere = new Client(s.url);
    elsewhere.headers = { 'x-kiosk-id': 'sanh-2' };
    const foreign = await elsewhere.post<{ ticket: { id: number } }>('/api/tickets', { serviceId: serviceId(), cardReadId: read.readId });
    expect(foreign.status).toBe(201);
    expect(linkOf(foreign.body.ticket.id)).toBeUndefined();
    const unknown = await new Client(s.url).post<{ ticket: { id: number } }>('/api/tickets', { serviceId: serviceId(), cardReadId: 'A'.repeat(22) });
    expect(unknown.status).toBe(201);
    expect(linkOf(unknown.body.ticket.id)).toBeUndefined();
    await removeCard();
    await until(() => s.app.ctx.cards.service.currentRead(null) === undefined);
    const late = await new Client(s.url).post<{ ticket: { id: number } }>('/api/tickets', { serviceId: serviceId(), cardReadId: read.readId });
    expect(late.status).toBe(201);
    expect(linkOf(late.body.ticket.id)).toBeUndefined();
  });

  it('a wrong key gives the kiosk a clear failure and stores nothing', async () => {
    const before = s.app.db.prepare('SELECT COUNT(*) FROM citizens').pluck().get();
    const k = kiosk(null);
    await k.connected;
    await placeCard(2, { wrongKey: true });
    const failed = await k.next<{ reason: string; message: string }>(CARD_EVENTS.failed);
    expect(failed.reason).toBe('wrong-key');
    expect(failed.message).toMatch(/^Không mở được chip/);
    expect(s.app.db.prepare('SELECT COUNT(*) FROM citizens').pluck().get()).toBe(before);
    await removeCard();
  });

  it('shows the citizen of the current ticket only to an officer allowed at that counter, and logs each access', async () => {
    const read = await readAtKiosk(3);
    const issued = await new Client(s.url).post<{ ticket: { id: number } }>('/api/tickets', { serviceId: serviceId(), cardReadId: read.readId });
    await removeCard();
    const counter = s.app.ctx.config.counters().find((c) => c.serviceIds.includes(serviceId()))!;
    const others = s.app.ctx.config.counters().filter((c) => c.id !== counter.id);
    const canbo2 = s.app.ctx.officers.list().find((o) => o.username === 'canbo2')!;
    await s.app.ctx.officers.save({ ...canbo2, counterIds: [others[0]!.id] }, canbo2.id);

    const officer = await new Client(s.url).login('canbo1', OFFICER_PASSWORD);
    const staffSocket = connect(`${s.url}/staff`, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie: officer.cookie } });
    sockets.push(staffSocket);
    // Call until the linked ticket is at the counter.
    for (let i = 0; i < 20; i++) {
      const view = await officer.post<{ current: { id: number } | null }>(`/api/counters/${counter.id}/call-next`, {});
      if (view.body?.current?.id === issued.body.ticket.id) break;
    }
    const seen = await officer.get<CounterCitizen>(`/api/counters/${counter.id}/citizen`);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      ticketId: issued.body.ticket.id,
      citizen: expect.objectContaining({ fullName: 'Phạm Thu Hà', birthDate: '28/02/2017', gender: 'Nữ', idNumber: '036317000123', check: 'verified' }),
    });
    const stranger = await new Client(s.url).login('canbo2', OFFICER_PASSWORD);
    expect((await stranger.get(`/api/counters/${counter.id}/citizen`)).status).toBe(403);
    expect((await admin.get(`/api/counters/${counter.id}/citizen`)).status).toBe(200);

    const log = (await admin.get<CitizenAccessEntry[]>('/api/admin/citizens/access-log')).body;
    const views = log.filter((e) => e.action === 'view' && e.ticketId === issued.body.ticket.id);
    expect(views).toHaveLength(2);
    expect(views.map((v) => v.officerName)).toContain('Nguyễn Thị Lan');
    expect(views[0]!.idNumber).toBe('0363****0123');
  });

  it('keys citizens by the HMAC of the ID number with the installation secret (0600 file)', () => {
    const file = join(s.dataDir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    const hmac = crypto.createHmac('sha256', secret).update('001185004321').digest('hex');
    expect(s.app.db.prepare('SELECT full_name FROM citizens WHERE id_hmac = ?').pluck().get(hmac)).toBe('Trần Thị Bích Ngọc');
  });

  it('erases one citizen on request, recorded without the number', async () => {
    const erase = (idNumber: string) => admin.request('DELETE', '/api/admin/citizens', { idNumber });
    expect((await erase('001185004321')).status).toBe(204);
    expect(s.app.db.prepare("SELECT COUNT(*) FROM citizens WHERE id_number = '001185004321'").pluck().get()).toBe(0);
    expect((await erase('001185004321')).status).toBe(404);
    const log = (await admin.get<CitizenAccessEntry[]>('/api/admin/citizens/access-log')).body;
    expect(log[0]).toMatchObject({ action: 'erase', idNumber: '', officerName: expect.any(String) });
    expect(JSON.stringify(log)).not.toContain('1185');
    expect((await new Client(s.url).login('canbo1', OFFICER_PASSWORD).then((c) => c.request('DELETE', '/api/admin/citizens', { idNumber: '036317000123' }))).status).toBe(403);
  });

  it('purges personal data past the retention period and keeps the tickets', () => {
    const tickets = s.app.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get();
    const old = new Date(Date.now() - 31 * 86_400_000).toISOString();
    s.app.db.prepare('UPDATE ticket_citizens SET linked_at = ?').run(old);
    s.app.db.prepare('UPDATE citizens SET last_seen = ?').run(old);
    expect(s.app.db.prepare('SELECT COUNT(*) FROM citizens').pluck().get()).toBeGreaterThan(0);
    const purged = s.app.ctx.cards.access.purge();
    expect(purged.citizens).toBeGreaterThan(0);
    expect(s.app.db.prepare('SELECT COUNT(*) FROM citizens').pluck().get()).toBe(0);
    expect(s.app.db.prepare('SELECT COUNT(*) FROM ticket_citizens').pluck().get()).toBe(0);
    expect(s.app.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(tickets);
  });

  it('never puts personal data on the public API, the public socket, the phone page data, the staff socket event or the log', async () => {
    const officer = await new Client(s.url).login('canbo1', OFFICER_PASSWORD);
    const staff = connect(`${s.url}/staff`, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie: officer.cookie } });
    sockets.push(staff);
    const staffEvents: { event: string; payload: unknown }[] = [];
    staff.onAny((event: string, payload: unknown) => staffEvents.push({ event, payload }));
    await new Promise((resolve) => staff.once('snapshot', resolve));
    const read = await readAtKiosk(0);
    const issued = await new Client(s.url).post<{ ticket: { id: number }; publicCode: string }>('/api/tickets', { serviceId: serviceId(), cardReadId: read.readId });
    expect(linkOf(issued.body.ticket.id)).toBeDefined();
    await until(() => staffEvents.some((e) => e.event === CITIZEN_LINKED_EVENT));
    expect(staffEvents.find((e) => e.event === CITIZEN_LINKED_EVENT)?.payload).toEqual({ ticketId: issued.body.ticket.id, counterId: null });
    const pub = new Client(s.url);
    const texts = [
      JSON.stringify((await pub.get('/api/queue')).body),
      JSON.stringify((await pub.get(`/api/t/${issued.body.publicCode}`)).body),
      JSON.stringify((await pub.get('/api/health')).body),
      JSON.stringify(issued.body),
    ];
    const socket = connect(`${s.url}/public`, { transports: ['websocket'], forceNew: true });
    sockets.push(socket);
    texts.push(JSON.stringify(await new Promise((resolve) => socket.once('snapshot', resolve))));
    await removeCard();
    texts.push(JSON.stringify(staffEvents));
    for (const text of [...texts, output.join('')]) for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(output.join('')).toContain('card reader simulated connected');
  });
});
