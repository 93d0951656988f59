import { beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { makeFixture, type Fixture } from './fixture';
import { ReportService, type ReportQuery } from '../../server/domain/reports/reportService';
import { Runs, runStats } from '../../server/domain/reports/durations';
import { packDay, partBlob, partFromBlob, ST } from '../../server/domain/reports/dayPack';
import { RATING_LEVELS } from '../../shared/ratings';
import { isoWeek, nearestRank, periodKey, periodsOf, quarterRange } from '../../server/domain/reports/periods';
import { reportXlsx, tableCsv } from '../../server/domain/reports/export';
import { serviceDayOf } from '../../server/domain/time';
import { timeliness, type DossierStatus } from '../../shared/dossiers';
import type { Report, ReportTable } from '../../server/domain/reports/types';
import { localDayOf } from '../../server/domain/reports/dossierPack';

const TZ = 'Asia/Ho_Chi_Minh';
let f: Fixture;
let reports: ReportService;
let ticketSeq = 0;

beforeEach(() => {
  f = makeFixture(); // today: Monday 2026-11-23 09:00 in Hanoi
  reports = new ReportService(f.db, f.config, f.clock, f.queue);
  ticketSeq = 0;
});

const at = (localDay: string, hhmmss: string) => new Date(`${localDay}T${hhmmss}+07:00`).toISOString();
const plus = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

interface T {
  day: string;
  time: string;
  service: number;
  status: string;
  counter?: number | null;
  officer?: number | null;
  wait?: number;
  svc?: number;
}
function addTicket(t: T): number {
  const issued = at(t.day, t.time);
  const called = t.wait === undefined ? null : plus(issued, t.wait);
  const started = called && t.svc !== undefined ? plus(called, 30) : null;
  const finished = started && t.svc !== undefined ? plus(started, t.svc) : null;
  ticketSeq++;
  return Number(
    f.db
      .prepare(
        `INSERT INTO tickets (public_code, service_day, service_id, issued_service_id, seq, number, status, counter_id, officer_id,
           issued_at, queue_at, first_called_at, called_at, started_at, finished_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(`code${ticketSeq}`, serviceDayOf(new Date(issued), TZ), t.service, t.service, ticketSeq, `N${ticketSeq}`, t.status, t.counter ?? null,
        t.officer ?? null, issued, issued, called, called, started, finished).lastInsertRowid,
  );
}

function addRating(r: { ticket: number | null; counter: number; officer: number | null; service: number | null; level: string; day: string; reasons?: string[]; text?: string }) {
  f.db
    .prepare(
      `INSERT INTO ratings (ticket_id, counter_id, officer_id, service_id, level, scale_size, reasons_json, reason_text, source, at, service_day)
       VALUES (?, ?, ?, ?, ?, 3, ?, ?, 'tablet', ?, ?)`,
    )
    .run(r.ticket, r.counter, r.officer, r.service, r.level, JSON.stringify(r.reasons ?? []), r.text ?? '', at(r.day, '12:00:00'), r.day);
}

let dossierSeq = 0;
function addDossier(d: { received: string; due: string | null; status: DossierStatus; resolved?: string; returned?: string; channel: string; service?: number | null; officer?: number | null }) {
  dossierSeq++;
  f.db
    .prepare(
      `INSERT INTO dossiers (code, procedure_name, service_id, applicant_name, channel, status, received_at, due_at, resolved_at, returned_at,
         received_by, created_at, updated_at)
       VALUES (?, 'Thủ tục thử', ?, 'Người thử', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(`000.00.06.H56-261116-${String(dossierSeq).padStart(4, '0')}`, d.service ?? null, d.channel, d.status, d.received, d.due, d.resolved ?? null,
      d.returned ?? null, d.officer ?? null, d.received, d.received);
}

const q = (over: Partial<ReportQuery> = {}): ReportQuery => ({
  from: '2026-11-16',
  to: '2026-11-22',
  groupBy: 'day',
  serviceId: null,
  counterId: null,
  officerId: null,
  ...over,
});
const table = (r: Report, key: string): ReportTable => r.tables.find((t) => t.key === key)!;
const row = (t: ReportTable, label: string) => {
  const found = t.rows.find((r) => r[0] === label);
  if (!found) throw new Error(`no row ${label} in ${t.key}: ${t.rows.map((r) => r[0]).join(', ')}`);
  return Object.fromEntries(t.columns.map((c, i) => [c.key, found[i]]));
};

/** The hand-built week: 16 and 17 November 2026 (closed days) and today 23 November (open). */
function handBuilt() {
  const { a, b } = f.services;
  const { c1, c2 } = f.counters;
  const o = f.officer.id;
  const t1 = addTicket({ day: '2026-11-16', time: '08:00:00', service: a, status: 'done', counter: c1, officer: o, wait: 300, svc: 300 });
  const t2 = addTicket({ day: '2026-11-16', time: '08:10:00', service: a, status: 'done', counter: c1, officer: o, wait: 600, svc: 120 });
  const t3 = addTicket({ day: '2026-11-16', time: '14:20:00', service: b, status: 'done', counter: c2, officer: f.admin.id, wait: 60, svc: 900 });
  addTicket({ day: '2026-11-16', time: '14:25:00', service: b, status: 'no_show', counter: c2, officer: f.admin.id, wait: 100 });
  addTicket({ day: '2026-11-16', time: '15:00:00', service: a, status: 'cancelled' });
  addTicket({ day: '2026-11-16', time: '16:59:59', service: b, status: 'expired' });
  const t7 = addTicket({ day: '2026-11-17', time: '09:00:00', service: a, status: 'done', counter: c1, officer: o, wait: 1200, svc: 240 });
  addTicket({ day: '2026-11-17', time: '09:30:00', service: b, status: 'done', counter: c2, officer: f.admin.id, wait: 30, svc: 30 });
  // skipped (no-show) and expired by the day's rollover: still a no-show
  addTicket({ day: '2026-11-17', time: '09:45:00', service: a, status: 'expired', counter: c1, officer: o, wait: 50 });
  addRating({ ticket: t1, counter: c1, officer: o, service: a, level: 'very_satisfied', day: '2026-11-16' });
  addRating({ ticket: t2, counter: c1, officer: o, service: a, level: 'satisfied', day: '2026-11-16' });
  addRating({ ticket: t3, counter: c2, officer: f.admin.id, service: b, level: 'unsatisfied', day: '2026-11-16', reasons: ['long_wait', 'attitude'], text: 'Chờ lâu' });
  addRating({ ticket: t7, counter: c1, officer: o, service: a, level: 'very_satisfied', day: '2026-11-17' });
  addRating({ ticket: null, counter: c1, officer: null, service: null, level: 'unsatisfied', day: '2026-11-17', reasons: ['long_wait'] });
}

describe('periods and percentiles', () => {
  it('buckets days into ISO weeks, months, quarters and years across boundaries', () => {
    expect(periodKey('2026-03-29', 'week')).toBe('2026-W13'); // Sunday
    expect(periodKey('2026-03-30', 'week')).toBe('2026-W14'); // Monday
    expect(periodKey('2026-12-31', 'week')).toBe('2026-W53');
    expect(periodKey('2027-01-03', 'week')).toBe('2026-W53');
    expect(periodKey('2027-01-04', 'week')).toBe('2027-W01');
    expect(periodKey('2021-01-03', 'week')).toBe('2020-W53');
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1, monday: '2025-12-29' });
    expect(periodKey('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(periodKey('2026-04-01', 'quarter')).toBe('2026-Q2');
    expect(periodKey('2026-04-30', 'month')).toBe('2026-04');
    expect(periodsOf('2026-03-28', '2026-04-06', 'week').map((p) => p.key)).toEqual(['2026-W13', '2026-W14', '2026-W15']);
    expect(periodsOf('2026-03-28', '2026-04-06', 'week')[1]!.label).toBe('Tuần 14/2026 (30/03–05/04)');
    expect(periodsOf('2026-01-15', '2026-12-01', 'quarter').map((p) => p.label)).toEqual(['Quý I/2026', 'Quý II/2026', 'Quý III/2026', 'Quý IV/2026']);
    expect(quarterRange(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterRange(2024, 1).to).toBe('2024-03-31');
    expect(quarterRange(2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('puts a ticket taken at 00:30 on 1 April (Hanoi) in April and Q2, not in March (UTC)', () => {
    f.clock.set('2026-04-06T02:00:00Z');
    // 2026-03-31T17:30Z is 00:30 on 1 April in Hanoi; 2026-03-31T16:30Z is 23:30 on 31 March
    addTicket({ day: '2026-04-01', time: '00:30:00', service: f.services.a, status: 'done', wait: 10, svc: 10, counter: f.counters.c1, officer: f.officer.id });
    addTicket({ day: '2026-03-31', time: '23:30:00', service: f.services.a, status: 'done', wait: 10, svc: 10, counter: f.counters.c1, officer: f.officer.id });
    const r = reports.run('tickets', q({ from: '2026-03-30', to: '2026-04-05', groupBy: 'quarter' }));
    const t = table(r, 'tickets_by_period');
    expect(row(t, 'Quý I/2026').issued).toBe(1);
    expect(row(t, 'Quý II/2026').issued).toBe(1);
    const m = table(reports.run('tickets', q({ from: '2026-03-30', to: '2026-04-05', groupBy: 'month' })), 'tickets_by_period');
    expect(row(m, 'Tháng 04/2026').issued).toBe(1);
    const h = table(reports.run('tickets', q({ from: '2026-03-30', to: '2026-04-05' })), 'tickets_by_hour');
    expect(row(h, '00:00–00:59').issued).toBe(1);
    expect(row(h, '23:00–23:59').issued).toBe(1);
  });

  it('uses the nearest-rank method', () => {
    expect(nearestRank([30, 60, 300, 600, 1200], 50)).toBe(300);
    expect(nearestRank([30, 60, 300, 600, 1200], 90)).toBe(1200);
    expect(nearestRank([30, 60], 50)).toBe(30);
    expect(nearestRank(Array.from({ length: 10 }, (_, i) => i + 1), 90)).toBe(9);
    expect(nearestRank(Array.from({ length: 100 }, (_, i) => i + 1), 90)).toBe(90);
    expect(nearestRank([], 50)).toBeNull();
  });

  it('grouped percentiles of sorted runs equal sorting each group, by histogram and by selection', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const runs = new Runs();
    const members: { values: number[]; groups: number[] }[] = [];
    for (let r = 0; r < 400; r++) {
      const values = Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() * rand() * 5000)).sort((x, y) => x - y);
      // the runs of a period come together (days in order), the others fall anywhere
      const groups = [Math.floor(r / 40), 10, 11 + Math.floor(rand() * 3), 14 + Math.floor(rand() * 3), 17 + Math.floor(rand() * 3)];
      // a run sits at any offset of a larger array, as in a day pack
      const a = Int32Array.from([9999, 9999, ...values, 9999]);
      runs.add(runs.source(a), 2, values.length, groups[0]!, groups[1]!, groups[2]!, groups[3]!, groups[4]!);
      members.push({ values, groups });
    }
    // histograms for every group; for all but the periods; none (a too-wide histogram)
    for (const got of [runStats(runs, 21), runStats(runs, 21, 60_000), runStats(runs, 21, 10)]) {
      for (let g = 0; g < 21; g++) {
        const mine = members.flatMap((m) => (m.groups.includes(g) ? m.values : [])).sort((x, y) => x - y);
        expect(got.n[g]).toBe(mine.length);
        expect(got.median[g]).toBe(nearestRank(mine, 50) ?? -1);
        expect(got.p90[g]).toBe(nearestRank(mine, 90) ?? -1);
        expect(got.mean(g)).toBe(mine.length ? Math.round(mine.reduce((x, y) => x + y, 0) / mine.length) : null);
      }
    }
  });
});

describe('day packs', () => {
  const ticket = (over: Partial<Parameters<typeof packDay>[1][number]>) => ({
    serviceId: 1,
    counterId: 2,
    officerId: 3,
    status: 'done',
    issuedAt: '2026-11-16T01:00:00.000Z',
    firstCalledAt: '2026-11-16T01:05:00.000Z',
    startedAt: '2026-11-16T01:05:10.000Z',
    finishedAt: '2026-11-16T01:07:10.000Z',
    ...over,
  });
  const rating = (over: Partial<Parameters<typeof packDay>[2][number]>) => ({
    counterId: 2,
    officerId: 3,
    serviceId: 1,
    level: 'unsatisfied',
    ticketId: 1,
    reasonsJson: '["wait_long"]',
    reasonText: '',
    ...over,
  });

  it('groups a day by field, counter and officer: counts by hour and status, sorted seconds, ratings with reasons', () => {
    const p = packDay(
      '2026-11-16',
      [
        ticket({}),
        ticket({ issuedAt: '2026-11-16T01:00:00.000Z', firstCalledAt: '2026-11-16T01:00:30.000Z' }),
        ticket({ counterId: null, officerId: null, status: 'cancelled', firstCalledAt: null, startedAt: null, finishedAt: null }),
        // expired after a call: a no-show; a served ticket never started has a wait only
        ticket({ status: 'expired', startedAt: null, finishedAt: null }),
        ticket({ startedAt: null }),
      ],
      [rating({}), rating({ ticketId: null, reasonsJson: '["attitude","wait_long"]', reasonText: 'Chờ lâu' }), rating({ level: 'very_satisfied', reasonsJson: '[]' })],
      'Asia/Ho_Chi_Minh',
    );
    // 08:00 local: hour 8
    expect([...p.counts.ints]).toEqual([1, 0, 0, 1, 8 * 8 + ST.cancelled, 1, 1, 2, 3, 2, 8 * 8 + ST.done, 3, 8 * 8 + ST.no_show, 1]);
    expect([...p.times.ints]).toEqual([1, 2, 3, 3, 2, 30, 300, 300, 120, 120]);
    expect(p.ratings.strings).toEqual(['wait_long', 'attitude']);
    const unsat = RATING_LEVELS.indexOf('unsatisfied');
    expect([...p.ratings.ints]).toEqual([1, 2, 3, 3, 2, 1, 0 * 2, 1, unsat * 2, 1, unsat * 2 + 1, 1, unsat, 0, 2, unsat, 1, 1, unsat, 1]);
  });

  it('stores parts in 16 bits when every word fits, else in 32, with the strings, and reads them back', () => {
    for (const ints of [Int32Array.from([1, 2, 65_535, 0]), Int32Array.from([1, 65_536, 3]), Int32Array.from([])]) {
      for (const strings of [[], ['a'], ['lý do', 'xyz12']]) {
        const back = partFromBlob('2026-11-16', partBlob({ day: '2026-11-16', ints, strings }));
        expect([...back.ints]).toEqual([...ints]);
        expect(back.strings).toEqual(strings);
        expect(back.ints.BYTES_PER_ELEMENT).toBe([...ints].every((x) => x <= 65_535) ? 2 : 4);
      }
    }
  });
});

describe('report figures on a hand-built week', () => {
  beforeEach(handBuilt);

  it('counts tickets issued, served, no-shows and cancels per day, hour and field', () => {
    const r = reports.run('tickets', q());
    const per = table(r, 'tickets_by_period');
    expect(row(per, '16/11/2026')).toMatchObject({ issued: 6, served: 3, noShow: 1, cancelled: 1, unserved: 1, servedShare: 0.5 });
    expect(row(per, '17/11/2026')).toMatchObject({ issued: 3, served: 2, noShow: 1, unserved: 0 });
    expect(row(per, '18/11/2026')).toMatchObject({ issued: 0, served: 0, servedShare: null });
    expect(row(per, 'Tổng cộng')).toMatchObject({ issued: 9, served: 5, noShow: 2, cancelled: 1, unserved: 1 });
    expect(per.rows).toHaveLength(8); // 7 days and the total
    expect(row(per, 'Tổng cộng').servedShare).toBeCloseTo(5 / 9, 12);
    const hours = table(r, 'tickets_by_hour');
    expect(row(hours, '08:00–08:59')).toMatchObject({ issued: 2, served: 2 });
    expect(row(hours, '14:00–14:59')).toMatchObject({ issued: 2, served: 1, noShow: 1 });
    expect(row(hours, '16:00–16:59')).toMatchObject({ issued: 1, unserved: 1 });
    const fields = table(r, 'tickets_by_field');
    expect(row(fields, 'Tư pháp – Hộ tịch')).toMatchObject({ issued: 5, served: 3, noShow: 1, cancelled: 1 });
    expect(row(fields, 'Đất đai')).toMatchObject({ issued: 4, served: 2, noShow: 1, unserved: 1 });
    // a filter: counter 2 only
    const c2 = table(reports.run('tickets', q({ counterId: f.counters.c2 })), 'tickets_by_period');
    expect(row(c2, 'Tổng cộng')).toMatchObject({ issued: 3, served: 2, noShow: 1 });
  });

  it('computes mean, median and p90 of waiting and service times per field, counter and officer', () => {
    const r = reports.run('times', q({ groupBy: 'week' }));
    // waits of served tickets: 300, 600, 60, 1200, 30; service: 300, 120, 900, 240, 30
    expect(row(table(r, 'times_by_period'), 'Tổng cộng')).toEqual({
      period: 'Tổng cộng',
      served: 5,
      waitMean: 438,
      waitMedian: 300,
      waitP90: 1200,
      serviceMean: 318,
      serviceMedian: 240,
      serviceP90: 900,
    });
    expect(row(table(r, 'times_by_field'), 'Tư pháp – Hộ tịch')).toMatchObject({ served: 3, waitMean: 700, waitMedian: 600, waitP90: 1200, serviceMedian: 240 });
    expect(row(table(r, 'times_by_field'), 'Đất đai')).toMatchObject({ served: 2, waitMean: 45, waitMedian: 30, waitP90: 60, serviceMean: 465, serviceMedian: 30, serviceP90: 900 });
    expect(row(table(r, 'times_by_counter'), 'Quầy 2')).toMatchObject({ served: 2, waitMedian: 30 });
    expect(row(table(r, 'times_by_officer'), 'Cán bộ Một')).toMatchObject({ served: 3, waitMedian: 600 });
    expect(row(table(r, 'times_by_officer'), 'Quản trị')).toMatchObject({ served: 2, serviceP90: 900 });
    // an officer filter keeps only that officer's tickets
    const mine = reports.run('times', q({ officerId: f.officer.id }));
    expect(row(table(mine, 'times_by_period'), 'Tổng cộng')).toMatchObject({ served: 3, waitMedian: 600 });
  });

  it('computes satisfaction: counts per level, the satisfied share, anonymous presses apart, reasons', () => {
    const r = reports.run('satisfaction', q({ groupBy: 'month' }));
    const levels = table(r, 'satisfaction_levels');
    expect(row(levels, 'Rất hài lòng')).toMatchObject({ count: 2, share: 0.5, anonymous: 0 });
    expect(row(levels, 'Hài lòng')).toMatchObject({ count: 1, share: 0.25 });
    expect(row(levels, 'Không hài lòng')).toMatchObject({ count: 1, share: 0.25, anonymous: 1, anonymousShare: 1 });
    expect(row(levels, 'Hài lòng (2 mức cao nhất)')).toMatchObject({ count: 3, share: 0.75, anonymous: 0 });
    expect(row(table(r, 'satisfaction_by_period'), 'Tháng 11/2026')).toMatchObject({ ratings: 4, satisfiedShare: 0.75 });
    expect(row(table(r, 'satisfaction_by_officer'), 'Cán bộ Một')).toMatchObject({ ratings: 3, satisfiedShare: 1 });
    expect(row(table(r, 'satisfaction_by_officer'), 'Quản trị')).toMatchObject({ ratings: 1, satisfiedShare: 0, unsatisfied: 1 });
    expect(row(table(r, 'satisfaction_by_field'), 'Đất đai')).toMatchObject({ ratings: 1, satisfiedShare: 0 });
    expect(row(table(r, 'satisfaction_by_counter'), 'Quầy 1')).toMatchObject({ ratings: 3, satisfiedShare: 1 });
    const reasons = table(r, 'satisfaction_reasons');
    expect(row(reasons, 'Thời gian chờ lâu')).toMatchObject({ unsatisfied: 2, total: 2 });
    expect(row(reasons, 'Thái độ phục vụ')).toMatchObject({ unsatisfied: 1, total: 1 });
    expect(row(reasons, 'Ý kiến ghi thêm (tự nhập)')).toMatchObject({ total: 1 });
    expect(table(r, 'satisfaction_texts').rows).toEqual([['16/11/2026', 'Quầy 2', 'Không hài lòng', 'Chờ lâu']]);
  });

  it('includes today (the open day) live, and a change to a closed day shows at once', () => {
    const before = row(table(reports.run('tickets', q({ to: '2026-11-23' })), 'tickets_by_period'), 'Tổng cộng');
    expect(before.issued).toBe(9);
    // every closed day of the range is stored (16–22/11), those without tickets as empty parts
    expect(f.db.prepare('SELECT COUNT(DISTINCT day) FROM report_days').pluck().get()).toBe(7);
    expect(f.db.prepare("SELECT COUNT(*) FROM report_days WHERE part = 'counts' AND length(data) > 8").pluck().get()).toBe(2);
    // a pack made under another time zone is not used: hours are those of the office's zone
    f.db.prepare("UPDATE report_days SET time_zone = 'Asia/Tokyo', data = zeroblob(length(data))").run();
    expect(row(table(reports.run('tickets', q()), 'tickets_by_hour'), '08:00–08:59')).toMatchObject({ issued: 2, served: 2 });
    expect(f.db.prepare("SELECT COUNT(DISTINCT day) FROM report_days WHERE time_zone = 'Asia/Ho_Chi_Minh'").pluck().get()).toBe(7);
    // today's ticket: counted without being stored
    addTicket({ day: '2026-11-23', time: '08:30:00', service: f.services.a, status: 'done', counter: f.counters.c1, officer: f.officer.id, wait: 100, svc: 100 });
    expect(row(table(reports.run('tickets', q({ to: '2026-11-23' })), 'tickets_by_period'), 'Tổng cộng').issued).toBe(10);
    expect(f.db.prepare("SELECT COUNT(*) FROM report_days WHERE day >= '2026-11-23'").pluck().get()).toBe(0);
    // a later correction of a closed day's ticket drops that day's summary; the next report rebuilds it
    f.db.prepare("UPDATE tickets SET status = 'no_show' WHERE service_day = '2026-11-17' AND status = 'done' AND service_id = ?").run(f.services.b);
    expect(f.db.prepare("SELECT COUNT(*) FROM report_days WHERE day = '2026-11-17'").pluck().get()).toBe(0);
    const after = row(table(reports.run('tickets', q()), 'tickets_by_period'), '17/11/2026');
    expect(after).toMatchObject({ issued: 3, served: 1, noShow: 2 });
  });
});

describe('summarising closed days ahead of the reports', () => {
  beforeEach(() => {
    handBuilt();
    addDossier({ received: '2026-11-17T02:00:00.000Z', due: '2026-11-20T10:00:00.000Z', status: 'processing', channel: 'truc_tiep', service: f.services.a });
  });
  const all = (['tickets', 'times', 'satisfaction', 'dossiers'] as const).map((k) => [k, q()] as const);

  it('builds the missing days a slice at a time, letting other work run in between, and the reports then read them', async () => {
    const expected = all.map(([k, query]) => reports.run(k, query).tables);
    f.db.prepare('DELETE FROM report_days').run();
    f.db.prepare('DELETE FROM report_dossier_days').run();
    expect(reports.packs.missing('2026-11-16', '2026-11-23', '2026-11-23')).toHaveLength(7);
    // another task ticking on the event loop meanwhile
    let ticks = 0;
    let done = false;
    const tick = () => {
      ticks++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const built = await reports.summarise('2026-11-16', '2026-11-23', 'all', 0);
    done = true;
    // 16–22 November: 7 closed days of day packs and 7 of dossier packs (today, the 23rd, stays live)
    expect(built).toBe(14);
    expect(ticks).toBeGreaterThanOrEqual(13);
    expect(reports.packs.missing('2026-11-16', '2026-11-23', '2026-11-23')).toEqual([]);
    expect(reports.dossierPacks.missing('2026-11-16', '2026-11-23', '2026-11-23')).toEqual([]);
    expect(f.db.prepare('SELECT COUNT(*) FROM report_days').pluck().get()).toBe(21);
    expect(f.db.prepare("SELECT COUNT(*) FROM report_days WHERE day >= '2026-11-23'").pluck().get()).toBe(0);
    const stored = f.db.prepare('SELECT COUNT(*) FROM report_days').pluck();
    expect(all.map(([k, query]) => reports.run(k, query).tables)).toEqual(expected);
    // nothing was left to build
    expect(stored.get()).toBe(21);
    expect(await reports.summarise('2026-11-16', '2026-11-23')).toBe(0);
  });

  it('summarises the recent days in the background once at a time, and not after stop()', async () => {
    f.db.prepare('DELETE FROM report_days').run();
    const first = reports.summariseRecent();
    expect(reports.summariseRecent()).toBe(first);
    // the last 460 days before today, every one of them (most are empty)
    expect(await first).toBeGreaterThanOrEqual(460);
    expect(reports.packs.missing('2025-01-01', '2026-11-22', '2026-11-23')).toHaveLength(
      (Date.parse('2026-11-22') - Date.parse('2025-01-01')) / 86_400_000 + 1 - 460,
    );
    f.db.prepare('DELETE FROM report_days').run();
    await reports.stop();
    expect(await reports.summariseRecent()).toBe(0);
    expect(await reports.summarise('2026-11-16', '2026-11-22')).toBe(0);
    expect(f.db.prepare('SELECT COUNT(*) FROM report_days').pluck().get()).toBe(0);
  });
});

describe('dossier report', () => {
  beforeEach(() => {
    const a = f.services.a;
    const due = '2026-11-20T10:00:00.000Z'; // 17:00 on Friday 20 November in Hanoi
    addDossier({ received: '2026-11-16T02:00:00.000Z', due, status: 'returned', resolved: '2026-11-18T03:00:00.000Z', returned: '2026-11-19T03:00:00.000Z', channel: 'truc_tiep', service: a, officer: f.officer.id });
    addDossier({ received: '2026-11-16T03:00:00.000Z', due, status: 'resolved', resolved: '2026-11-20T02:00:00.000Z', channel: 'truc_tiep', service: a, officer: f.officer.id });
    addDossier({ received: '2026-11-16T04:00:00.000Z', due, status: 'resolved', resolved: '2026-11-21T02:00:00.000Z', channel: 'truc_tuyen', service: a });
    addDossier({ received: '2026-11-16T05:00:00.000Z', due: '2026-11-30T10:00:00.000Z', status: 'processing', channel: 'buu_chinh', service: f.services.b });
    addDossier({ received: '2026-11-16T06:00:00.000Z', due, status: 'supplement_requested', channel: 'truc_tuyen', service: f.services.b });
    addDossier({ received: '2026-11-16T07:00:00.000Z', due, status: 'rejected', channel: 'truc_tuyen' });
    // 00:30 on 17 November in Hanoi, still the 16th in UTC
    addDossier({ received: '2026-11-16T17:30:00.000Z', due: null, status: 'accepted', channel: 'truc_tiep', service: a });
  });

  it('counts received per channel and the timeliness of each, by local day of receipt', () => {
    const r = reports.run('dossiers', q());
    const per = table(r, 'dossiers_by_period');
    expect(row(per, '16/11/2026')).toMatchObject({
      received: 6,
      truc_tiep: 2,
      truc_tuyen: 3,
      buu_chinh: 1,
      early: 1,
      onTime: 1,
      overdue: 1,
      inTime: 1,
      overdueOpen: 1,
      noDue: 1,
    });
    expect(row(per, '16/11/2026').onTimeShare).toBeCloseTo(2 / 3, 10);
    expect(row(per, '17/11/2026')).toMatchObject({ received: 1, truc_tiep: 1, noDue: 1 });
    expect(row(table(r, 'dossiers_by_channel'), 'Trực tuyến')).toMatchObject({ received: 3, overdue: 1, overdueOpen: 1, noDue: 1 });
    expect(row(table(r, 'dossiers_by_field'), 'Tư pháp – Hộ tịch')).toMatchObject({ received: 4, early: 1, onTime: 1, overdue: 1, noDue: 1 });
    expect(row(table(reports.run('dossiers', q({ officerId: f.officer.id })), 'dossiers_by_period'), 'Tổng cộng')).toMatchObject({ received: 2 });
    // a week later the open one is overdue: the clock decides, not the stored summary
    f.clock.set('2026-12-01T02:00:00Z');
    expect(row(table(reports.run('dossiers', q()), 'dossiers_by_period'), 'Tổng cộng')).toMatchObject({ inTime: 0, overdueOpen: 2 });
  });

  it('agrees with timeliness() applied to each dossier, on random dossiers', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const statuses: DossierStatus[] = ['accepted', 'processing', 'resolved', 'returned', 'rejected', 'withdrawn', 'stopped', 'supplement_requested'];
    const base = Date.parse('2026-10-01T00:00:00Z');
    for (let i = 0; i < 400; i++) {
      const received = base + Math.floor(rand() * 50 * 86_400_000);
      const due = rand() < 0.1 ? null : received + Math.floor(rand() * 10 * 86_400_000);
      const status = statuses[Math.floor(rand() * statuses.length)]!;
      const done = received + Math.floor(rand() * 12 * 86_400_000);
      const finished = status === 'resolved' || status === 'returned';
      addDossier({
        received: new Date(received).toISOString(),
        due: due === null ? null : new Date(due).toISOString(),
        status,
        resolved: finished && rand() < 0.8 ? new Date(done).toISOString() : undefined,
        returned: status === 'returned' ? new Date(done + 3_600_000).toISOString() : undefined,
        channel: ['truc_tiep', 'truc_tuyen', 'buu_chinh'][Math.floor(rand() * 3)]!,
        service: rand() < 0.5 ? f.services.a : f.services.b,
      });
    }
    const dayOf = localDayOf(TZ);
    const range = q({ from: '2026-10-01', to: '2026-11-30' });
    const expected = new Map<string, number>();
    for (const d of f.db
      .prepare("SELECT received_at AS receivedAt, channel, status, due_at AS dueAt, resolved_at AS resolvedAt, returned_at AS returnedAt FROM dossiers WHERE received_at >= '2026-09-30T17:00:00.000Z' AND received_at < '2026-11-30T17:00:00.000Z'")
      .all() as { receivedAt: string; channel: string; status: DossierStatus; dueAt: string | null; resolvedAt: string | null; returnedAt: string | null }[]) {
      const k = `${dayOf(d.receivedAt)}|${d.channel}|${timeliness(d, f.clock.now(), dayOf)}`;
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    const sum = (counts: ReturnType<ReportService['dossierCounts']>) => {
      const m = new Map<string, number>();
      for (const c of counts) m.set(`${c.day}|${c.channel}|${c.t}`, (m.get(`${c.day}|${c.channel}|${c.t}`) ?? 0) + c.n);
      return m;
    };
    expect(sum(reports.dossierCounts(range))).toEqual(expected);
    // the second run reads the stored day summaries: still the same
    expect(f.db.prepare('SELECT COUNT(*) FROM report_dossier_days').pluck().get()).toBeGreaterThan(10);
    expect(sum(reports.dossierCounts(range))).toEqual(expected);
  });
});

describe('stored day summaries equal a direct computation after random activity', () => {
  it('runs a week of random queue activity and compares every report with fresh packs and with SQL', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    f.clock.set('2026-11-16T01:00:00Z'); // Monday 08:00 in Hanoi
    const counters = [f.counters.c1, f.counters.c2];
    for (let day = 0; day < 5; day++) {
      f.clock.set(new Date(Date.parse('2026-11-16T01:00:00Z') + day * 86_400_000).toISOString());
      for (let step = 0; step < 80; step++) {
        f.clock.advance(Math.floor(rand() * 120_000));
        const x = rand();
        if (x < 0.45) f.queue.issueTicket({ serviceId: rand() < 0.5 ? f.services.a : f.services.b });
        else {
          const c = counters[Math.floor(rand() * 2)]!;
          const who = rand() < 0.5 ? f.officer : f.admin;
          try {
            if (x < 0.7) f.queue.callNext(c, who);
            else if (x < 0.8) f.queue.start(c, who);
            else if (x < 0.95) f.queue.finish(c, who);
            else f.queue.skip(c, who);
          } catch {
            // nothing to start, finish or skip at this counter now: the next step goes on
          }
        }
      }
    }
    f.clock.set('2026-11-23T02:00:00Z');
    f.queue.rolloverIfNeeded();
    const range = q({ from: '2026-11-16', to: '2026-11-23', groupBy: 'week' });
    const first = (['tickets', 'times'] as const).map((k) => reports.run(k, range).tables);
    expect(f.db.prepare('SELECT COUNT(DISTINCT day) FROM report_days').pluck().get()).toBe(7);
    // from the stored summaries
    expect((['tickets', 'times'] as const).map((k) => reports.run(k, range).tables)).toEqual(first);
    // from fresh packs, summaries dropped
    f.db.prepare('DELETE FROM report_days').run();
    expect((['tickets', 'times'] as const).map((k) => reports.run(k, range).tables)).toEqual(first);
    // and against SQL straight over the tickets table
    const total = row(table(reports.run('tickets', range), 'tickets_by_period'), 'Tổng cộng');
    const sql = f.db
      .prepare("SELECT COUNT(*) AS issued, SUM(status = 'done') AS served, SUM(status = 'no_show' OR (status = 'expired' AND first_called_at IS NOT NULL)) AS noShow FROM tickets WHERE service_day BETWEEN '2026-11-16' AND '2026-11-23'")
      .get() as { issued: number; served: number; noShow: number };
    expect(total).toMatchObject(sql);
    expect(sql.served).toBeGreaterThan(20);
    const waits = (f.db
      .prepare("SELECT first_called_at AS c, issued_at AS i FROM tickets WHERE status = 'done' AND service_day BETWEEN '2026-11-16' AND '2026-11-23'")
      .all() as { c: string; i: string }[])
      .map((t) => Math.floor((Date.parse(t.c) - Date.parse(t.i)) / 1000))
      .sort((x, y) => x - y);
    const times = row(table(reports.run('times', range), 'times_by_period'), 'Tổng cộng');
    expect(times).toMatchObject({ served: waits.length, waitMedian: nearestRank(waits, 50), waitP90: nearestRank(waits, 90) });
  });
});

describe('exports', () => {
  beforeEach(handBuilt);

  it('writes CSV as UTF-8 with a BOM, durations in minutes and shares in percent', () => {
    const t = table(reports.run('times', q()), 'times_by_field');
    const csv = tableCsv(t);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['Lĩnh vực', 'Số lượt đã phục vụ', 'Chờ: trung bình (phút)', 'Chờ: trung vị (phút)', 'Chờ: 90% lượt ≤ (phút)', 'Phục vụ: trung bình (phút)', 'Phục vụ: trung vị (phút)', 'Phục vụ: 90% lượt ≤ (phút)']);
    expect(rows.find((r) => r[0] === 'Tư pháp – Hộ tịch')).toEqual(['Tư pháp – Hộ tịch', '3', '11.7', '10', '20', '3.7', '4', '5']);
    const share = parseCsv(tableCsv(table(reports.run('satisfaction', q()), 'satisfaction_levels')), { bom: true }) as string[][];
    expect(share.find((r) => r[0] === 'Hài lòng (2 mức cao nhất)')).toEqual(['Hài lòng (2 mức cao nhất)', '3', '75', '0', '0']);
  });

  it('writes XLSX with one sheet per table, read back with exceljs', async () => {
    const r = reports.run('tickets', q());
    const buf = await reportXlsx(r, { officeName: 'UBND xã Thử Nghiệm', period: 'Từ ngày 16/11/2026 đến ngày 22/11/2026' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Số lượt theo kỳ', 'Số lượt theo giờ lấy số', 'Số lượt theo lĩnh vực']);
    const ws = wb.getWorksheet('Số lượt theo kỳ')!;
    expect(ws.getCell('A1').value).toBe('UBND xã Thử Nghiệm');
    expect(ws.getRow(5).values).toEqual([undefined, 'Kỳ', 'Số lượt lấy số', 'Đã phục vụ', 'Vắng mặt', 'Đã hủy', 'Chưa phục vụ', 'Tỉ lệ phục vụ (%)']);
    expect(ws.getRow(6).values).toEqual([undefined, '16/11/2026', 6, 3, 1, 1, 1, 50]);
    const last = ws.getRow(ws.rowCount).values as unknown[];
    expect(last.slice(1, 4)).toEqual(['Tổng cộng', 9, 5]);
  });
});

describe('today dashboard', () => {
  it('counts today’s queue and ratings', () => {
    const t1 = f.queue.issueTicket({ serviceId: f.services.a }).ticket;
    f.clock.advance(60_000);
    f.queue.issueTicket({ serviceId: f.services.b });
    f.clock.advance(60_000);
    f.queue.callNext(f.counters.c1, f.officer);
    f.clock.advance(60_000);
    f.queue.start(f.counters.c1, f.officer);
    f.queue.finish(f.counters.c1, f.officer);
    addRating({ ticket: t1.id, counter: f.counters.c1, officer: f.officer.id, service: f.services.a, level: 'satisfied', day: '2026-11-23' });
    const s = reports.todaySummary();
    expect(s).toMatchObject({ day: '2026-11-23', issued: 2, served: 1, waiting: 1, noShows: 0, meanWaitSeconds: 120, demo: false });
    expect(s.longestWaitSeconds).toBe(120);
    expect(s.ratings).toEqual({ count: 1, satisfied: 1, share: 1, anonymous: 0 });
    expect(s.fields.find((x) => x.serviceId === f.services.b)).toMatchObject({ waiting: 1, issued: 1, served: 0 });
  });
});
