import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/domain/clock';
import { WorkingCalendar } from '../../server/domain/calendar/workingCalendar';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

interface Result {
  created: number;
  updated: number;
  unchanged: number;
  events: number;
}
interface Invalid {
  error: { code: string; message: string; details: { index: number; line?: number; code: string; reason: string }[] };
}

const clock = new ManualClock('2026-11-30T03:00:00.000Z');
const OWN = '000.00.06.H56';
let s: TestServer;
let admin: Client;
let api: Client;

const count = (table: string) => Number(s.app.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
const dossier = (code: string) =>
  s.app.db
    .prepare(
      `SELECT status, source, due_at AS dueAt, resolved_at AS resolvedAt, returned_at AS returnedAt, version, applicant_name AS applicantName,
         applicant_phone AS applicantPhone, procedure_id AS procedureId, service_id AS serviceId FROM dossiers WHERE code = ?`,
    )
    .get(code) as
    | {
        status: string;
        source: string;
        dueAt: string | null;
        resolvedAt: string | null;
        returnedAt: string | null;
        version: number;
        applicantName: string;
        applicantPhone: string;
        procedureId: number | null;
        serviceId: number | null;
      }
    | undefined;
const events = (code: string) =>
  s.app.db
    .prepare(
      `SELECT e.from_status AS "from", e.to_status AS "to", e.at, e.source, e.officer_id AS officerId, e.note
       FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = ? ORDER BY e.id`,
    )
    .all(code) as { from: string | null; to: string; at: string; source: string; officerId: number | null; note: string }[];
const lastSeq = (agency: string, day: string) =>
  s.app.db.prepare('SELECT last_seq FROM dossier_sequences WHERE agency_code = ? AND day = ?').pluck().get(agency, day) as number | undefined;

const row = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  applicant: { name: 'Nguyễn Văn An', phone: '0912345678', address: 'Thôn Đông, xã Thử Nghiệm' },
  channel: 'truc_tuyen',
  receivedAt: '2026-11-23T08:15:00+07:00',
  dueAt: '2026-11-26T17:00:00+07:00',
  status: 'accepted',
  statusAt: '2026-11-23T08:15:00+07:00',
  ...extra,
});

beforeAll(async () => {
  s = await startTestServer({ clock });
  admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
  const key = (await admin.post<{ key: string }>('/api/admin/api-keys', { name: 'Một cửa tỉnh' })).body.key;
  api = new Client(s.url);
  api.headers.authorization = `Bearer ${key}`;
});
afterAll(async () => {
  await s.close();
});
beforeEach(() => {
  for (const t of ['dossier_events', 'dossier_tickets', 'dossiers', 'dossier_sequences']) s.app.db.prepare(`DELETE FROM ${t}`).run();
});

