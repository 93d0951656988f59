/**
 * DỮ LIỆU MẪU / DEMO DATA: a year (or any number of months) of made-up activity for a
 * provincial public-service centre, for trying the reports: tickets with weekday and
 * hour-of-day patterns, no-shows and cancels, ratings with reasons, dossiers by channel with
 * their timeliness. Only for a FRESH database: refuses one that holds tickets it did not make.
 * No real person appears: applicants are "Công dân mẫu" with a number.
 */
import type { Db } from '../../db/database';
import type { ConfigRepo } from '../configRepo';
import type { OfficerRepo } from '../../auth/officerRepo';
import { newPublicCode } from '../issuing';
import { generatePassword, seedDemoOffice } from '../seed';
import { zonedInstant } from '../time';
import { DomainError } from '../errors';
import { DEFAULT_REASONS } from '../../../shared/ratings';
import { DayPacks } from './dayPackStore';
import { dayFromNumber, dayNumber } from './periods';

export interface DemoOptions {
  months: number;
  /** Today's service day (read once the office exists): the last day filled is the day before. */
  today: () => string;
  /** Seed of the random numbers: the same seed gives the same data. */
  seed?: number;
  /** Tickets on an ordinary Tuesday (the other weekdays are scaled from it). */
  ticketsPerDay?: number;
  onProgress?: (message: string) => void;
}

export interface DemoResult {
  days: number;
  tickets: number;
  ratings: number;
  dossiers: number;
  firstTicketId: number;
  lastTicketId: number;
  packedDays: number;
}

/** A small, fast, seedable random generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return {
    next,
    /** Log-normal with the given median (seconds) and spread. */
    logNormal: (median: number, sigma: number) => median * Math.exp(sigma * normal()),
    pick: <T>(items: readonly T[], weights?: readonly number[]): T => {
      if (!weights) return items[Math.floor(next() * items.length)]!;
      let r = next() * weights.reduce((x, y) => x + y, 0);
      for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) < 0) return items[i]!;
      return items[items.length - 1]!;
    },
  };
}

/** Arrivals per half hour from 07:00 (index 0) to 17:00: a morning peak, a lunch gap, a smaller afternoon peak. */
const HALF_HOURS = [0.4, 1.6, 2.4, 2.6, 2.3, 1.9, 1.4, 0.9, 0.3, 0, 0, 0, 0.5, 1.4, 1.7, 1.5, 1.2, 0.8, 0.4, 0];
/** Monday is the busiest day; Friday afternoon is quiet. */
const WEEKDAY_LOAD = [0, 1.25, 1, 0.95, 1, 0.85, 0];

