import { describe, expect, it } from 'vitest';
import { makeFixture, errorCode, issueOn, MONDAY_9AM, type Fixture } from './fixture';
import { DossierService } from '../../server/domain/dossiers/dossierService';
import { CodeSequence, codeDay, formatDossierCode } from '../../server/domain/dossiers/codeSequence';
import { canMove, DOSSIER_TRANSITIONS } from '../../server/domain/dossiers/stateMachine';
import { codeFromScan } from '../../server/domain/dossiers/scan';
import { formatSlipTime, processingTimeText } from '../../server/domain/dossiers/slip';
import { ProcedureRepo } from '../../server/domain/catalogue/procedureRepo';
import { WorkingCalendar } from '../../server/domain/calendar/workingCalendar';
import { DOSSIER_CODE_RE, DOSSIER_STATUSES, type DossierStatus } from '../../shared/dossiers';
import type { Procedure } from '../../shared/catalogue';

const BIRTH: Omit<Procedure, 'serviceId'> = {
  code: '1.001193',
  name: 'Đăng ký khai sinh',
  fieldName: 'Hộ tịch',
  level: 'mot_phan',
  channels: [
    { channel: 'truc_tiep', time: { unit: 'same_day' }, fee: 'Miễn lệ phí' },
    { channel: 'buu_chinh', time: { unit: 'working_days', value: 3 }, fee: 'Miễn lệ phí' },
  ],
  documents: [
    { name: 'Tờ khai đăng ký khai sinh', form: 'original', copies: 1 },
    { name: 'Giấy chứng sinh', form: 'original', copies: 1 },
  ],
  sets: 1,
  applicants: 'Công dân Việt Nam',
  result: 'Giấy khai sinh',
  legalBasis: 'Luật Hộ tịch 2014',
  active: true,
};

function setup(start = MONDAY_9AM): { f: Fixture; ds: DossierService; procedures: ProcedureRepo } {
  const f = makeFixture(start);
  const procedures = new ProcedureRepo(f.db, f.clock);
  procedures.save({ ...BIRTH, serviceId: f.services.a, sortOrder: 1 });
  procedures.save({
    ...BIRTH,
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính',
    channels: [{ channel: 'truc_tiep', time: { unit: 'working_days', value: 2 }, fee: '2.000 đồng/trang' }],
    documents: [],
    serviceId: f.services.a,
    sortOrder: 2,
  });
  procedures.save({ ...BIRTH, code: '9.999999', name: 'Thủ tục đã bãi bỏ', active: false, serviceId: null, sortOrder: 3 });
  const ds = new DossierService(f.db, f.config, f.clock, procedures, new WorkingCalendar(f.db, f.config));
  return { f, ds, procedures };
}

const input = (ticketId: number | null, over: Record<string, unknown> = {}) => ({
  ticketId,
  procedureCode: '1.001193',
  applicant: { name: 'Nguyễn Văn An', phone: '0912 345 678', address: 'Thôn Đông, xã Hòa An' },
  documents: BIRTH.documents,
  sets: 1,
  ...over,
});