describe('POST /api/sync/dossiers', () => {
  it('creates dossiers with source sync and one event each, then a replay changes nothing', async () => {
    const body = { dossiers: [row('000.00.01.H56-261123-0001'), row('000.00.01.H56-261123-0002', { status: 'returned', statusAt: '2026-11-25T10:00:00+07:00' })] };
    const first = await api.post<Result>('/api/sync/dossiers', body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ created: 2, updated: 0, unchanged: 0, events: 2 });
    expect(dossier('000.00.01.H56-261123-0001')).toMatchObject({ status: 'accepted', source: 'sync', dueAt: '2026-11-26T10:00:00.000Z', version: 1 });
    expect(events('000.00.01.H56-261123-0001')).toEqual([
      { from: null, to: 'accepted', at: '2026-11-23T01:15:00.000Z', source: 'sync', officerId: null, note: '' },
    ]);
    // Handed over: the result was ready at the latest then.
    expect(dossier('000.00.01.H56-261123-0002')).toMatchObject({ resolvedAt: '2026-11-25T03:00:00.000Z', returnedAt: '2026-11-25T03:00:00.000Z' });

    const replay = await api.post<Result>('/api/sync/dossiers', body);
    expect(replay.body).toEqual({ created: 0, updated: 0, unchanged: 2, events: 0 });
    expect(count('dossier_events')).toBe(2);
    expect(dossier('000.00.01.H56-261123-0001')?.version).toBe(1);
  });

  it('updates changed fields only, keeps optional fields left out, and moves the status along', async () => {
    await api.post('/api/sync/dossiers', { dossiers: [row('000.00.01.H56-261123-0003')] });
    const { phone: _phone, ...applicant } = row('x').applicant;
    const r = await api.post<Result>('/api/sync/dossiers', {
      dossiers: [row('000.00.01.H56-261123-0003', { applicant: { ...applicant, name: 'Nguyễn Văn Ân' }, dueAt: undefined })],
    });
    expect(r.body).toEqual({ created: 0, updated: 1, unchanged: 0, events: 0 });
    expect(dossier('000.00.01.H56-261123-0003')).toMatchObject({
      applicantName: 'Nguyễn Văn Ân',
      applicantPhone: '0912345678',
      dueAt: '2026-11-26T10:00:00.000Z',
      version: 2,
    });
    const moved = await api.post<Result>('/api/sync/dossiers', {
      dossiers: [row('000.00.01.H56-261123-0003', { applicant: { ...applicant, name: 'Nguyễn Văn Ân' }, status: 'resolved', statusAt: '2026-11-26T09:00:00+07:00' })],
    });
    expect(moved.body).toEqual({ created: 0, updated: 1, unchanged: 0, events: 1 });
    expect(dossier('000.00.01.H56-261123-0003')).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-26T02:00:00.000Z', returnedAt: null });
  });

  it('a bad row → 400 sync_invalid with its index and reason, and nothing of the good rows is written', async () => {
    const r = await api.post<Invalid>('/api/sync/dossiers', {
      dossiers: [
        row('000.00.01.H56-261123-0010'),
        row('000.00.01.H56-261123-0011', { receivedAt: '2026-02-30T08:00:00+07:00' }),
        row('000.00.01.H56-261123-0012', { status: 'approved' }),
        row('not a code'),
        row('000.00.01.H56-261123-0010'),
        row('000.00.01.H56-261123-0013', { procedureName: undefined, procedureCode: '9.999999' }),
        row('000.00.01.H56-261123-0014', { dueAt: '2026-11-20T17:00:00+07:00' }),
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('sync_invalid');
    expect(r.body.error.message).toMatch(/^Có 6 mục không hợp lệ, không ghi gì cả.*\(6 invalid rows; nothing was written\.\)$/);
    expect(r.body.error.details.map((d) => [d.index, d.code])).toEqual([
      [1, '000.00.01.H56-261123-0011'],
      [2, '000.00.01.H56-261123-0012'],
      [3, 'not a code'],
      [4, '000.00.01.H56-261123-0010'],
      [5, '000.00.01.H56-261123-0013'],
      [6, '000.00.01.H56-261123-0014'],
    ]);
    const reasons = r.body.error.details.map((d) => d.reason);
    expect(reasons[0]).toMatch(/^Ngày tiếp nhận không hợp lệ \(receivedAt:/);
    expect(reasons[1]).toMatch(/^Trạng thái không hợp lệ \(status:/);
    expect(reasons[2]).toMatch(/^Mã hồ sơ không hợp lệ/);
    expect(reasons[3]).toContain('Mã hồ sơ đã có ở mục 0');
    expect(reasons[4]).toContain('Thủ tục 9.999999 không có trong danh mục');
    expect(reasons[5]).toContain('Hạn trả kết quả trước ngày tiếp nhận');
    expect(count('dossiers')).toBe(0);
    expect(count('dossier_events')).toBe(0);
  });

  it('the due date comes from the catalogue and the working calendar when not given', async () => {
    const serviceId = Number(s.app.db.prepare("SELECT id FROM services WHERE code = 'TP'").pluck().get());
    s.app.db
      .prepare(
        `INSERT OR REPLACE INTO procedures (code, name, search_text, service_id, channels_json, updated_at)
         VALUES ('1.000894', 'Đăng ký kết hôn', 'dang ky ket hon', ?, ?, ?)`,
      )
      .run(
        serviceId,
        JSON.stringify([
          { channel: 'truc_tiep', time: { unit: 'same_day' }, fee: 'Miễn lệ phí' },
          { channel: 'truc_tuyen', time: { unit: 'working_days', value: 3 }, fee: 'Miễn lệ phí' },
        ]),
        clock.now().toISOString(),
      );
    const r = await api.post<Result>('/api/sync/dossiers', {
      dossiers: [row('000.00.01.H56-261127-0001', { procedureCode: '1.000894', procedureName: undefined, dueAt: undefined, receivedAt: '2026-11-27T15:00:00+07:00', statusAt: undefined })],
    });
    expect(r.body.created).toBe(1);
    const expected = new WorkingCalendar(s.app.db, s.app.ctx.config).dueAt(new Date('2026-11-27T08:00:00.000Z'), { unit: 'working_days', value: 3 });
    const d = dossier('000.00.01.H56-261127-0001');
    expect(d).toMatchObject({ dueAt: expected.toISOString(), serviceId });
    expect(d?.procedureId).toBeGreaterThan(0);
    // Received on a Friday: three working days later is past the weekend.
    expect(expected.getTime()).toBeGreaterThan(Date.parse('2026-12-01T00:00:00+07:00'));
  });

  it("codes of the office's own agency raise that day's sequence (never lowered); other agencies' do not", async () => {
    await s.app.db.prepare('INSERT INTO dossier_sequences (agency_code, day, last_seq) VALUES (?, ?, ?)').run(OWN, '261124', 50);
    const r = await api.post<Result>('/api/sync/dossiers', {
      dossiers: [
        row(`${OWN}-261123-0042`),
        row(`${OWN}-261123-0007`),
        row(`${OWN}-261124-0012`, { receivedAt: '2026-11-24T08:00:00+07:00', statusAt: undefined }),
        row('000.00.01.H56-261123-0099'),
      ],
    });
    expect(r.body.created).toBe(4);
    expect(lastSeq(OWN, '261123')).toBe(42);
    expect(lastSeq(OWN, '261124')).toBe(50);
    expect(lastSeq('000.00.01.H56', '261123')).toBeUndefined();
  });

  it('more than 5,000 rows → 400 too_many_rows', async () => {
    const r = await api.post<Invalid>('/api/sync/dossiers', { dossiers: Array.from({ length: 5001 }, () => ({})) });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('too_many_rows');
    expect(r.body.error.message).toContain('tối đa 5000');
  });
});

describe('POST /api/sync/dossiers/status', () => {
  const CODE = '000.00.01.H56-261123-0100';
  beforeEach(async () => {
    await api.post('/api/sync/dossiers', { dossiers: [row(CODE, { status: 'registered' })] });
  });

  it('walks the shortest allowed path, one event per step; a replay adds nothing', async () => {
    const changes = [
      { code: CODE, status: 'processing', at: '2026-11-24T09:00:00+07:00' },
      { code: CODE, status: 'returned', at: '2026-11-26T10:00:00+07:00', note: 'Trả tại bộ phận một cửa' },
    ];
    const r = await api.post<Result>('/api/sync/dossiers/status', { changes });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 0, updated: 2, unchanged: 0, events: 3 });
    expect(events(CODE).map((e) => [e.from, e.to, e.at, e.note])).toEqual([
      [null, 'registered', '2026-11-23T01:15:00.000Z', ''],
      ['registered', 'accepted', '2026-11-24T02:00:00.000Z', 'Bước trung gian khi đồng bộ (intermediate step of a sync)'],
      ['accepted', 'processing', '2026-11-24T02:00:00.000Z', ''],
      ['processing', 'returned', '2026-11-26T03:00:00.000Z', 'Trả tại bộ phận một cửa'],
    ]);
    expect(dossier(CODE)).toMatchObject({ status: 'returned', resolvedAt: '2026-11-26T03:00:00.000Z', returnedAt: '2026-11-26T03:00:00.000Z' });

    const replay = await api.post<Result>('/api/sync/dossiers/status', { changes });
    expect(replay.body).toEqual({ created: 0, updated: 0, unchanged: 2, events: 0 });
    expect(events(CODE)).toHaveLength(4);
  });

  it('a move the state machine refuses, or an unknown code, is 400 and nothing of the request is written', async () => {
    await api.post('/api/sync/dossiers/status', { changes: [{ code: CODE, status: 'resolved', at: '2026-11-25T09:00:00+07:00' }] });
    const before = events(CODE).length;
    const r = await api.post<Invalid>('/api/sync/dossiers/status', {
      changes: [
        { code: CODE, status: 'returned', at: '2026-11-26T09:00:00+07:00' },
        { code: CODE, status: 'processing', at: '2026-11-26T10:00:00+07:00' },
        { code: '000.00.01.H56-261123-9999', status: 'processing', at: '2026-11-26T10:00:00+07:00' },
        { code: CODE, status: 'processing', at: 'hôm qua' },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d) => d.index)).toEqual([1, 2, 3]);
    expect(r.body.error.details[0]?.reason).toContain('không thể chuyển sang "Đang xử lý"');
    expect(r.body.error.details[1]?.reason).toBe('Không có hồ sơ mã 000.00.01.H56-261123-9999 (unknown dossier code)');
    expect(r.body.error.details[2]?.reason).toMatch(/^Thời điểm không hợp lệ \(at:/);
    // The valid first change (resolved → returned) was undone with the rest.
    expect(dossier(CODE)?.status).toBe('resolved');
    expect(events(CODE)).toHaveLength(before);
  });

  it('a status time before the receipt is refused', async () => {
    const r = await api.post<Invalid>('/api/sync/dossiers/status', { changes: [{ code: CODE, status: 'accepted', at: '2026-11-20T09:00:00+07:00' }] });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]?.reason).toContain('trước ngày tiếp nhận');
  });
});

describe('POST /api/admin/imports/dossiers (CSV)', () => {
  const HEADER = 'Mã hồ sơ;Mã thủ tục;Tên thủ tục;Người nộp;Điện thoại;Địa chỉ;Kênh;Ngày tiếp nhận;Hạn trả;Trạng thái;Ngày trạng thái;Ghi chú';
  const good = [
    `\uFEFF${HEADER}`,
    `${OWN}-261123-0005;1.001193;Đăng ký khai sinh;Trần Thị Bình;0987654321;"Xóm 2; thôn Bắc";Trực tiếp;23/11/2026 08:30;26/11/2026;Đang xử lý;24/11/2026 09:00;`,
    `${OWN}-261123-0006;2.000815;Chứng thực bản sao từ bản chính;Lê Văn Cường;;;truc_tuyen;2026-11-23 09:00;2026-11-23T17:00:00+07:00;Da tra ket qua;23/11/2026 16:00;"Đã trả
tại quầy 3"`,
  ].join('\r\n');

  it('imports a good file (BOM, semicolons, Vietnamese headers and labels, local dates), audited; a dry run writes nothing', async () => {
    const dry = await admin.post<Result & { dryRun: boolean }>('/api/admin/imports/dossiers', { content: good, dryRun: true });
    expect(dry.body).toEqual({ created: 2, updated: 0, unchanged: 0, events: 2, dryRun: true });
    expect(count('dossiers')).toBe(0);
    const r = await admin.post<Result>('/api/admin/imports/dossiers', { content: good });
    expect(r.body).toEqual({ created: 2, updated: 0, unchanged: 0, events: 2 });
    expect(dossier(`${OWN}-261123-0005`)).toMatchObject({ status: 'processing', source: 'csv', dueAt: '2026-11-26T16:59:59.000Z' });
    expect(dossier(`${OWN}-261123-0006`)).toMatchObject({ status: 'returned', returnedAt: '2026-11-23T09:00:00.000Z' });
    expect(events(`${OWN}-261123-0006`)[0]?.note).toBe('Đã trả\ntại quầy 3');
    expect(lastSeq(OWN, '261123')).toBe(6);
    expect((await admin.post<Result>('/api/admin/imports/dossiers', { content: good })).body).toEqual({ created: 0, updated: 0, unchanged: 2, events: 0 });
    const audit = await admin.get<{ entries: { action: string; details: Record<string, number> }[] }>('/api/admin/audit?action=dossier');
    expect(audit.body.entries[0]).toMatchObject({ action: 'dossier.import', details: { rows: 2, created: 0, unchanged: 2 } });
  });

  it('a bad file names each bad line as in the file (quoted line breaks counted) and imports nothing', async () => {
    const bad = [
      'code,procedureCode,applicant,channel,receivedAt,status,note',
      `${OWN}-261123-0020,1.001193,Phạm Văn Dũng,truc_tiep,23/11/2026 08:00,accepted,"ghi chú
hai dòng"`,
      `${OWN}-261123-0021,1.001193,Phạm Thị Em,qua điện thoại,23/11/2026 08:00,accepted,`,
      `${OWN}-261123-0022,1.001193,,truc_tiep,31/11/2026 08:00,accepted,`,
      `${OWN}-261123-0023,1.001193,Đỗ Văn Giang,truc_tiep,23/11/2026 08:00,accepted`,
    ].join('\n');
    const r = await admin.post<Invalid>('/api/admin/imports/dossiers', { content: bad });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('sync_invalid');
    expect(r.body.error.message).toMatch(/^Có 3 dòng không hợp lệ, không ghi gì cả\. Lỗi đầu tiên, dòng 4/);
    expect(r.body.error.details.map((d) => d.line)).toEqual([4, 5, 6]);
    expect(r.body.error.details[0]?.reason).toContain('Kênh không hợp lệ: "qua điện thoại"');
    expect(r.body.error.details[1]?.reason).toContain('Ngày tiếp nhận không đọc được: "31/11/2026 08:00"');
    expect(r.body.error.details[2]?.reason).toContain('Có 6 ô, tiêu đề có 7');
    expect(count('dossiers')).toBe(0);
  });

  it('a file that is not a dossier table is refused as a whole', async () => {
    const unknownColumn = await admin.post<Invalid>('/api/admin/imports/dossiers', { content: 'Mã hồ sơ,Màu sắc\nx,y' });
    expect(unknownColumn.body.error.code).toBe('csv_invalid');
    expect(unknownColumn.body.error.message).toContain('cột không nhận ra: "Màu sắc"');
    const missing = await admin.post<Invalid>('/api/admin/imports/dossiers', { content: 'Mã hồ sơ,Mã thủ tục\nx,y' });
    expect(missing.body.error.message).toContain('thiếu cột "Người nộp", "Kênh", "Ngày tiếp nhận", "Trạng thái"');
    const quote = await admin.post<Invalid>('/api/admin/imports/dossiers', { content: `${HEADER}\n"unclosed;x` });
    expect(quote.body.error.message).toMatch(/^Tệp CSV không đọc được, dòng 2/);
    expect(count('dossiers')).toBe(0);
  });
});

describe('GET /api/admin/dossiers', () => {
  it('lists with search, status and timeliness filters, in pages; the detail has the events', async () => {
    await api.post('/api/sync/dossiers', {
      dossiers: [
        row('000.00.01.H56-261123-0201', { status: 'resolved', statusAt: '2026-11-25T10:00:00+07:00' }),
        row('000.00.01.H56-261123-0202', { status: 'resolved', statusAt: '2026-11-27T10:00:00+07:00', applicant: { name: 'Hoàng Thị Hoa' } }),
        row('000.00.01.H56-261123-0203', { status: 'processing', statusAt: '2026-11-24T10:00:00+07:00' }),
      ],
    });
    type Page = { dossiers: { id: number; code: string; timeliness: string }[]; total: number };
    const all = await admin.get<Page>('/api/admin/dossiers?limit=2');
    expect(all.body.total).toBe(3);
    expect(all.body.dossiers).toHaveLength(2);
    expect((await admin.get<Page>('/api/admin/dossiers?q=Hoa')).body.dossiers.map((d) => d.code)).toEqual(['000.00.01.H56-261123-0202']);
    // Names are matched without diacritics or case.
    expect((await admin.get<Page>('/api/admin/dossiers?q=hoang%20thi')).body.dossiers.map((d) => d.code)).toEqual(['000.00.01.H56-261123-0202']);
    expect((await admin.get<Page>('/api/admin/dossiers?status=processing')).body.dossiers.map((d) => d.timeliness)).toEqual(['overdue_open']);
    expect((await admin.get<Page>('/api/admin/dossiers?timeliness=early')).body.dossiers.map((d) => d.code)).toEqual(['000.00.01.H56-261123-0201']);
    expect((await admin.get<Page>('/api/admin/dossiers?timeliness=overdue')).body.total).toBe(2);
    expect((await admin.get<Page>('/api/admin/dossiers?from=2026-11-24')).body.total).toBe(0);
    expect((await admin.get<Invalid>('/api/admin/dossiers?status=nope')).status).toBe(400);
    expect(all.body.dossiers.map((d) => d.code)).toEqual(['000.00.01.H56-261123-0203', '000.00.01.H56-261123-0202']);
    const next = await admin.get<Page>('/api/admin/dossiers?limit=2&offset=2');
    expect(next.body.dossiers.map((d) => d.code)).toEqual(['000.00.01.H56-261123-0201']);
    const id = next.body.dossiers[0]!.id;
    const detail = await admin.get<{ code: string; events: { to: string }[]; tickets: unknown[]; applicantName: string }>(`/api/admin/dossiers/${id}`);
    expect(detail.body).toMatchObject({ code: '000.00.01.H56-261123-0201', applicantName: 'Nguyễn Văn An', tickets: [] });
    expect(detail.body.events.map((e) => e.to)).toEqual(['resolved']);
    expect((await admin.get('/api/admin/dossiers/99999')).status).toBe(404);
  });
});
