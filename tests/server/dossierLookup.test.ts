import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';
import { ManualClock } from '../../server/domain/clock';
import { LOOKUPS_PER_MINUTE } from '../../server/http/routes/dossierLookup';
import { normalizeDossierCode } from '../../server/domain/dossiers/publicLookup';
import { CARD_EVENTS, KIOSK_NAMESPACE, type CardReadEvent, type CardReaderState } from '../../shared/cards';
import type { PublicDossierStatus } from '../../shared/dossiers';
import { TEST_CARDS } from '../../drivers/card-reader';

const AGENCY = '000.00.06.H56';
/** 2026-11-23 (Monday) 09:00 in Hanoi. */
const clock = new ManualClock('2026-11-23T02:00:00.000Z');
const APPLICANT = { name: 'Lê Văn Bímật', phone: '0912345678', address: '12 Đường Riêng Tư, thôn Kín' };
const PUBLIC_KEYS = ['code', 'procedureName', 'status', 'statusLabel', 'receivedAt', 'dueAt', 'resolvedAt', 'returnedAt', 'timeliness', 'collectAt'].sort();

let s: TestServer;
let admin: Client;
const sockets: Socket[] = [];
/** Each test group looks up from its own client address, so the rate limit of one does not touch another. */
let ipSeq = 10;
const fromNewAddress = () => {
  const c = new Client(s.url);
  c.headers = { 'x-forwarded-for': `10.9.0.${ipSeq++}` };
  return c;
};

beforeAll(async () => {
  s = await startTestServer({ clock });
  admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
  await until(async () => (await admin.get<CardReaderState[]>('/api/admin/card-readers')).body[0]?.connected === true);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await s.close();
});

async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let nextId = 1;
/** A dossier as the counter or an import would store it, with the applicant's personal data. */
function insertDossier(o: {
  code: string;
  status: string;
  receivedAt: string;
  dueAt: string | null;
  resolvedAt?: string | null;
  returnedAt?: string | null;
  citizenId?: number | null;
  procedureName?: string;
}): number {
  const id = nextId++;
  s.app.db
    .prepare(
      `INSERT INTO dossiers (id, code, procedure_code, procedure_name, applicant_name, applicant_phone, applicant_address, citizen_id,
         channel, status, received_at, due_at, resolved_at, returned_at, collect_at, created_at, updated_at)
       VALUES (?, ?, '1.000894', ?, ?, ?, ?, ?, 'truc_tiep', ?, ?, ?, ?, ?, 'Quầy số 2, Bộ phận Một cửa', ?, ?)`,
    )
    .run(
      id,
      o.code,
      o.procedureName ?? 'Đăng ký kết hôn',
      APPLICANT.name,
      APPLICANT.phone,
      APPLICANT.address,
      o.citizenId ?? null,
      o.status,
      o.receivedAt,
      o.dueAt,
      o.resolvedAt ?? null,
      o.returnedAt ?? null,
      o.receivedAt,
      o.receivedAt,
    );
  return id;
}

const noPersonalData = (body: unknown, extra: string[] = []) => {
  const text = JSON.stringify(body);
  for (const secret of [APPLICANT.name, 'Bímật', APPLICANT.phone, APPLICANT.address, 'Riêng Tư', ...extra]) {
    expect(text).not.toContain(secret);
  }
};

