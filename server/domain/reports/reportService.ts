/**
 * The reports a unit files (tickets, waiting and service times, satisfaction, dossiers) over
 * any range of service days, grouped by day / ISO week / month / quarter / year and filtered
 * by field, counter and officer. Tickets and ratings are read from day packs (dayPack.ts);
 * dossiers straight from SQL. Every figure is exact: see docs/reports.md for the definitions.
 */
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import type { ConfigRepo } from '../configRepo';
import { SATISFIED_LEVELS } from '../../../shared/ratings';
import { CHANNEL_LABELS, CHANNELS, type Channel as ChannelKey } from '../../../shared/catalogue';
import type { Timeliness } from '../../../shared/dossiers';
import {
  COUNTS_HEAD,
  RATINGS_HEAD,
  ST,
  TIMES_HEAD,
  countsEnd,
  ratingReasonsAt,
  ratingsEnd,
  timesEnd,
  type DayPart,
  type PartName,
  type Words,
} from './dayPack';
import { DayPacks } from './dayPackStore';
import { Runs, runStats } from './durations';
import { D, DS, DossierPacks, ms2000, timelinessAt } from './dossierPack';
import { dayFromNumber, dayNumber, periodKey, periodsOf } from './periods';
import type { Cell, GroupBy, Report, ReportFilters, ReportKind, ReportMeta, ReportTable, TodaySummary } from './types';
import type { QueueService } from '../queue';
import { buildSnapshot } from '../snapshot';
import { MAX_TEXTS, SATISFIED_INDEX, reasonLabels, satisfactionTables, type SatisfactionInput } from './satisfactionReport';
import { col, share } from './tableCells';

export interface ReportQuery extends ReportFilters {
  from: string;
  to: string;
  groupBy: GroupBy;
}


const TITLES: Record<ReportKind, { vi: string; en: string }> = {
  tickets: { vi: 'Số lượt lấy số và phục vụ', en: 'Tickets issued and served' },
  times: { vi: 'Thời gian chờ và thời gian phục vụ', en: 'Waiting and service times' },
  satisfaction: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
  dossiers: { vi: 'Tình hình tiếp nhận và giải quyết hồ sơ', en: 'Dossiers received and resolved' },
};

const TIMELINESS_KEYS = ['early', 'on_time', 'overdue', 'in_time', 'overdue_open', 'none'] as const satisfies readonly Timeliness[];
const TIMELINESS_INDEX = Object.fromEntries(TIMELINESS_KEYS.map((k, i) => [k, i])) as Record<Timeliness, number>;

/** One dossier count: local day of receipt, channel, timeliness, field. */
export interface DossierCount {
  day: string;
  channel: ChannelKey;
  t: Timeliness;
  serviceId: number | null;
  n: number;
}