describe('dossier codes', () => {
  it('formats {agency}-{yyMMdd}-{seq:4}, with more digits beyond 9999', () => {
    expect(formatDossierCode('000.00.06.H56', '231027', 361)).toBe('000.00.06.H56-231027-0361');
    expect(formatDossierCode('000.00.06.H56', '231027', 12345)).toBe('000.00.06.H56-231027-12345');
    expect(DOSSIER_CODE_RE.test('000.00.06.H56-231027-12345')).toBe(true);
  });

  it('takes the day in the office time zone: 23:59 and 00:00 local are different days', () => {
    // 16:59 UTC = 23:59 in Hanoi; 17:00 UTC = 00:00 the next day.
    expect(codeDay(new Date('2026-11-23T16:59:00Z'), 'Asia/Ho_Chi_Minh')).toBe('261123');
    expect(codeDay(new Date('2026-11-23T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('261124');
  });

  it('counts per day and starts again at 0001 after local midnight; never repeats', () => {
    const { f, ds } = setup('2026-11-23T16:58:00Z');
    const a = ds.register(input(null), { officerId: f.officer.id, counterId: f.counters.c1 });
    const b = ds.register(input(null), { officerId: f.officer.id, counterId: f.counters.c1 });
    expect(a.code).toBe('000.00.06.H56-261123-0001');
    expect(b.code).toBe('000.00.06.H56-261123-0002');
    f.clock.set('2026-11-23T17:00:00Z');
    const c = ds.register(input(null), { officerId: f.officer.id, counterId: f.counters.c1 });
    expect(c.code).toBe('000.00.06.H56-261124-0001');
    expect(ds.codes.last('000.00.06.H56', '261123')).toBe(2);
    expect(ds.codes.last('000.00.06.H56', '261124')).toBe(1);
  });

  it('goes past 9999 with five digits', () => {
    const { f, ds } = setup();
    f.db.prepare("INSERT INTO dossier_sequences (agency_code, day, last_seq) VALUES ('000.00.06.H56', '261123', 9999)").run();
    expect(ds.register(input(null), { officerId: null, counterId: null }).code).toBe('000.00.06.H56-261123-10000');
  });

  it('refuses to number outside a transaction, and a failed registration takes no number', () => {
    const { f, ds } = setup();
    expect(() => new CodeSequence(f.db).next('000.00.06.H56', new Date(), 'Asia/Ho_Chi_Minh')).toThrow(/transaction/);
    expect(errorCode(() => ds.register(input(999_999), { officerId: null, counterId: null }))).toBe('404 ticket_not_found');
    expect(ds.codes.last('000.00.06.H56', '261123')).toBe(0);
  });
});

describe('registration', () => {
  it('a counter registration is accepted now, due by the calendar, linked to the ticket', () => {
    const { f, ds } = setup();
    const t = issueOn(f, f.services.a);
    const d = ds.register(input(t.id), { officerId: f.officer.id, counterId: f.counters.c1 });
    expect(d.status).toBe('accepted');
    expect(d.statusLabel).toBe('Được tiếp nhận');
    expect(d.receivedAt).toBe(f.clock.now().toISOString());
    // Same day: the closing time of the day of receipt (17:00 in Hanoi = 10:00 UTC).
    expect(d.dueAt).toBe('2026-11-23T10:00:00.000Z');
    expect(d.timeliness).toBe('in_time');
    expect(d.channel).toBe('truc_tiep');
    expect(d.serviceId).toBe(f.services.a);
    expect(d.applicantPhone).toBe('0912 345 678');
    expect(d.tickets).toEqual([{ ticketId: t.id, number: t.number, role: 'receive', linkedAt: d.receivedAt }]);
    expect(d.events).toEqual([{ from: null, to: 'accepted', at: d.receivedAt, officerId: f.officer.id, source: 'counter', note: '' }]);
    expect(d.collectAt).toContain('UBND xã Thử Nghiệm');
    expect(ds.forTicket(t.id).map((x) => x.code)).toEqual([d.code]);
  });

  it('uses the processing time of the channel (by post: 3 working days)', () => {
    const { f, ds } = setup();
    const d = ds.register(input(null, { channel: 'buu_chinh' }), { officerId: f.officer.id, counterId: null });
    // Monday + 3 working days = Thursday, closing at 17:00 local.
    expect(d.dueAt).toBe('2026-11-26T10:00:00.000Z');
  });

  it('refuses bad input with a bilingual message and changes nothing', () => {
    const { f, ds } = setup();
    const actor = { officerId: f.officer.id, counterId: f.counters.c1 };
    const count = () => f.db.prepare('SELECT COUNT(*) FROM dossiers').pluck().get();
    expect(errorCode(() => ds.register(input(null, { procedureCode: '0.000000' }), actor))).toBe('404 procedure_not_found');
    expect(errorCode(() => ds.register(input(null, { procedureCode: '9.999999' }), actor))).toBe('409 procedure_inactive');
    expect(errorCode(() => ds.register(input(null, { applicant: { name: '  ' } }), actor))).toBe('400 invalid_input');
    expect(errorCode(() => ds.register(input(null, { applicant: { name: 'A', phone: 'abc' } }), actor))).toBe('400 invalid_input');
    expect(errorCode(() => ds.register(input(null, { sets: 0 }), actor))).toBe('400 invalid_input');
    expect(errorCode(() => ds.register(input(null, { channel: 'fax' }), actor))).toBe('400 invalid_input');
    expect(errorCode(() => ds.register(input(null, { citizenId: 4242 }), actor))).toBe('404 citizen_not_found');
    try {
      ds.register(input(null, { applicant: { name: '' } }), actor);
    } catch (e) {
      expect((e as Error).message).toMatch(/^Dữ liệu không hợp lệ: applicant\.name – chưa nhập tên người nộp\. \(Invalid input\.\)$/);
    }
    expect(count()).toBe(0);
  });
});

describe('state machine', () => {
  const all = DOSSIER_STATUSES;
  it('every allowed move is taken, with its event; every other move is refused', () => {
    for (const from of all) {
      for (const to of all) {
        const { f, ds } = setup();
        const d = ds.register(input(null), { officerId: f.officer.id, counterId: f.counters.c1 });
        // Put the dossier in `from` directly (the path there is not what is tested).
        f.db.prepare('UPDATE dossiers SET status = ? WHERE id = ?').run(from, d.id);
        const actor = { officerId: f.officer.id, counterId: f.counters.c1, source: 'sync' as const };
        if (canMove(from, to)) {
          const moved = ds.move(d.code, to, actor, 'ghi chú');
          expect(moved.status, `${from} → ${to}`).toBe(to);
          expect(moved.events.at(-1)).toMatchObject({ from, to, source: 'sync', note: 'ghi chú', officerId: f.officer.id });
          expect(moved.version).toBe(d.version + 1);
        } else {
          const code = errorCode(() => ds.move(d.code, to, actor));
          expect(code, `${from} → ${to}`).toBe('409 invalid_transition');
          expect(ds.get(d.code)?.status).toBe(from);
        }
      }
    }
  });

  it('the allowed moves are the table (no status is a dead end except the closed ones)', () => {
    const open: DossierStatus[] = ['registered', 'accepted', 'processing', 'supplement_requested', 'payment_requested', 'resolved'];
    for (const s of open) expect(DOSSIER_TRANSITIONS[s].length).toBeGreaterThan(0);
    expect(canMove('returned', 'processing')).toBe(false);
  });

  it('a refused move says both statuses in Vietnamese and English', () => {
    const { f, ds } = setup();
    const d = ds.register(input(null), { officerId: null, counterId: null });
    ds.returnResult(d.code, null, { officerId: null, counterId: null });
    expect(() => ds.move(d.code, 'processing', { officerId: null, counterId: null, source: 'counter' })).toThrow(
      'Hồ sơ đã ở trạng thái "Đã trả kết quả", không thể chuyển sang "Đang xử lý". (The dossier is result handed over and cannot become being processed.)',
    );
    expect(f.db.prepare('SELECT COUNT(*) FROM dossier_events').pluck().get()).toBe(2);
  });
});

describe('link and return', () => {
  it('links a later visit, and returning the result sets resolved and returned and links the ticket', () => {
    const { f, ds } = setup();
    const t1 = issueOn(f, f.services.a);
    const d = ds.register(input(t1.id), { officerId: f.officer.id, counterId: f.counters.c1 });
    f.clock.advanceMinutes(60);
    const t2 = issueOn(f, f.services.a);
    expect(ds.link(t2.id, d.code, 'other', { officerId: f.officer.id, counterId: f.counters.c1 }).tickets.map((x) => x.role)).toEqual([
      'receive',
      'other',
    ]);
    const back = ds.returnResult(d.code, t2.id, { officerId: f.officer.id, counterId: f.counters.c1 });
    expect(back.status).toBe('returned');
    expect(back.returnedAt).toBe(f.clock.now().toISOString());
    expect(back.resolvedAt).toBe(back.returnedAt);
    expect(back.timeliness).toBe('on_time');
    expect(back.tickets.find((x) => x.ticketId === t2.id)?.role).toBe('return');
    expect(back.events.map((e) => e.to)).toEqual(['accepted', 'returned']);
    expect(errorCode(() => ds.returnResult(d.code, null, { officerId: null, counterId: null }))).toBe('409 invalid_transition');
    expect(errorCode(() => ds.link(t2.id, 'XX-000000-0000', 'other', { officerId: null, counterId: null }))).toBe('404 dossier_not_found');
  });

  it('returning after "resolved" keeps the resolved time', () => {
    const { f, ds } = setup();
    const d = ds.register(input(null), { officerId: null, counterId: null });
    f.clock.advanceMinutes(30);
    const resolved = ds.move(d.code, 'resolved', { officerId: null, counterId: null, source: 'sync' });
    f.clock.advanceMinutes(30);
    const back = ds.returnResult(d.code, null, { officerId: null, counterId: null });
    expect(back.resolvedAt).toBe(resolved.resolvedAt);
    expect(back.returnedAt).not.toBe(back.resolvedAt);
  });

  it('search finds by code, by name without diacritics, by phone', () => {
    const { f, ds } = setup();
    const d = ds.register(input(null), { officerId: null, counterId: null });
    ds.register(input(null, { applicant: { name: 'Trần Thị Bình' } }), { officerId: null, counterId: null });
    expect(ds.search(d.code).map((x) => x.code)).toEqual([d.code]);
    expect(ds.search('nguyen van').map((x) => x.applicantName)).toEqual(['Nguyễn Văn An']);
    expect(ds.search('0912345678').length).toBe(1);
    expect(ds.search('').length).toBe(2);
    expect(f.db.prepare('SELECT COUNT(*) FROM dossiers').pluck().get()).toBe(2);
  });
});

describe('scanner text and slip words', () => {
  it('accepts the bare code or the QR address', () => {
    expect(codeFromScan(' 000.00.06.H56-261123-0001 ')).toBe('000.00.06.H56-261123-0001');
    expect(codeFromScan('http://192.168.1.10:3000/h/000.00.06.H56-261123-0001')).toBe('000.00.06.H56-261123-0001');
    expect(codeFromScan('https://mot-cua.example.vn/h/000.00.06.H56-261123-0001/')).toBe('000.00.06.H56-261123-0001');
  });

  it('prints times as HH:mm ngày dd/MM/yyyy in the office zone', () => {
    expect(formatSlipTime('2026-11-23T10:00:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('17:00 ngày 23/11/2026');
    expect(processingTimeText({ unit: 'working_days', value: 5 })).toBe('5 ngày làm việc');
    expect(processingTimeText({ unit: 'same_day' })).toBe('Trong ngày');
  });

  it('the slip names the office, the officer, the counter and the documents in words', () => {
    const { f, ds } = setup();
    const d = ds.register(input(null), { officerId: f.officer.id, counterId: f.counters.c1 });
    const slip = ds.slip(d.code, 'http://may-chu:3000/');
    expect(slip).toMatchObject({
      unitName: 'UBND xã Thử Nghiệm',
      qrUrl: `http://may-chu:3000/h/${d.code}`,
      officerName: 'Cán bộ Một',
      counterName: 'Quầy 1',
      processingTime: 'Trong ngày',
      receivedAt: '09:00 ngày 23/11/2026',
      dueAt: '17:00 ngày 23/11/2026',
      channel: 'Trực tiếp',
    });
    expect(slip.documents[0]).toEqual({ name: 'Tờ khai đăng ký khai sinh', form: 'Bản chính', copies: 1 });
  });
});