describe('dossier codes typed, scanned or short', () => {
  it('accepts the full code, the QR link of the slip, and the short form of the office’s own codes', () => {
    expect(normalizeDossierCode('000.00.06.H56-231027-0361', AGENCY)).toBe('000.00.06.H56-231027-0361');
    expect(normalizeDossierCode('  000.00.06.h56-231027-0361 ', AGENCY)).toBe('000.00.06.H56-231027-0361');
    expect(normalizeDossierCode('http://192.168.1.5:3000/h/000.00.06.H56-231027-0361', AGENCY)).toBe('000.00.06.H56-231027-0361');
    expect(normalizeDossierCode('https://motcua.example.vn/h/000.00.02.H56-231027-0007?x=1', AGENCY)).toBe('000.00.02.H56-231027-0007');
    expect(normalizeDossierCode('231027 361', AGENCY)).toBe('000.00.06.H56-231027-0361');
    expect(normalizeDossierCode('231027-0361', AGENCY)).toBe('000.00.06.H56-231027-0361');
    expect(normalizeDossierCode('2310270361', AGENCY)).toBe('000.00.06.H56-231027-0361');
    expect(normalizeDossierCode('231027 12345', AGENCY)).toBe('000.00.06.H56-231027-12345');
  });

  it('refuses what cannot be a dossier code', () => {
    for (const bad of ['', 'abc', '231327 361', '231000 1', '231027 0', '23102 361', 'x'.repeat(80), '000.00.06.H56-231027-36']) {
      expect(normalizeDossierCode(bad, AGENCY)).toBeNull();
    }
    expect(normalizeDossierCode('231027 361', '')).toBeNull();
  });
});