interface FieldPlan {
  code: string;
  weight: number;
  /** median service seconds */
  service: number;
  procedures: { code: string; name: string; days: number }[];
}
const FIELDS: FieldPlan[] = [
  {
    code: 'TP',
    weight: 34,
    service: 300,
    procedures: [
      { code: '1.001193', name: 'Đăng ký khai sinh', days: 0 },
      { code: '2.000815', name: 'Chứng thực bản sao từ bản chính', days: 0 },
      { code: '2.000635', name: 'Cấp bản sao trích lục hộ tịch', days: 0 },
      { code: '1.000894', name: 'Đăng ký kết hôn', days: 0 },
      { code: '1.004873', name: 'Cấp Giấy xác nhận tình trạng hôn nhân', days: 3 },
    ],
  },
  {
    code: 'NNMT',
    weight: 22,
    service: 660,
    procedures: [
      { code: '1.004227', name: 'Đăng ký biến động quyền sử dụng đất', days: 10 },
      { code: '1.004217', name: 'Cấp đổi Giấy chứng nhận quyền sử dụng đất', days: 7 },
      { code: '2.000889', name: 'Đăng ký thế chấp quyền sử dụng đất', days: 3 },
    ],
  },
  {
    code: 'VHXH',
    weight: 14,
    service: 420,
    procedures: [
      { code: '1.001776', name: 'Thực hiện trợ cấp xã hội hằng tháng', days: 15 },
      { code: '1.001653', name: 'Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi', days: 5 },
    ],
  },
  {
    code: 'DTCT',
    weight: 10,
    service: 540,
    procedures: [
      { code: '1.009972', name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', days: 15 },
      { code: '2.000575', name: 'Đăng ký hộ kinh doanh', days: 3 },
    ],
  },
  { code: 'TKQ', weight: 20, service: 150, procedures: [] },
];

const COMMENTS = [
  'Chờ lâu quá',
  'Cán bộ hướng dẫn chưa rõ, phải đi lại nhiều lần',
  'Phòng chờ nóng, thiếu ghế',
  'Giải quyết chậm so với giấy hẹn',
  'Máy lấy số bị lỗi',
];

const EXTRA_COUNTERS = [
  { number: 5, name: 'Quầy 5 – Tư pháp', codes: ['TP'] },
  { number: 6, name: 'Quầy 6 – Đất đai', codes: ['NNMT'] },
  { number: 7, name: 'Quầy 7 – Đô thị – Công thương', codes: ['DTCT', 'NNMT'] },
  { number: 8, name: 'Quầy 8 – Văn hóa – Xã hội', codes: ['VHXH'] },
  { number: 9, name: 'Quầy 9 – Tư pháp, Chứng thực', codes: ['TP', 'TKQ'] },
  { number: 10, name: 'Quầy 10 – Trả kết quả', codes: ['TKQ'] },
];
const EXTRA_OFFICERS = ['Phạm Minh Tuấn', 'Hoàng Thị Mai', 'Vũ Đức Anh', 'Đặng Thu Trang', 'Bùi Quốc Khánh', 'Đỗ Thị Ngọc', 'Ngô Văn Bình'];

/** Refuses a database that already holds tickets (real ones, or an earlier demo). */
export function assertFreshForDemo(db: Db): void {
  const tickets = db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
  if (tickets === 0) return;
  const demo = db.prepare('SELECT first_ticket_id AS f, last_ticket_id AS l FROM demo_data WHERE id = 1').get() as { f: number; l: number } | undefined;
  const foreign = demo
    ? (db.prepare('SELECT COUNT(*) FROM tickets WHERE id < ? OR id > ?').pluck().get(demo.f, demo.l) as number)
    : tickets;
  if (foreign > 0) {
    throw new DomainError(
      409,
      'not_fresh',
      `Cơ sở dữ liệu đã có ${foreign} phiếu thật: không thể nạp dữ liệu mẫu vào đây. Hãy dùng một thư mục dữ liệu mới (--data-dir). ` +
        `(The database already holds ${foreign} real tickets; demo data goes only into a fresh database.)`,
    );
  }
  throw new DomainError(
    409,
    'already_demo',
    'Cơ sở dữ liệu này đã có dữ liệu mẫu. Hãy dùng một thư mục dữ liệu mới (--data-dir). (This database already holds demo data.)',
  );
}

/** Makes sure the office, fields, counters and officers a provincial centre has exist; returns them. */
async function ensureStaff(db: Db, config: ConfigRepo, officers: OfficerRepo) {
  if (!config.hasOffice()) await seedDemoOffice(config, officers);
  const byCode = new Map(config.services().map((s) => [s.code, s.id]));
  for (const f of FIELDS) if (!byCode.has(f.code)) throw new DomainError(409, 'demo_fields', `Thiếu lĩnh vực ${f.code} của văn phòng mẫu. (The demo office lacks field ${f.code}.)`);
  const numbers = new Set(config.counters().map((c) => c.number));
  for (const c of EXTRA_COUNTERS) {
    if (!numbers.has(c.number)) config.saveCounter({ number: c.number, name: c.name, active: true, serviceIds: c.codes.map((k) => byCode.get(k)!) });
  }
  const usernames = new Set(officers.list().map((o) => o.username));
  for (const [i, name] of EXTRA_OFFICERS.entries()) {
    const username = `canbo${i + 4}`;
    if (!usernames.has(username)) await officers.save({ name, username, role: 'officer', active: true, counterIds: [], password: generatePassword() });
  }
  const counters = config.counters().filter((c) => c.active);
  const staff = (db.prepare("SELECT id FROM officers WHERE role = 'officer' AND active = 1 ORDER BY id").pluck().all() as number[]).slice(0, counters.length);
  return { fieldIds: FIELDS.map((f) => byCode.get(f.code)!), counters, staff, services: config.services() };
}

/** Fills the database. Big transactions (one per month), prepared statements. */
export async function seedDemoData(db: Db, config: ConfigRepo, officers: OfficerRepo, opts: DemoOptions): Promise<DemoResult> {
  assertFreshForDemo(db);
  const say = opts.onProgress ?? (() => undefined);
  const r = rng(opts.seed ?? 20260101);
  const { fieldIds, counters, staff, services } = await ensureStaff(db, config, officers);
  const office = config.office();
  const tz = office.timeZone;
  const today = opts.today();
  const perDay = opts.ticketsPerDay ?? 2000;
  const prefixOf = new Map(services.map((s) => [s.id, s]));
  // each counter's fields and its usual officer
  const countersOf = new Map<number, { id: number; officer: number }[]>();
  counters.forEach((c, i) => {
    for (const sid of c.serviceIds) {
      const list = countersOf.get(sid) ?? [];
      list.push({ id: c.id, officer: staff[i % staff.length]! });
      countersOf.set(sid, list);
    }
  });
  // officers differ a little in speed and in how satisfied their visitors are
  const officerSpeed = new Map(staff.map((id) => [id, 0.8 + r.next() * 0.45]));
  const officerMood = new Map(staff.map((id) => [id, r.next()]));

  const ins = {
    ticket: db.prepare(
      `INSERT INTO tickets (public_code, service_day, service_id, issued_service_id, seq, number, priority_id, status, counter_id, officer_id,
         issued_at, queue_at, first_called_at, called_at, started_at, finished_at, call_count, printed, kiosk_id)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'demo')`,
    ),
    sequence: db.prepare('INSERT OR REPLACE INTO number_sequences (service_id, service_day, last_number, issued) VALUES (?, ?, ?, ?)'),
    rating: db.prepare(
      `INSERT INTO ratings (ticket_id, dossier_id, counter_id, officer_id, service_id, level, scale_size, reasons_json, reason_text, source, at, service_day)
       VALUES (?, NULL, ?, ?, ?, ?, 3, ?, ?, ?, ?, ?)`,
    ),
    dossier: db.prepare(
      `INSERT INTO dossiers (code, procedure_code, procedure_name, service_id, applicant_name, channel, status, received_at, due_at,
         resolved_at, returned_at, received_by, counter_id, source, collect_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Bộ phận Một cửa', ?, ?)`,
    ),
    dossierSeq: db.prepare('INSERT OR REPLACE INTO dossier_sequences (agency_code, day, last_seq) VALUES (?, ?, ?)'),
    event: db.prepare('INSERT INTO dossier_events (dossier_id, from_status, to_status, at, officer_id, counter_id, source) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    link: db.prepare("INSERT INTO dossier_tickets (dossier_id, ticket_id, role, linked_at, officer_id) VALUES (?, ?, 'receive', ?, ?)"),
  };

  const lastDay = dayNumber(today) - 1;
  const firstDate = new Date(lastDay * 86_400_000);
  firstDate.setUTCMonth(firstDate.getUTCMonth() - opts.months);
  const firstDay = Math.floor(firstDate.getTime() / 86_400_000) + 1;
  const nowIso = zonedInstant(today, 7 * 60, tz).toISOString();
  const result: DemoResult = { days: 0, tickets: 0, ratings: 0, dossiers: 0, firstTicketId: 0, lastTicketId: 0, packedDays: 0 };
  const iso = (ms: number) => new Date(ms).toISOString();
  let applicant = 0;
  let month = '';
  let monthTickets = 0;

  const fillDay = (day: string) => {
    const weekday = new Date(dayNumber(day) * 86_400_000).getUTCDay();
    const load = WEEKDAY_LOAD[weekday]!;
    if (load === 0) return;
    result.days++;
    const dayStart = zonedInstant(day, 7 * 60, tz).getTime();
    const n = Math.round(perDay * load * (0.9 + r.next() * 0.2));
    const seqs = new Map<number, number>();
    let dossierSeq = 0;
    const agency = office.agencyCode;
    const yymmdd = day.slice(2).replaceAll('-', '');
    // counters free from: serving one visitor at a time
    const freeAt = new Map<number, number>(counters.map((c) => [c.id, dayStart]));
    const arrivals: number[] = [];
    for (let i = 0; i < n; i++) {
      const half = r.pick(HALF_HOURS.map((_, k) => k), HALF_HOURS);
      arrivals.push(dayStart + half * 1_800_000 + Math.floor(r.next() * 1_800_000));
    }
    arrivals.sort((a, b) => a - b);
    for (const issued of arrivals) {
      const fi = r.pick(FIELDS.map((_, k) => k), FIELDS.map((f) => f.weight));
      const field = FIELDS[fi]!;
      const serviceId = fieldIds[fi]!;
      const seq = (seqs.get(serviceId) ?? 0) + 1;
      seqs.set(serviceId, seq);
      const svc = prefixOf.get(serviceId)!;
      const number = `${svc.prefix}${String(svc.firstNumber + seq - 1).padStart(svc.digits, '0')}`;
      const roll = r.next();
      // a no-show ends its day expired (the day's rollover does that), called but never served
      const outcome = roll < 0.02 ? 'cancelled' : roll < 0.075 ? 'no_show' : roll < 0.09 ? 'expired' : 'done';
      const status = outcome === 'no_show' ? 'expired' : outcome;
      let counter: number | null = null;
      let officer: number | null = null;
      let firstCalled: number | null = null;
      let started: number | null = null;
      let finished: number | null = null;
      if (outcome === 'done' || outcome === 'no_show') {
        // the counter of this field that is free first
        const options = countersOf.get(serviceId)!;
        const best = options.reduce((a, b) => (freeAt.get(a.id)! <= freeAt.get(b.id)! ? a : b));
        counter = best.id;
        officer = r.next() < 0.92 ? best.officer : r.pick(staff);
        const queueWait = Math.max(0, freeAt.get(counter)! - issued);
        firstCalled = issued + Math.round(Math.min(queueWait, 5_400_000) * 0.35 + r.logNormal(240, 0.8) * 1000);
        if (status === 'done') {
          started = firstCalled + Math.round(20_000 + r.next() * 70_000);
          finished = started + Math.round(r.logNormal(field.service * officerSpeed.get(officer)!, 0.55) * 1000);
          freeAt.set(counter, finished);
        } else {
          freeAt.set(counter, firstCalled + 90_000);
        }
      }
      const info = ins.ticket.run(
        newPublicCode(),
        day,
        serviceId,
        serviceId,
        seq,
        number,
        status,
        counter,
        officer,
        iso(issued),
        iso(issued),
        firstCalled === null ? null : iso(firstCalled),
        firstCalled === null ? null : iso(firstCalled),
        started === null ? null : iso(started),
        finished === null ? null : iso(finished ?? issued),
        firstCalled === null ? 0 : outcome === 'no_show' ? 3 : 1,
      );
      const ticketId = Number(info.lastInsertRowid);
      if (!result.firstTicketId) result.firstTicketId = ticketId;
      result.lastTicketId = ticketId;
      result.tickets++;
      monthTickets++;
      if (status !== 'done') continue;
      // a rating for about 45 % of the visits
      if (r.next() < 0.45) {
        const mood = officerMood.get(officer!)! * 0.08;
        const x = r.next();
        const level = x < 0.03 + mood ? 'unsatisfied' : x < 0.26 + mood ? 'satisfied' : 'very_satisfied';
        const reasons = level === 'unsatisfied' ? [r.pick(DEFAULT_REASONS.slice(0, 4)).key, ...(r.next() < 0.3 ? [r.pick(DEFAULT_REASONS).key] : [])] : [];
        const text = level === 'unsatisfied' && r.next() < 0.2 ? r.pick(COMMENTS) : '';
        ins.rating.run(ticketId, counter, officer, serviceId, level, JSON.stringify([...new Set(reasons)]), text, r.pick(['tablet', 'buttons']), iso(finished! + 15_000), day);
        result.ratings++;
      } else if (r.next() < 0.03) {
        // a button pressed with no visit in its window: anonymous
        ins.rating.run(null, counter, null, null, r.pick(['very_satisfied', 'satisfied', 'unsatisfied'], [6, 3, 1]), '[]', '', 'buttons', iso(finished! + 600_000), day);
        result.ratings++;
      }
      // about one visit in four receives a dossier
      if (field.procedures.length > 0 && r.next() < 0.27) {
        dossierSeq++;
        addDossier(day, `${agency}-${yymmdd}-${String(dossierSeq).padStart(4, '0')}`, field, serviceId, 'truc_tiep', finished!, officer, counter, ticketId);
      }
    }
    // online and postal dossiers, received through the day
    const online = Math.round(n * 0.09 * (0.8 + r.next() * 0.4));
    for (let i = 0; i < online; i++) {
      const fi = r.pick([0, 1, 2, 3], [30, 35, 20, 15]);
      dossierSeq++;
      addDossier(day, `${agency}-${yymmdd}-${String(dossierSeq).padStart(4, '0')}`, FIELDS[fi]!, fieldIds[fi]!, r.next() < 0.9 ? 'truc_tuyen' : 'buu_chinh', dayStart + Math.floor(r.next() * 36_000_000), null, null, null);
    }
    if (dossierSeq > 0) ins.dossierSeq.run(agency, yymmdd, dossierSeq);
    for (const [sid, last] of seqs) ins.sequence.run(sid, day, prefixOf.get(sid)!.firstNumber + last - 1, last);
  };

  const addDossier = (
    day: string,
    code: string,
    field: FieldPlan,
    serviceId: number,
    channel: 'truc_tiep' | 'truc_tuyen' | 'buu_chinh',
    receivedMs: number,
    officer: number | null,
    counter: number | null,
    ticketId: number | null,
  ) => {
    const proc = r.pick(field.procedures);
    const received = iso(receivedMs);
    // due: end of the working day for in-day procedures, else the legal days (weekends added)
    const dueDay = dayFromNumber(dayNumber(day) + Math.ceil(proc.days * 1.4));
    const due = zonedInstant(dueDay, 17 * 60, tz).getTime();
    const x = r.next();
    let status = 'processing';
    let resolved: number | null = null;
    let returned: number | null = null;
    if (x < 0.015) status = 'rejected';
    else if (x < 0.025) status = 'withdrawn';
    else {
      const y = r.next();
      // 22 % early, 75 % on the due day, 3 % late
      const doneAt =
        y < 0.03
          ? due + Math.round((1 + r.next() * 5) * 86_400_000)
          : y < 0.25 && proc.days > 0
            ? receivedMs + Math.round(r.next() * Math.max(0, zonedInstant(dueDay, 7 * 60, tz).getTime() - receivedMs - 3_600_000))
            : Math.min(due - 60_000, Math.max(receivedMs + 1_800_000, zonedInstant(dueDay, 8 * 60, tz).getTime() + Math.round(r.next() * 28_000_000)));
      if (iso(doneAt) <= nowIso) {
        resolved = doneAt;
        status = 'resolved';
        const back = doneAt + Math.round(r.logNormal(2, 0.8) * 86_400_000);
        if (iso(back) <= nowIso && r.next() < 0.9) {
          returned = back;
          status = 'returned';
        }
      }
    }
    applicant++;
    const updated = iso(returned ?? resolved ?? receivedMs);
    const info = ins.dossier.run(
      code,
      proc.code,
      proc.name,
      serviceId,
      `Công dân mẫu ${String(applicant).padStart(6, '0')}`,
      channel,
      status,
      received,
      iso(due),
      resolved === null ? null : iso(resolved),
      returned === null ? null : iso(returned),
      officer,
      counter,
      channel === 'truc_tiep' ? 'counter' : 'sync',
      received,
      updated,
    );
    const id = Number(info.lastInsertRowid);
    const source = channel === 'truc_tiep' ? 'counter' : 'sync';
    ins.event.run(id, null, status === 'rejected' ? 'rejected' : 'accepted', received, officer, counter, source);
    if (status === 'withdrawn') ins.event.run(id, 'accepted', 'withdrawn', iso(receivedMs + 86_400_000), null, null, source);
    if (resolved !== null) ins.event.run(id, 'accepted', 'resolved', iso(resolved), null, null, source);
    if (returned !== null) ins.event.run(id, 'resolved', 'returned', iso(returned), null, null, source);
    if (ticketId !== null) ins.link.run(id, ticketId, received, officer);
    result.dossiers++;
  };

  // A fresh demo database: no fsync per commit and a big page cache while loading (a crash
  // here loses only demo data, which the next run makes again in a fresh folder).
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -131072');
  // The rollback journal in memory: each page is written once, not to the WAL and again to
  // the file. Only possible when no other connection has the file open (the command line
  // tool); otherwise it stays in WAL, only slower.
  let switched = false;
  if (journal === 'wal') {
    try {
      db.pragma('journal_mode = MEMORY');
      switched = true;
    } catch {
      switched = false;
    }
  }
  try {
    fillMonths();
  } finally {
    if (switched) db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`cache_size = ${cacheSize}`);
  }
  /** One transaction per month. */
  function fillMonths() {
    for (let d = firstDay; d <= lastDay; ) {
      month = dayFromNumber(d).slice(0, 7);
      monthTickets = 0;
      db.transaction(() => {
        for (; d <= lastDay && dayFromNumber(d).slice(0, 7) === month; d++) fillDay(dayFromNumber(d));
      })();
      say(`  ${month}: ${monthTickets.toLocaleString('vi-VN')} phiếu (tickets)`);
    }
  }
  if (result.tickets > 0) {
    db.prepare('INSERT INTO demo_data (id, created_at, months, first_ticket_id, last_ticket_id) VALUES (1, ?, ?, ?, ?)').run(
      new Date().toISOString(),
      opts.months,
      result.firstTicketId,
      result.lastTicketId,
    );
  }
  say('Đang tổng hợp số liệu báo cáo theo ngày… (building the per-day report summaries)');
  result.packedDays = new DayPacks(db, () => tz).buildClosed(today);
  return result;
}
