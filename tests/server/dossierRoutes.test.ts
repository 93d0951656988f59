import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { CounterView, IssuedTicket, PrintOutcome } from '../../shared/contract';
import type { StaffDossier } from '../../shared/dossiers';
import type { ReceiptSlip } from '../../drivers/printer/receipt';
import { ProcedureRepo } from '../../server/domain/catalogue/procedureRepo';
import { Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let officer: Client;
let ticket: IssuedTicket['ticket'];
let code = '';

const CODE = '9.000001';
const body = (over: Record<string, unknown> = {}) => ({
  procedureCode: CODE,
  applicant: { name: 'Phạm Thị Thử', phone: '0900 111 222', address: 'Thôn Bắc' },
  documents: [{ name: 'Tờ khai', form: 'original', copies: 1 }],
  sets: 1,
  ...over,
});

const count = (sql: string, ...args: unknown[]) => server.app.db.prepare(sql).pluck().get(...args) as number;

/** The QR of a PNG the simulated printer wrote. */
function qrOfPng(file: string): string | null {
  const img = PNG.sync.read(readFileSync(file));
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
}

beforeAll(async () => {
  server = await startTestServer();
  const ids = server.app.db.prepare("SELECT id FROM services WHERE code = 'TP'").pluck().get() as number;
  new ProcedureRepo(server.app.db, server.app.ctx.clock).save({
    code: CODE,
    name: 'Thủ tục thử nghiệm cấp xã',
    serviceId: ids,
    fieldName: 'Hộ tịch',
    level: '',
    channels: [{ channel: 'truc_tiep', time: { unit: 'working_days', value: 3 }, fee: 'Miễn lệ phí' }],
    documents: [{ name: 'Tờ khai', form: 'original', copies: 1 }],
    sets: 1,
    applicants: '',
    result: '',
    legalBasis: '',
    active: true,
    sortOrder: 1,
  });
  officer = await new Client(server.url).login('canbo1', OFFICER_PASSWORD);
  const issued = await new Client(server.url).post<IssuedTicket>('/api/tickets', { serviceId: ids });
  expect(issued.status).toBe(201);
  const called = await officer.post<CounterView>('/api/counters/1/call-next');
  expect(called.body.current?.id).toBe(issued.body.ticket.id);
  ticket = issued.body.ticket;
  // The ticket's own print is done (the kiosk's answer waits for it): a slip must not mark it printed.
  server.app.db.prepare('UPDATE tickets SET printed = 0 WHERE id = ?').run(ticket.id);
});

afterAll(async () => {
  await server?.close();
});

describe('dossier routes', () => {
  it('needs a login, JSON bodies and good input; bad input changes nothing', async () => {
    const anon = new Client(server.url);
    expect((await anon.post('/api/counters/1/dossiers', body())).status).toBe(401);
    expect((await anon.get('/api/dossiers')).status).toBe(401);
    const r415 = await officer.request('POST', '/api/counters/1/dossiers', undefined);
    expect(r415.status).toBe(415);
    const bad = await officer.post<{ error: { code: string; message: string } }>('/api/counters/1/dossiers', body({ applicant: { name: '' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Dữ liệu không hợp lệ: applicant\.name – .*\(Invalid input\.\)$/);
    const extra = await officer.post<{ error: { code: string } }>('/api/counters/1/dossiers', { ...body(), status: 'returned' });
    expect(extra.status).toBe(400);
    const unknown = await officer.post<{ error: { code: string } }>('/api/counters/1/dossiers', body({ procedureCode: '0.0' }));
    expect(unknown.body.error.code).toBe('procedure_not_found');
    const idle = await officer.post<{ error: { code: string; message: string } }>('/api/counters/2/dossiers', body());
    expect(idle.status).toBe(409);
    expect(idle.body.error.code).toBe('no_current_ticket');
    const noCard = await officer.post<{ error: { code: string } }>('/api/counters/1/dossiers', body({ fromCard: true }));
    expect(noCard.body.error.code).toBe('no_card');
    expect(count('SELECT COUNT(*) FROM dossiers')).toBe(0);
    expect(count('SELECT COUNT(*) FROM dossier_sequences')).toBe(0);
  });

  it('registers from the ticket being served and prints the slip on the office printer', async () => {
    const r = await officer.post<{ dossier: StaffDossier; print: PrintOutcome }>('/api/counters/1/dossiers', body());
    expect(r.status).toBe(201);
    const d = r.body.dossier;
    code = d.code;
    expect(d.code).toMatch(/^000\.00\.06\.H56-\d{6}-0001$/);
    expect(d.status).toBe('accepted');
    expect(d.counterId).toBe(1);
    expect(d.tickets).toEqual([expect.objectContaining({ ticketId: ticket.id, role: 'receive' })]);
    expect(r.body.print).toEqual({ ok: true, code: 'simulated', message: null });
    const day = readdirSync(join(server.dataDir, 'printed')).sort().at(-1)!;
    const pngs = readdirSync(join(server.dataDir, 'printed', day)).filter((f) => f.includes('phieu-hen') && f.endsWith('.png'));
    expect(pngs).toHaveLength(1);
    expect(qrOfPng(join(server.dataDir, 'printed', day, pngs[0]!))).toBe(`${server.url}/h/${d.code}`);
    const log = server.app.db.prepare('SELECT ticket_id AS ticketId, kind, printer, ok FROM print_log WHERE printer LIKE ?').all('%phiếu hẹn%');
    expect(log).toEqual([{ ticketId: ticket.id, kind: 'issue', printer: `simulated (phiếu hẹn ${d.code})`, ok: 1 }]);
  });

  it('shows the dossier, its slip, the ticket’s dossiers and the search, never cached', async () => {
    const one = await officer.get<StaffDossier>(`/api/dossiers/${code}`);
    expect(one.body.applicantName).toBe('Phạm Thị Thử');
    const slip = await officer.get<ReceiptSlip>(`/api/dossiers/${code}/slip`);
    expect(slip.body).toMatchObject({ code, processingTime: '3 ngày làm việc', officerName: 'Nguyễn Thị Lan', qrUrl: `${server.url}/h/${code}` });
    expect((await officer.get<{ dossiers: StaffDossier[] }>(`/api/tickets/${ticket.id}/dossiers`)).body.dossiers.map((x) => x.code)).toEqual([code]);
    expect((await officer.get<{ dossiers: StaffDossier[] }>('/api/dossiers?q=pham thi')).body.dossiers.map((x) => x.code)).toEqual([code]);
    expect((await officer.get(`/api/dossiers/000.00.06.H56-000000-0000`)).status).toBe(404);
    const res = await fetch(`${server.url}/api/dossiers/${code}`, { headers: { cookie: officer.cookie } });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const procs = await officer.get<{ procedures: { code: string }[] }>('/api/dossier-procedures?q=thu nghiem');
    expect(procs.body.procedures.map((p) => p.code)).toContain(CODE);
  });

  it('links by the scanned QR text, reprints, and hands the result over once', async () => {
    const linked = await officer.post<{ dossier: StaffDossier }>('/api/counters/1/dossiers/link', { code: `${server.url}/h/${code}` });
    expect(linked.status).toBe(200);
    const reprint = await officer.post<{ print: PrintOutcome }>(`/api/dossiers/${code}/print`, { counterId: 1 });
    expect(reprint.body.print.ok).toBe(true);
    expect(count("SELECT COUNT(*) FROM print_log WHERE kind = 'reprint' AND ticket_id = ?", ticket.id)).toBe(1);
    expect(count('SELECT printed FROM tickets WHERE id = ?', ticket.id)).toBe(0);
    const back = await officer.post<{ dossier: StaffDossier }>(`/api/dossiers/${code}/return`, { counterId: 1 });
    expect(back.body.dossier.status).toBe('returned');
    expect(back.body.dossier.tickets.find((t) => t.ticketId === ticket.id)?.role).toBe('receive');
    const again = await officer.post<{ error: { code: string; message: string } }>(`/api/dossiers/${code}/return`, { counterId: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('Đã trả kết quả');
    const noCounter = await officer.post(`/api/dossiers/${code}/return`, {});
    expect(noCounter.status).toBe(400);
  });

  it('links the chip-card citizen of the ticket when asked', async () => {
    const at = new Date().toISOString();
    const cid = Number(
      server.app.db
        .prepare("INSERT INTO citizens (id_hmac, id_number, full_name, birth_date, gender, chip_check, first_seen, last_seen) VALUES ('h1', '000000000001', 'Công Dân Thử', '1950-01-01', 'Nam', 'verified', ?, ?)")
        .run(at, at).lastInsertRowid,
    );
    server.app.db.prepare("INSERT INTO ticket_citizens (ticket_id, citizen_id, linked_at, source, chip_check) VALUES (?, ?, ?, 'kiosk', 'verified')").run(ticket.id, cid, at);
    const r = await officer.post<{ dossier: StaffDossier }>('/api/counters/1/dossiers', body({ fromCard: true, applicant: { name: 'Công Dân Thử' } }));
    expect(r.status).toBe(201);
    expect(r.body.dossier.citizenId).toBe(cid);
    expect(r.body.dossier.code).toMatch(/-0002$/);
  });
});