describe('GET /api/dossier-status/:code', () => {
  it('shows status, dates and timeliness of a dossier by its full or short code, and never the applicant', async () => {
    insertDossier({ code: `${AGENCY}-261120-0361`, status: 'processing', receivedAt: '2026-11-20T02:00:00.000Z', dueAt: '2026-11-25T10:00:00.000Z' });
    const c = fromNewAddress();
    for (const code of [`${AGENCY}-261120-0361`, '261120 361', '261120-0361', '2611200361']) {
      const r = await c.get<PublicDossierStatus>(`/api/dossier-status/${encodeURIComponent(code)}`);
      expect(r.status).toBe(200);
      expect(Object.keys(r.body).sort()).toEqual(PUBLIC_KEYS);
      expect(r.body).toEqual({
        code: `${AGENCY}-261120-0361`,
        procedureName: 'Đăng ký kết hôn',
        status: 'processing',
        statusLabel: 'Đang xử lý',
        receivedAt: '2026-11-20T02:00:00.000Z',
        dueAt: '2026-11-25T10:00:00.000Z',
        resolvedAt: null,
        returnedAt: null,
        timeliness: 'in_time',
        collectAt: 'Quầy số 2, Bộ phận Một cửa',
      });
      noPersonalData(r.body);
    }
  });

  it('says overdue for an open dossier past its due time, early for a result ready before the due day', async () => {
    insertDossier({ code: `${AGENCY}-261110-0002`, status: 'supplement_requested', receivedAt: '2026-11-10T02:00:00.000Z', dueAt: '2026-11-17T10:00:00.000Z' });
    insertDossier({
      code: `${AGENCY}-261110-0003`,
      status: 'resolved',
      receivedAt: '2026-11-10T02:00:00.000Z',
      dueAt: '2026-11-24T10:00:00.000Z',
      resolvedAt: '2026-11-21T03:00:00.000Z',
    });
    const c = fromNewAddress();
    const late = await c.get<PublicDossierStatus>('/api/dossier-status/261110%200002');
    expect(late.body).toMatchObject({ status: 'supplement_requested', statusLabel: 'Yêu cầu bổ sung giấy tờ', timeliness: 'overdue_open' });
    const early = await c.get<PublicDossierStatus>('/api/dossier-status/261110-0003');
    expect(early.body).toMatchObject({ status: 'resolved', statusLabel: 'Đã xử lý xong', timeliness: 'early' });
  });

  it('answers an unknown or malformed code with a bilingual 404', async () => {
    const c = fromNewAddress();
    for (const code of [`${AGENCY}-261120-9999`, '261120 9999', 'khong-phai-ma']) {
      const r = await c.get<{ error: { code: string; message: string } }>(`/api/dossier-status/${encodeURIComponent(code)}`);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
      expect(r.body.error.message).toMatch(/^Không tìm thấy hồ sơ .*\(No dossier has this code/);
    }
    const odd = await c.get<{ error: { code: string } }>(`/api/dossier-status/${encodeURIComponent('<script>')}`);
    expect(odd.status).toBe(400);
    expect(odd.body.error.code).toBe('invalid_input');
  });

  it('limits lookups per client address, so codes cannot be walked through', async () => {
    const c = fromNewAddress();
    const statuses: number[] = [];
    for (let i = 1; i <= LOOKUPS_PER_MINUTE + 1; i++) {
      statuses.push((await c.get(`/api/dossier-status/261120%20${1000 + i}`)).status);
    }
    expect(statuses.slice(0, LOOKUPS_PER_MINUTE).every((st) => st === 404)).toBe(true);
    const limited = await c.get<{ error: { code: string; message: string } }>('/api/dossier-status/261120%20361');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_lookups');
    expect(limited.body.error.message).toMatch(/^Tra cứu quá nhiều lần.*\(Too many lookups/);
    // Another address is not affected.
    expect((await fromNewAddress().get('/api/dossier-status/261120%20361')).status).toBe(200);
  });
});

/** A kiosk's card channel: the card's readId, as the kiosk gets it. */
async function readAtKiosk(preset: number, kioskId: string | null = null): Promise<CardReadEvent> {
  const socket = connect(`${s.url}${KIOSK_NAMESPACE}`, { transports: ['websocket'], forceNew: true, auth: { kioskId } });
  sockets.push(socket);
  const reads: CardReadEvent[] = [];
  socket.on(CARD_EVENTS.read, (e: CardReadEvent) => reads.push(e));
  await new Promise<void>((r) => socket.on('connect', () => r()));
  expect((await admin.post('/api/admin/card-readers/simulated/test-card', { preset })).status).toBe(204);
  await until(() => reads.length > 0);
  return reads[reads.length - 1]!;
}

async function removeCard() {
  expect((await admin.request('DELETE', '/api/admin/card-readers/simulated/test-card', {})).status).toBe(204);
  await until(() => s.app.ctx.cards.service.currentRead(null) === undefined);
}

describe('a chip card on the kiosk reader lists that citizen’s dossiers', () => {
  it('lists open dossiers and results to collect, hides handed-over ones, and gives nothing personal', async () => {
    const card = TEST_CARDS[1]!;
    // The citizen is stored when a ticket is taken with the card (or a counter reads it).
    const first = await readAtKiosk(1);
    const issued = await new Client(s.url).post<{ ticket: { id: number } }>('/api/tickets', {
      serviceId: s.app.ctx.config.services()[0]!.id,
      cardReadId: first.readId,
    });
    expect(issued.status).toBe(201);
    await removeCard();
    const citizenId = s.app.db.prepare('SELECT citizen_id FROM ticket_citizens WHERE ticket_id = ?').pluck().get(issued.body.ticket.id) as number;
    expect(citizenId).toBeGreaterThan(0);
    insertDossier({ code: `${AGENCY}-261118-0010`, status: 'accepted', receivedAt: '2026-11-18T02:00:00.000Z', dueAt: '2026-11-26T10:00:00.000Z', citizenId, procedureName: 'Đăng ký khai sinh' });
    insertDossier({ code: `${AGENCY}-261119-0011`, status: 'resolved', receivedAt: '2026-11-19T02:00:00.000Z', dueAt: '2026-11-20T10:00:00.000Z', resolvedAt: '2026-11-20T04:00:00.000Z', citizenId });
    insertDossier({ code: `${AGENCY}-261101-0012`, status: 'returned', receivedAt: '2026-11-01T02:00:00.000Z', dueAt: '2026-11-03T10:00:00.000Z', resolvedAt: '2026-11-03T02:00:00.000Z', returnedAt: '2026-11-04T02:00:00.000Z', citizenId });
    // Someone else's dossier.
    insertDossier({ code: `${AGENCY}-261118-0013`, status: 'accepted', receivedAt: '2026-11-18T03:00:00.000Z', dueAt: '2026-11-26T10:00:00.000Z' });

    const read = await readAtKiosk(1);
    // The kiosk's greeting says how many: an open one and a result to collect.
    expect(first.openDossiers).toBe(0);
    expect(read.openDossiers).toBe(2);
    const kiosk = fromNewAddress();
    const r = await kiosk.get<{ dossiers: PublicDossierStatus[] }>(`/api/dossier-status/card/${read.readId}`);
    expect(r.status).toBe(200);
    expect(r.body.dossiers.map((d) => d.code)).toEqual([`${AGENCY}-261119-0011`, `${AGENCY}-261118-0010`]);
    expect(r.body.dossiers[0]).toMatchObject({ statusLabel: 'Đã xử lý xong', timeliness: 'on_time' });
    expect(r.body.dossiers[1]).toMatchObject({ statusLabel: 'Được tiếp nhận', timeliness: 'in_time', procedureName: 'Đăng ký khai sinh' });
    for (const d of r.body.dossiers) expect(Object.keys(d).sort()).toEqual(PUBLIC_KEYS);
    noPersonalData(r.body, [card.fullName, card.idNumber, card.idNumber.slice(3)]);

    // Another kiosk (or a stranger naming none) cannot use that readId; nor after the card is taken away.
    const elsewhere = fromNewAddress();
    elsewhere.headers['x-kiosk-id'] = 'sanh-2';
    const foreign = await elsewhere.get<{ error: { code: string; message: string } }>(`/api/dossier-status/card/${read.readId}`);
    expect(foreign.status).toBe(409);
    expect(foreign.body.error.code).toBe('card_gone');
    expect(foreign.body.error.message).toMatch(/^Thẻ đã được lấy ra.*\(The card was removed/);
    expect((await kiosk.get(`/api/dossier-status/card/${'A'.repeat(22)}`)).status).toBe(409);
    expect((await kiosk.get('/api/dossier-status/card/bad*id')).status).toBe(400);
    await removeCard();
    expect((await kiosk.get(`/api/dossier-status/card/${read.readId}`)).status).toBe(409);
  });

  it('gives an empty list for a card whose citizen was never stored', async () => {
    const read = await readAtKiosk(3);
    expect(read.openDossiers).toBe(0);
    const r = await fromNewAddress().get<{ dossiers: PublicDossierStatus[] }>(`/api/dossier-status/card/${read.readId}`);
    expect(r.status).toBe(200);
    expect(r.body.dossiers).toEqual([]);
    await removeCard();
  });
});

describe('the phone ticket page', () => {
  it('shows the status of the dossiers linked to the ticket, without personal data', async () => {
    const issued = await new Client(s.url).post<{ ticket: { id: number }; publicCode: string }>('/api/tickets', {
      serviceId: s.app.ctx.config.services()[0]!.id,
    });
    const none = await new Client(s.url).get<{ dossiers: PublicDossierStatus[] }>(`/api/t/${issued.body.publicCode}`);
    expect(none.body.dossiers).toEqual([]);
    const id = insertDossier({ code: `${AGENCY}-261123-0001`, status: 'accepted', receivedAt: '2026-11-23T02:00:00.000Z', dueAt: '2026-11-23T10:00:00.000Z' });
    s.app.db
      .prepare("INSERT INTO dossier_tickets (dossier_id, ticket_id, role, linked_at) VALUES (?, ?, 'receive', ?)")
      .run(id, issued.body.ticket.id, '2026-11-23T02:00:00.000Z');
    const r = await new Client(s.url).get<{ dossiers: PublicDossierStatus[] }>(`/api/t/${issued.body.publicCode}`);
    expect(r.status).toBe(200);
    expect(r.body.dossiers).toEqual([expect.objectContaining({ code: `${AGENCY}-261123-0001`, statusLabel: 'Được tiếp nhận', timeliness: 'in_time' })]);
    noPersonalData(r.body);
  });
});