export class ReportService {
  readonly packs: DayPacks;
  readonly dossierPacks: DossierPacks;
  private readonly sql;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly clock: Clock,
    private readonly queue: QueueService,
  ) {
    this.packs = new DayPacks(db, () => this.config.office().timeZone);
    this.dossierPacks = new DossierPacks(db, () => this.config.office().timeZone);
    this.sql = {
      officers: db.prepare("SELECT id, name FROM officers WHERE role <> 'leader' OR id IN (SELECT DISTINCT officer_id FROM ratings) ORDER BY name, id"),
      demo: db.prepare('SELECT created_at AS createdAt, months FROM demo_data WHERE id = 1'),
      // the newest written comments given with the levels below "satisfied" (index ratings_comments)
      comments: db.prepare(
        `SELECT service_day AS day, counter_id AS counterId, level, reason_text AS reasonText
           FROM ratings
          WHERE reason_text <> '' AND service_day BETWEEN :from AND :to
            AND level NOT IN (${SATISFIED_LEVELS.map((l) => `'${l}'`).join(', ')})
            AND (:serviceId IS NULL OR service_id = :serviceId) AND (:counterId IS NULL OR counter_id = :counterId)
            AND (:officerId IS NULL OR officer_id = :officerId)
          ORDER BY id DESC LIMIT :limit`,
      ),
    };
  }

  private stopped = false;
  private background: Promise<number> | null = null;

  /**
   * Summarises the closed days from `from` to `to` that a report would otherwise build first
   * (`tickets`: the day packs of the ticket, time and satisfaction reports; `dossiers`; `all`),
   * a few days at a time, about `sliceMs` each, with the event loop free in between: the queue,
   * TVs and kiosks keep their pace while a year is summarised (after an upgrade, a restore, an
   * import), and the report that follows finds its days ready. Returns the days built.
   */
  async summarise(from: string, to: string, which: 'tickets' | 'dossiers' | 'all' = 'all', sliceMs = SLICE_MS): Promise<number> {
    const open = this.today();
    let built = 0;
    for (const packs of which === 'all' ? [this.packs, this.dossierPacks] : which === 'dossiers' ? [this.dossierPacks] : [this.packs]) {
      const days = packs.missing(from, to, open);
      for (let i = 0; i < days.length && !this.stopped; ) {
        // days one after another until the slice's time is used up (at least one)
        const n = packs.storeDays(days.slice(i, i + MAX_SLICE_DAYS), performance.now() + sliceMs);
        i += n;
        built += n;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    return built;
  }

  /**
   * Summarises in the background the closed days of the last BACKGROUND_DAYS not summarised yet
   * (the server calls it after starting and then every half minute: after an upgrade or a
   * day's end the reports find their days ready). One run at a time.
   */
  summariseRecent(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    if (!this.background) {
      const today = this.today();
      this.background = this.summarise(dayFromNumber(dayNumber(today) - BACKGROUND_DAYS), dayFromNumber(dayNumber(today) - 1)).finally(() => {
        this.background = null;
      });
    }
    return this.background;
  }

  /** Stops summarising (the server is closing) and waits for a background run to let go. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.background?.catch(() => 0);
  }

  /** Today's service day. */
  today(): string {
    return this.queue.serviceDay(this.clock.now());
  }

  meta(): ReportMeta {
    const office = this.config.office();
    return {
      officeName: office.name,
      timeZone: office.timeZone,
      today: this.today(),
      services: this.config.services().map((s) => ({ id: s.id, name: s.name })),
      counters: this.config.counters().map((c) => ({ id: c.id, number: c.number, name: c.name })),
      officers: this.sql.officers.all() as { id: number; name: string }[],
      demo: (this.sql.demo.get() as { createdAt: string; months: number } | undefined) ?? null,
    };
  }

  run(kind: ReportKind, q: ReportQuery): Report {
    const tables =
      kind === 'tickets'
        ? this.ticketTables(q)
        : kind === 'times'
          ? this.timeTables(q)
          : kind === 'satisfaction'
            ? this.satisfactionTables(q)
            : this.dossierTables(q);
    return {
      kind,
      ...TITLES[kind],
      from: q.from,
      to: q.to,
      groupBy: q.groupBy,
      filters: { serviceId: q.serviceId, counterId: q.counterId, officerId: q.officerId },
      generatedAt: this.clock.now().toISOString(),
      tables,
    };
  }

  // ---- names -----------------------------------------------------------------------------

  private names() {
    const services = new Map(this.config.services().map((s) => [s.id, s.name]));
    const counters = new Map(this.config.counters().map((c) => [c.id, { number: c.number, name: c.name }]));
    const officers = new Map((this.db.prepare('SELECT id, name FROM officers').all() as { id: number; name: string }[]).map((o) => [o.id, o.name]));
    return {
      service: (id: number) => (id ? (services.get(id) ?? `Lĩnh vực #${id}`) : 'Không rõ lĩnh vực'),
      counter: (id: number) => (id ? (counters.get(id)?.name ?? `Quầy #${id}`) : 'Chưa gọi tại quầy nào'),
      counterOrder: (id: number) => counters.get(id)?.number ?? 1e9,
      officer: (id: number) => (id ? (officers.get(id) ?? `Cán bộ #${id}`) : 'Không rõ cán bộ'),
      serviceOrder: [...services.keys()],
    };
  }

  private parts(q: ReportQuery, part: PartName): DayPart[] {
    return this.packs.range(q.from, q.to, this.today(), part);
  }

  /** Whether the group at a[o] (field, counter, officer) passes the filters. */
  private keep(q: ReportQuery, a: Words, o: number): boolean {
    return (q.serviceId === null || a[o] === q.serviceId) && (q.counterId === null || a[o + 1] === q.counterId) && (q.officerId === null || a[o + 2] === q.officerId);
  }

  // ---- tickets ---------------------------------------------------------------------------

  private ticketTables(q: ReportQuery): ReportTable[] {
    const periods = periodsOf(q.from, q.to, q.groupBy);
    const byPeriod = new Map(periods.map((p) => [p.key, new Float64Array(5)]));
    const byHour = Array.from({ length: 24 }, () => new Float64Array(5));
    const byService = new Map<number, Float64Array>();
    // issued, served (done), no-shows, cancelled, never served (expired at the day's end or still open)
    const bump = (a: Float64Array, status: number, n: number) => {
      a[0]! += n;
      if (status === ST.done) a[1]! += n;
      else if (status === ST.no_show) a[2]! += n;
      else if (status === ST.cancelled) a[3]! += n;
      else a[4]! += n;
    };
    // groups of [field, counter, officer, m, (hour × 8 + status, n) × m] (dayPack.ts)
    for (const p of this.parts(q, 'counts')) {
      const per = byPeriod.get(periodKey(p.day, q.groupBy))!;
      const a = p.ints;
      for (let o = 0; o < a.length; ) {
        const start = o + COUNTS_HEAD;
        const end = countsEnd(a, o);
        if (this.keep(q, a, o)) {
          const sid = a[o]!;
          let s = byService.get(sid);
          if (!s) byService.set(sid, (s = new Float64Array(5)));
          for (let e = start; e < end; e += 2) {
            const status = a[e]! & 7;
            const n = a[e + 1]!;
            bump(per, status, n);
            bump(byHour[a[e]! >> 3]!, status, n);
            bump(s, status, n);
          }
        }
        o = end;
      }
    }
    const names = this.names();
    const cols = [
      col('issued', 'Số lượt lấy số', 'Issued'),
      col('served', 'Đã phục vụ', 'Served'),
      col('noShow', 'Vắng mặt', 'No-shows'),
      col('cancelled', 'Đã hủy', 'Cancelled'),
      col('unserved', 'Chưa phục vụ', 'Not served'),
      col('servedShare', 'Tỉ lệ phục vụ', 'Served share', 'share'),
    ];
    const cells = (a: Float64Array): Cell[] => [a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, share(a[1]!, a[0]!)];
    const total = new Float64Array(5);
    for (const a of byPeriod.values()) for (let i = 0; i < 5; i++) total[i]! += a[i]!;
    return [
      {
        key: 'tickets_by_period',
        vi: 'Số lượt theo kỳ',
        en: 'By period',
        columns: [col('period', 'Kỳ', 'Period', 'text'), ...cols],
        rows: [...periods.map((p) => [p.label, ...cells(byPeriod.get(p.key)!)]), ['Tổng cộng', ...cells(total)]],
      },
      {
        key: 'tickets_by_hour',
        vi: 'Số lượt theo giờ lấy số',
        en: 'By hour of issue',
        columns: [col('hour', 'Giờ', 'Hour', 'text'), ...cols],
        rows: byHour.flatMap((a, h) => (a[0]! > 0 || (h >= 7 && h <= 17) ? [[`${String(h).padStart(2, '0')}:00–${String(h).padStart(2, '0')}:59`, ...cells(a)]] : [])),
      },
      {
        key: 'tickets_by_field',
        vi: 'Số lượt theo lĩnh vực',
        en: 'By field',
        columns: [col('field', 'Lĩnh vực', 'Field', 'text'), ...cols],
        rows: [...byService.entries()]
          .sort((a, b) => b[1][0]! - a[1][0]!)
          .map(([id, a]) => [names.service(id), ...cells(a)]),
      },
    ];
  }

  // ---- times -----------------------------------------------------------------------------

  private timeTables(q: ReportQuery): ReportTable[] {
    const periods = periodsOf(q.from, q.to, q.groupBy);
    // Every served ticket belongs to five groups: its period, the total, its field, counter, officer.
    const periodIx = new Map(periods.map((p, i) => [p.key, i]));
    const all = periods.length;
    let groupCount = all + 1;
    const dims = { s: denseIds(() => groupCount++), c: denseIds(() => groupCount++), o: denseIds(() => groupCount++) };
    // groups of [field, counter, officer, w, v, waits ascending × w, service times ascending × v] (dayPack.ts)
    const parts = this.parts(q, 'times');
    let runCount = 0;
    for (const p of parts) for (let o = 0, a = p.ints; o < a.length; o = timesEnd(a, o)) runCount++;
    const waits = new Runs(runCount);
    const svcs = new Runs(runCount);
    for (const p of parts) {
      const per = periodIx.get(periodKey(p.day, q.groupBy))!;
      const a = p.ints;
      const ws = waits.source(a);
      const vs = svcs.source(a);
      for (let o = 0; o < a.length; ) {
        const w = a[o + 3]!;
        const v = a[o + 4]!;
        const start = o + TIMES_HEAD;
        if (this.keep(q, a, o)) {
          const gs = dims.s.get(a[o]!);
          const gc = dims.c.get(a[o + 1]!);
          const go = dims.o.get(a[o + 2]!);
          waits.add(ws, start, w, per, all, gs, gc, go);
          svcs.add(vs, start + w, v, per, all, gs, gc, go);
        }
        o = start + w + v;
      }
    }
    const w = runStats(waits, groupCount);
    const v = runStats(svcs, groupCount);
    const cells = (g: number): Cell[] =>
      [w.n[g]!, w.mean(g), w.median[g]!, w.p90[g]!, v.mean(g), v.median[g]!, v.p90[g]!].map((x) => (x === -1 ? null : x));
    const cols = [
      col('served', 'Số lượt đã phục vụ', 'Served', 'count'),
      col('waitMean', 'Chờ: trung bình', 'Wait: mean', 'seconds'),
      col('waitMedian', 'Chờ: trung vị', 'Wait: median', 'seconds'),
      col('waitP90', 'Chờ: 90% lượt ≤', 'Wait: 90th percentile', 'seconds'),
      col('serviceMean', 'Phục vụ: trung bình', 'Service: mean', 'seconds'),
      col('serviceMedian', 'Phục vụ: trung vị', 'Service: median', 'seconds'),
      col('serviceP90', 'Phục vụ: 90% lượt ≤', 'Service: 90th percentile', 'seconds'),
    ];
    const names = this.names();
    const served = (g: number) => w.n[g]!;
    return [
      {
        key: 'times_by_period',
        vi: 'Thời gian theo kỳ',
        en: 'By period',
        columns: [col('period', 'Kỳ', 'Period', 'text'), ...cols],
        rows: [...periods.map((p, i) => [p.label, ...cells(i)]), ['Tổng cộng', ...cells(all)]],
      },
      {
        key: 'times_by_field',
        vi: 'Thời gian theo lĩnh vực',
        en: 'By field',
        columns: [col('field', 'Lĩnh vực', 'Field', 'text'), ...cols],
        rows: dims.s.ids.sort((a, b) => served(dims.s.get(b)) - served(dims.s.get(a))).map((id) => [names.service(id), ...cells(dims.s.get(id))]),
      },
      {
        key: 'times_by_counter',
        vi: 'Thời gian theo quầy',
        en: 'By counter',
        columns: [col('counter', 'Quầy', 'Counter', 'text'), ...cols],
        rows: dims.c.ids.sort((a, b) => names.counterOrder(a) - names.counterOrder(b)).map((id) => [names.counter(id), ...cells(dims.c.get(id))]),
      },
      {
        key: 'times_by_officer',
        vi: 'Thời gian theo cán bộ',
        en: 'By officer',
        columns: [col('officer', 'Cán bộ', 'Officer', 'text'), ...cols],
        rows: dims.o.ids.sort((a, b) => names.officer(a).localeCompare(names.officer(b), 'vi')).map((id) => [names.officer(id), ...cells(dims.o.get(id))]),
      },
    ];
  }

  // ---- satisfaction ----------------------------------------------------------------------

  private satisfactionTables(q: ReportQuery): ReportTable[] {
    return satisfactionTables({
      parts: this.parts(q, 'ratings'),
      periods: periodsOf(q.from, q.to, q.groupBy),
      groupBy: q.groupBy,
      keep: (a, o) => this.keep(q, a, o),
      names: this.names(),
      reasonLabels: reasonLabels(this.config.office().settings.ratings),
      comments: this.sql.comments.all({ from: q.from, to: q.to, serviceId: q.serviceId, counterId: q.counterId, officerId: q.officerId, limit: MAX_TEXTS }) as SatisfactionInput['comments'],
    });
  }

  // ---- dossiers --------------------------------------------------------------------------

  /**
   * Dossiers received from `from` to `to` (local days of receipt), counted by day, channel,
   * timeliness and field: one pass over the day packs, the rule of shared/dossiers.ts.
   */
  dossierCounts(q: ReportQuery): DossierCount[] {
    const now = ms2000(this.clock.now());
    const out: DossierCount[] = [];
    // per day: counts by [field (dense), channel, timeliness], integers only in the loop
    const fields = denseIds(() => fieldIds.length);
    const fieldIds: number[] = [];
    const C = CHANNELS.length;
    const K = TIMELINESS_KEYS.length;
    for (const p of this.dossierPacks.range(q.from, q.to, this.today())) {
      const r = p.rows;
      const cells = new Map<number, Float64Array>();
      for (let o = 0; o < r.length; o += DS) {
        if (
          (q.serviceId !== null && r[o + D.service] !== q.serviceId) ||
          (q.counterId !== null && r[o + D.counter] !== q.counterId) ||
          (q.officerId !== null && r[o + D.officer] !== q.officerId)
        )
          continue;
        const sid = r[o + D.service]!;
        let f = sid < fields.table.length ? fields.table[sid]! : -1;
        if (f < 0) {
          f = fields.get(sid);
          fieldIds[f] = sid;
        }
        let c = cells.get(f);
        if (!c) cells.set(f, (c = new Float64Array(C * K)));
        c[r[o + D.channel]! * K + TIMELINESS_INDEX[timelinessAt(r, o, now)]]!++;
      }
      for (const [f, c] of cells) {
        for (let i = 0; i < c.length; i++) {
          if (c[i]! > 0) out.push({ day: p.day, channel: CHANNELS[Math.floor(i / K)]!, t: TIMELINESS_KEYS[i % K]!, serviceId: fieldIds[f]! || null, n: c[i]! });
        }
      }
    }
    return out;
  }

  private dossierTables(q: ReportQuery): ReportTable[] {
    const periods = periodsOf(q.from, q.to, q.groupBy);
    // received, per channel (3), per timeliness (6)
    const W = 1 + CHANNELS.length + TIMELINESS_KEYS.length;
    const blank = () => new Float64Array(W);
    const byPeriod = new Map(periods.map((p) => [p.key, blank()]));
    const byChannel = new Map(CHANNELS.map((c) => [c, blank()]));
    const byService = new Map<number, Float64Array>();
    const total = blank();
    for (const c of this.dossierCounts(q)) {
      const sid = c.serviceId ?? 0;
      let s = byService.get(sid);
      if (!s) byService.set(sid, (s = blank()));
      for (const a of [byPeriod.get(periodKey(c.day, q.groupBy)), byChannel.get(c.channel), s, total]) {
        if (!a) continue;
        a[0]! += c.n;
        a[1 + CHANNELS.indexOf(c.channel)]! += c.n;
        a[1 + CHANNELS.length + TIMELINESS_KEYS.indexOf(c.t)]! += c.n;
      }
    }
    const ti = (k: Timeliness) => 1 + CHANNELS.length + TIMELINESS_KEYS.indexOf(k);
    const timeCols = [
      col('early', 'Đã giải quyết: trước hạn', 'Resolved early'),
      col('onTime', 'Đã giải quyết: đúng hạn', 'Resolved on time'),
      col('overdue', 'Đã giải quyết: quá hạn', 'Resolved late'),
      col('onTimeShare', 'Tỉ lệ giải quyết đúng hạn', 'Resolved in time share', 'share'),
      col('inTime', 'Đang giải quyết: trong hạn', 'Open, in time'),
      col('overdueOpen', 'Đang giải quyết: quá hạn', 'Open, overdue'),
      col('noDue', 'Không tính hạn', 'Not timed: refused, withdrawn, stopped or without a due date'),
    ];
    const timeCells = (a: Float64Array): Cell[] => {
      const resolved = a[ti('early')]! + a[ti('on_time')]! + a[ti('overdue')]!;
      return [a[ti('early')]!, a[ti('on_time')]!, a[ti('overdue')]!, share(a[ti('early')]! + a[ti('on_time')]!, resolved), a[ti('in_time')]!, a[ti('overdue_open')]!, a[ti('none')]!];
    };
    const channelCols = CHANNELS.map((c) => col(c, CHANNEL_LABELS[c].vi, CHANNEL_LABELS[c].en));
    const fullCells = (a: Float64Array): Cell[] => [a[0]!, ...CHANNELS.map((_, i) => a[1 + i]!), ...timeCells(a)];
    const names = this.names();
    return [
      {
        key: 'dossiers_by_period',
        vi: 'Hồ sơ theo kỳ (theo ngày tiếp nhận)',
        en: 'By period (day received)',
        columns: [col('period', 'Kỳ', 'Period', 'text'), col('received', 'Số hồ sơ tiếp nhận', 'Received'), ...channelCols, ...timeCols],
        rows: [...periods.map((p) => [p.label, ...fullCells(byPeriod.get(p.key)!)]), ['Tổng cộng', ...fullCells(total)]],
      },
      {
        key: 'dossiers_by_channel',
        vi: 'Hồ sơ theo hình thức tiếp nhận',
        en: 'By channel',
        columns: [col('channel', 'Hình thức', 'Channel', 'text'), col('received', 'Số hồ sơ tiếp nhận', 'Received'), ...timeCols],
        rows: CHANNELS.map((c) => {
          const a = byChannel.get(c)!;
          return [CHANNEL_LABELS[c].vi, a[0]!, ...timeCells(a)];
        }),
      },
      {
        key: 'dossiers_by_field',
        vi: 'Hồ sơ theo lĩnh vực',
        en: 'By field',
        columns: [col('field', 'Lĩnh vực', 'Field', 'text'), col('received', 'Số hồ sơ tiếp nhận', 'Received'), ...channelCols, ...timeCols],
        rows: [...byService.entries()].sort((a, b) => b[1][0]! - a[1][0]!).map(([id, a]) => [names.service(id), ...fullCells(a)]),
      },
    ];
  }

  // ---- today -----------------------------------------------------------------------------

  /** The live dashboard: a few indexed queries over today's tickets and ratings. */
  todaySummary(): TodaySummary {
    const now = this.clock.now();
    const day = this.today();
    const stats = this.queue.stats.forDay(day, now);
    const names = this.names();
    // today's tickets and ratings, packed by the same rules as every report
    const pack = this.packs.build(day);
    const perService = new Map<number, { issued: number; served: number }>();
    let issued = 0;
    let served = 0;
    let noShows = 0;
    let cancelled = 0;
    const a = pack.counts.ints;
    for (let o = 0; o < a.length; ) {
      const end = countsEnd(a, o);
      let s = perService.get(a[o]!);
      if (!s) perService.set(a[o]!, (s = { issued: 0, served: 0 }));
      for (let e = o + COUNTS_HEAD; e < end; e += 2) {
        const status = a[e]! & 7;
        const n = a[e + 1]!;
        s.issued += n;
        issued += n;
        if (status === ST.done) {
          s.served += n;
          served += n;
        } else if (status === ST.no_show) noShows += n;
        else if (status === ST.cancelled) cancelled += n;
      }
      o = end;
    }
    let waitSum = 0;
    let waitN = 0;
    const t = pack.times.ints;
    for (let o = 0; o < t.length; o = timesEnd(t, o)) {
      for (let e = o + TIMES_HEAD; e < o + TIMES_HEAD + t[o + 3]!; e++) waitSum += t[e]!;
      waitN += t[o + 3]!;
    }
    const snap = buildSnapshot(this.queue, this.clock);
    const counters = { open: 0, paused: 0, closed: 0, serving: 0 };
    for (const c of snap.counters) {
      counters[c.state]++;
      if (c.currentTicket) counters.serving++;
    }
    const ratings = { count: 0, satisfied: 0, share: null as number | null, anonymous: 0 };
    const r = pack.ratings.ints;
    for (let o = 0; o < r.length; o = ratingsEnd(r, o)) {
      for (let e = o + RATINGS_HEAD; e < ratingReasonsAt(r, o); e += 2) {
        const n = r[e + 1]!;
        if ((r[e]! & 1) === 1) ratings.anonymous += n;
        else {
          ratings.count += n;
          if (SATISFIED_INDEX.includes(r[e]! >> 1)) ratings.satisfied += n;
        }
      }
    }
    ratings.share = share(ratings.satisfied, ratings.count);
    const longest = stats.reduce((m, s) => Math.max(m, s.longestWaitSeconds), 0);
    return {
      day,
      at: now.toISOString(),
      fields: stats.map((s) => ({
        serviceId: s.serviceId,
        name: names.service(s.serviceId),
        waiting: s.waiting,
        longestWaitSeconds: s.longestWaitSeconds,
        issued: perService.get(s.serviceId)?.issued ?? 0,
        served: perService.get(s.serviceId)?.served ?? 0,
      })),
      waiting: stats.reduce((n, s) => n + s.waiting, 0),
      longestWaitSeconds: longest,
      oldestWaitingSince: longest > 0 ? new Date(now.getTime() - longest * 1000).toISOString() : null,
      counters,
      issued,
      served,
      noShows,
      cancelled,
      meanWaitSeconds: waitN > 0 ? Math.round(waitSum / waitN) : null,
      ratings,
      demo: this.sql.demo.get() !== undefined,
    };
  }
}

/** summarise(): the time one slice of days may hold the event loop, and the most days in one. */
const SLICE_MS = 25;
const MAX_SLICE_DAYS = 50;
/** summariseRecent() covers this many days back: the last 12 months and the quarter before. */
const BACKGROUND_DAYS = 460;

/** Dense group indices for small non-negative ids (fields, counters, officers), given out on first sight. */
function denseIds(nextGroup: () => number) {
  const d = {
    /** id → group, −1 = not seen yet (read it directly in hot loops; `get` adds and grows it) */
    table: new Int32Array(64).fill(-1),
    ids: [] as number[],
    get(id: number): number {
      if (id >= d.table.length) {
        const bigger = new Int32Array(Math.max(id + 1, d.table.length * 2)).fill(-1);
        bigger.set(d.table);
        d.table = bigger;
      }
      let g = d.table[id]!;
      if (g === -1) {
        g = d.table[id] = nextGroup();
        d.ids.push(id);
      }
      return g;
    },
  };
  return d;
}
