/**
 * The reports a unit files (tickets, waiting and service times, satisfaction, dossiers) over
 * any range of service days, grouped by day / ISO week / month / quarter / year and filtered
 * by field, counter and officer. Tickets and ratings are read from day packs (dayPack.ts);
 * dossiers straight from SQL. Every figure is exact: see docs/reports.md for the definitions.
 */
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import type { ConfigRepo } from '../configRepo';
import { DEFAULT_LEVEL_LABELS, DEFAULT_REASONS, RATING_LEVELS, SATISFIED_LEVELS, type RatingLevel } from '../../../shared/ratings';
import { CHANNEL_LABELS, CHANNELS, type Channel as ChannelKey } from '../../../shared/catalogue';
import type { Timeliness } from '../../../shared/dossiers';
import { DayPacks, R, RS, ST, T, TS, type DayPack } from './dayPack';
import { D, DS, DossierPacks, ms2000, timelinessAt } from './dossierPack';
import { nearestRankIndex, periodKey, periodsOf } from './periods';
import type { Cell, GroupBy, Report, ReportColumn, ReportFilters, ReportKind, ReportMeta, ReportTable, TodaySummary } from './types';
import type { QueueService } from '../queue';
import { buildSnapshot } from '../snapshot';

export interface ReportQuery extends ReportFilters {
  from: string;
  to: string;
  groupBy: GroupBy;
}

const col = (key: string, vi: string, en: string, kind: ReportColumn['kind'] = 'count'): ReportColumn => ({ key, vi, en, kind });
const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

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
      reasons: db.prepare(
        `SELECT service_day AS day, counter_id AS counterId, level, reasons_json AS reasonsJson, reason_text AS reasonText
           FROM ratings
          WHERE level = :level AND service_day BETWEEN :from AND :to
            AND (:serviceId IS NULL OR service_id = :serviceId) AND (:counterId IS NULL OR counter_id = :counterId)
            AND (:officerId IS NULL OR officer_id = :officerId)
          ORDER BY id DESC`,
      ),
    };
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

  private ticketPacks(q: ReportQuery): DayPack[] {
    return this.packs.range(q.from, q.to, this.today());
  }

  private keepTicket(q: ReportQuery, t: Int32Array, o: number): boolean {
    return (
      (q.serviceId === null || t[o + T.service] === q.serviceId) &&
      (q.counterId === null || t[o + T.counter] === q.counterId) &&
      (q.officerId === null || t[o + T.officer] === q.officerId)
    );
  }

  // ---- tickets ---------------------------------------------------------------------------

  private ticketTables(q: ReportQuery): ReportTable[] {
    const periods = periodsOf(q.from, q.to, q.groupBy);
    const byPeriod = new Map(periods.map((p) => [p.key, new Float64Array(5)]));
    const byHour = Array.from({ length: 24 }, () => new Float64Array(5));
    const byService = new Map<number, Float64Array>();
    // issued, served (done), no-shows, cancelled, never served (expired at the day's end or still open)
    const bump = (a: Float64Array, status: number) => {
      a[0]!++;
      if (status === ST.done) a[1]!++;
      else if (status === ST.no_show) a[2]!++;
      else if (status === ST.cancelled) a[3]!++;
      else a[4]!++;
    };
    for (const p of this.ticketPacks(q)) {
      const per = byPeriod.get(periodKey(p.day, q.groupBy))!;
      const t = p.tickets;
      for (let o = 0; o < t.length; o += TS) {
        if (!this.keepTicket(q, t, o)) continue;
        const status = t[o + T.status]!;
        bump(per, status);
        bump(byHour[t[o + T.hour]!]!, status);
        const sid = t[o + T.service]!;
        let s = byService.get(sid);
        if (!s) byService.set(sid, (s = new Float64Array(5)));
        bump(s, status);
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
    const packs = this.ticketPacks(q);
    let n = 0;
    for (const p of packs) n += p.tickets.length / TS;
    const groups = new Int32Array(n * 5);
    const wait = new Int32Array(n);
    const svc = new Int32Array(n);
    let k = 0;
    // the hot loop: constants and lookup tables in locals
    const { service: cS, counter: cC, officer: cO, status: cSt, wait: cW, svc: cV } = T;
    const fS = q.serviceId ?? -1;
    const fC = q.counterId ?? -1;
    const fO = q.officerId ?? -1;
    let sT = dims.s.table;
    let cT = dims.c.table;
    let oT = dims.o.table;
    for (const p of packs) {
      const per = periodIx.get(periodKey(p.day, q.groupBy))!;
      const t = p.tickets;
      const end = t.length;
      for (let o = 0; o < end; o += TS) {
        if (t[o + cSt] !== ST.done) continue;
        const sid = t[o + cS]!;
        const cid = t[o + cC]!;
        const oid = t[o + cO]!;
        if ((fS !== -1 && sid !== fS) || (fC !== -1 && cid !== fC) || (fO !== -1 && oid !== fO)) continue;
        const g = k * 5;
        groups[g] = per;
        groups[g + 1] = all;
        let x = sid < sT.length ? sT[sid]! : -1;
        if (x < 0) {
          x = dims.s.get(sid);
          sT = dims.s.table;
        }
        groups[g + 2] = x;
        x = cid < cT.length ? cT[cid]! : -1;
        if (x < 0) {
          x = dims.c.get(cid);
          cT = dims.c.table;
        }
        groups[g + 3] = x;
        x = oid < oT.length ? oT[oid]! : -1;
        if (x < 0) {
          x = dims.o.get(oid);
          oT = dims.o.table;
        }
        groups[g + 4] = x;
        wait[k] = t[o + cW]!;
        svc[k] = t[o + cV]!;
        k++;
      }
    }
    const w = groupDurations(wait.subarray(0, k), groups, groupCount);
    const v = groupDurations(svc.subarray(0, k), groups, groupCount);
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
    const periods = periodsOf(q.from, q.to, q.groupBy);
    const L = RATING_LEVELS.length;
    const satisfiedIdx = SATISFIED_LEVELS.map((l) => RATING_LEVELS.indexOf(l));
    const byPeriod = new Map(periods.map((p) => [p.key, new Float64Array(L)]));
    const total = new Float64Array(L);
    const anonymous = new Float64Array(L);
    const groups = { service: new Map<number, Float64Array>(), counter: new Map<number, Float64Array>(), officer: new Map<number, Float64Array>() };
    // the last lookups are kept: ratings of a day mostly repeat the same few counters and officers
    const into = (map: Map<number, Float64Array>, id: number) => {
      let a = map.get(id);
      if (!a) map.set(id, (a = new Float64Array(L)));
      return a;
    };
    const byId = (map: Map<number, Float64Array>) => {
      const table: (Float64Array | undefined)[] = [];
      return (id: number) => table[id] ?? (table[id] = into(map, id));
    };
    const svcOf = byId(groups.service);
    const counterOf = byId(groups.counter);
    const officerOf = byId(groups.officer);
    for (const p of this.ticketPacks(q)) {
      const per = byPeriod.get(periodKey(p.day, q.groupBy))!;
      const r = p.ratings;
      for (let o = 0; o < r.length; o += RS) {
        if (
          (q.serviceId !== null && r[o + R.service] !== q.serviceId) ||
          (q.counterId !== null && r[o + R.counter] !== q.counterId) ||
          (q.officerId !== null && r[o + R.officer] !== q.officerId)
        )
          continue;
        const level = r[o + R.level]!;
        // anonymous presses (no ticket) are counted apart, never in the visit figures
        if (r[o + R.anonymous] === 1) {
          anonymous[level]!++;
          continue;
        }
        total[level]!++;
        per[level]!++;
        svcOf(r[o + R.service]!)[level]!++;
        counterOf(r[o + R.counter]!)[level]!++;
        officerOf(r[o + R.officer]!)[level]!++;
      }
    }
    // the levels shown: those of the office's scale (3 by default) and any that were given
    const shown = RATING_LEVELS.map((l, i) => ({ l, i })).filter(
      ({ l, i }) => total[i]! > 0 || anonymous[i]! > 0 || ['very_satisfied', 'satisfied', 'unsatisfied'].includes(l),
    );
    const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
    const satisfied = (a: Float64Array) => satisfiedIdx.reduce((x, i) => x + a[i]!, 0);
    const levelCols = shown.map(({ l }) => col(l, DEFAULT_LEVEL_LABELS[l].vi, DEFAULT_LEVEL_LABELS[l].en));
    const groupCols = [col('ratings', 'Số lượt đánh giá', 'Ratings'), ...levelCols, col('satisfiedShare', 'Tỉ lệ hài lòng', 'Satisfied share', 'share')];
    const cells = (a: Float64Array): Cell[] => [sum(a), ...shown.map(({ i }) => a[i]!), share(satisfied(a), sum(a))];
    const names = this.names();
    const group = (key: string, vi: string, en: string, label: ReportColumn, map: Map<number, Float64Array>, name: (id: number) => string): ReportTable => ({
      key,
      vi,
      en,
      columns: [label, ...groupCols],
      rows: [...map.entries()].sort((a, b) => name(a[0]).localeCompare(name(b[0]), 'vi')).map(([id, a]) => [name(id), ...cells(a)]),
    });
    const n = sum(total);
    const nAnon = sum(anonymous);
    return [
      {
        key: 'satisfaction_levels',
        vi: 'Số lượt theo mức đánh giá',
        en: 'By level',
        columns: [
          col('level', 'Mức đánh giá', 'Level', 'text'),
          col('count', 'Số lượt (theo lượt phục vụ)', 'Ratings of visits'),
          col('share', 'Tỉ lệ', 'Share', 'share'),
          col('anonymous', 'Bấm nút không gắn lượt phục vụ', 'Anonymous presses'),
          col('anonymousShare', 'Tỉ lệ (bấm nút)', 'Share (presses)', 'share'),
        ],
        rows: [
          ...shown.map(({ l, i }) => [DEFAULT_LEVEL_LABELS[l].vi, total[i]!, share(total[i]!, n), anonymous[i]!, share(anonymous[i]!, nAnon)]),
          ['Hài lòng (2 mức cao nhất)', satisfied(total), share(satisfied(total), n), satisfied(anonymous), share(satisfied(anonymous), nAnon)],
          ['Tổng cộng', n, n > 0 ? 1 : null, nAnon, nAnon > 0 ? 1 : null],
        ],
      },
      {
        key: 'satisfaction_by_period',
        vi: 'Mức độ hài lòng theo kỳ',
        en: 'By period',
        columns: [col('period', 'Kỳ', 'Period', 'text'), ...groupCols],
        rows: [...periods.map((p) => [p.label, ...cells(byPeriod.get(p.key)!)]), ['Tổng cộng', ...cells(total)]],
      },
      group('satisfaction_by_officer', 'Theo cán bộ', 'By officer', col('officer', 'Cán bộ', 'Officer', 'text'), groups.officer, names.officer),
      group('satisfaction_by_field', 'Theo lĩnh vực', 'By field', col('field', 'Lĩnh vực', 'Field', 'text'), groups.service, names.service),
      group('satisfaction_by_counter', 'Theo quầy', 'By counter', col('counter', 'Quầy', 'Counter', 'text'), groups.counter, names.counter),
      ...this.reasonTables(q, names.counter),
    ];
  }

  private reasonLabels(): Map<string, string> {
    const labels = new Map(DEFAULT_REASONS.map((r) => [r.key, r.vi]));
    const ratings = this.config.office().settings.ratings;
    const reasons = ratings && typeof ratings === 'object' ? (ratings as { reasons?: unknown }).reasons : undefined;
    if (Array.isArray(reasons)) {
      for (const r of reasons as unknown[]) {
        if (r && typeof r === 'object' && typeof (r as { key?: unknown }).key === 'string' && typeof (r as { vi?: unknown }).vi === 'string') {
          labels.set((r as { key: string }).key, (r as { vi: string }).vi);
        }
      }
    }
    return labels;
  }

  /** The reasons given with the levels below "satisfied", and the free texts (newest first). */
  private reasonTables(q: ReportQuery, counterName: (id: number) => string): ReportTable[] {
    const labels = this.reasonLabels();
    const lower = RATING_LEVELS.filter((l) => !SATISFIED_LEVELS.includes(l));
    const counts = new Map<string, number[]>();
    const texts: Cell[][] = [];
    let withText = 0;
    const textLevels = new Set<RatingLevel>();
    for (const [li, level] of lower.entries()) {
      for (const row of this.sql.reasons.all({ level, from: q.from, to: q.to, serviceId: q.serviceId, counterId: q.counterId, officerId: q.officerId }) as {
        day: string;
        counterId: number;
        level: RatingLevel;
        reasonsJson: string;
        reasonText: string;
      }[]) {
        let keys: unknown = [];
        try {
          keys = JSON.parse(row.reasonsJson);
        } catch {
          keys = [];
        }
        for (const k of Array.isArray(keys) ? keys : []) {
          if (typeof k !== 'string') continue;
          let c = counts.get(k);
          if (!c) counts.set(k, (c = lower.map(() => 0)));
          c[li]!++;
        }
        const text = row.reasonText.trim();
        if (text) {
          withText++;
          textLevels.add(level);
          if (texts.length < MAX_TEXTS) texts.push([row.day.split('-').reverse().join('/'), counterName(row.counterId), DEFAULT_LEVEL_LABELS[row.level].vi, text]);
        }
      }
    }
    // the lower levels shown: those given (with a reason or a text) and "unsatisfied", always
    const used = lower.map((l, i) => l === 'unsatisfied' || [...counts.values()].some((c) => c[i]! > 0) || textLevels.has(l));
    const pick = <X,>(xs: X[]) => xs.filter((_, i) => used[i]);
    const reasonRows: Cell[][] = [...counts.entries()]
      .sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0))
      .map(([k, c]) => [labels.get(k) ?? k, ...pick(c), c.reduce((x, y) => x + y, 0)]);
    reasonRows.push(['Ý kiến ghi thêm (tự nhập)', ...pick(lower).map(() => null), withText]);
    return [
      {
        key: 'satisfaction_reasons',
        vi: 'Lý do chưa hài lòng',
        en: 'Reasons given below "satisfied"',
        columns: [
          col('reason', 'Lý do', 'Reason', 'text'),
          ...pick(lower).map((l) => col(l, DEFAULT_LEVEL_LABELS[l].vi, DEFAULT_LEVEL_LABELS[l].en)),
          col('total', 'Tổng', 'Total'),
        ],
        rows: reasonRows,
      },
      {
        key: 'satisfaction_texts',
        vi: `Ý kiến ghi thêm (mới nhất, tối đa ${MAX_TEXTS})`,
        en: `Written comments (newest, at most ${MAX_TEXTS})`,
        columns: [col('day', 'Ngày', 'Day', 'text'), col('counter', 'Quầy', 'Counter', 'text'), col('level', 'Mức', 'Level', 'text'), col('text', 'Ý kiến', 'Comment', 'text')],
        rows: texts,
      },
    ];
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
    let waitSum = 0;
    let waitN = 0;
    for (let o = 0; o < pack.tickets.length; o += TS) {
      const t = pack.tickets;
      const sid = t[o + T.service]!;
      let s = perService.get(sid);
      if (!s) perService.set(sid, (s = { issued: 0, served: 0 }));
      s.issued++;
      issued++;
      const status = t[o + T.status]!;
      if (status === ST.done) {
        s.served++;
        served++;
        if (t[o + T.wait]! >= 0) {
          waitSum += t[o + T.wait]!;
          waitN++;
        }
      } else if (status === ST.no_show) noShows++;
      else if (status === ST.cancelled) cancelled++;
    }
    const snap = buildSnapshot(this.queue, this.clock);
    const counters = { open: 0, paused: 0, closed: 0, serving: 0 };
    for (const c of snap.counters) {
      counters[c.state]++;
      if (c.currentTicket) counters.serving++;
    }
    const ratings = { count: 0, satisfied: 0, share: null as number | null, anonymous: 0 };
    const satisfiedIdx = SATISFIED_LEVELS.map((l) => RATING_LEVELS.indexOf(l));
    for (let o = 0; o < pack.ratings.length; o += RS) {
      if (pack.ratings[o + R.anonymous] === 1) {
        ratings.anonymous++;
        continue;
      }
      ratings.count++;
      if (satisfiedIdx.includes(pack.ratings[o + R.level]!)) ratings.satisfied++;
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

const MAX_TEXTS = 200;

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

/** Histograms bigger than this many counters fall back to the sort-and-walk method. */
const MAX_HISTOGRAM = 4_000_000;

/**
 * Mean, nearest-rank median and 90th percentile of whole seconds per group, exactly. Each value
 * belongs to 5 groups (`groups`, stride 5; values < 0 are not counted). Slot 0 holds the
 * period: runs of equal period (tickets come in day order) are sorted run by run. Slots 1–4
 * (total, field, counter, officer: few groups) are counted in per-second histograms, one row
 * per group. Anything else (a period seen again after its run, absurdly long durations) goes
 * through one counting sort of all values and an ascending walk in which each group's running
 * count meets its rank. All three give the nearest rank of nearestRankIndex().
 */
export function groupDurations(values: Int32Array, groups: Int32Array, groupCount: number) {
  const n = new Float64Array(groupCount);
  const sum = new Float64Array(groupCount);
  const median = new Int32Array(groupCount).fill(-1);
  const p90 = new Int32Array(groupCount).fill(-1);
  // pass 1: counts, sums, the largest value, and a histogram row for each group of slots 1–4
  const rowOf = new Int32Array(groupCount).fill(-1);
  const rowGroups: number[] = [];
  let max = 0;
  const len = values.length;
  for (let i = 0; i < len; i++) {
    const v = values[i]!;
    if (v < 0) continue;
    if (v > max) max = v;
    const base = i * 5;
    const g0 = groups[base]!;
    n[g0]!++;
    sum[g0]! += v;
    for (let j = base + 1; j < base + 5; j++) {
      const g = groups[j]!;
      n[g]!++;
      sum[g]! += v;
      if (rowOf[g] === -1) {
        rowOf[g] = rowGroups.length;
        rowGroups.push(g);
      }
    }
  }
  const walkSlots: number[] = [];
  // slot 0: runs of equal period, two order statistics each; a period seen again → the walk
  const done = new Uint8Array(groupCount);
  for (let i = 0; i < len; ) {
    const g = groups[i * 5]!;
    if (done[g]) {
      walkSlots.push(0);
      break;
    }
    done[g] = 1;
    let j = i;
    while (j < len && groups[j * 5] === g) j++;
    const run = new Int32Array(n[g]!);
    let k = 0;
    for (let x = i; x < j; x++) if (values[x]! >= 0) run[k++] = values[x]!;
    if (k > 0 && k === run.length) {
      // the 90th first, then the median left of it
      const k90 = nearestRankIndex(k, 90);
      p90[g] = select(run, 0, k - 1, k90);
      median[g] = select(run, 0, k90, nearestRankIndex(k, 50));
    }
    i = j;
  }
  // slots 1–4: per-second histograms, one row per group used there
  const width = max + 1;
  if (rowGroups.length * width <= MAX_HISTOGRAM) {
    const hist = new Int32Array(rowGroups.length * width);
    for (let i = 0; i < len; i++) {
      const v = values[i]!;
      if (v < 0) continue;
      const base = i * 5;
      hist[rowOf[groups[base + 1]!]! * width + v]!++;
      hist[rowOf[groups[base + 2]!]! * width + v]!++;
      hist[rowOf[groups[base + 3]!]! * width + v]!++;
      hist[rowOf[groups[base + 4]!]! * width + v]!++;
    }
    for (const [row, g] of rowGroups.entries()) {
      const count = n[g]!;
      if (count === 0) continue;
      const r50 = nearestRankIndex(count, 50) + 1;
      const r90 = nearestRankIndex(count, 90) + 1;
      let seen = 0;
      for (let v = 0, base = row * width; v < width && seen < r90; v++) {
        const c = hist[base + v]!;
        if (c === 0) continue;
        if (seen < r50 && seen + c >= r50) median[g] = v;
        seen += c;
        if (seen >= r90) p90[g] = v;
      }
    }
  } else walkSlots.push(1, 2, 3, 4);
  if (walkSlots.length > 0) walkRanks(values, groups, walkSlots, max, n, median, p90);
  return { n, median, p90, mean: (g: number) => (n[g]! > 0 ? Math.round(sum[g]! / n[g]!) : null) };
}

/**
 * The k-th smallest of a[lo..hi] (0-based k, inclusive bounds), by quickselect with a
 * median-of-three pivot. Reorders a[lo..hi] so that a[lo..k] ≤ a[k] ≤ a[k..hi].
 */
export function select(a: Int32Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** The general method for the given slots: a counting sort of all values, then one ascending walk. */
function walkRanks(values: Int32Array, groups: Int32Array, slots: number[], max: number, n: Float64Array, median: Int32Array, p90: Int32Array) {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! >= 0) count++;
  const order = new Int32Array(count);
  if (max <= 10_000_000) {
    const start = new Int32Array(max + 2);
    for (let i = 0; i < values.length; i++) if (values[i]! >= 0) start[values[i]! + 1]!++;
    for (let v = 1; v < start.length; v++) start[v]! += start[v - 1]!;
    for (let i = 0; i < values.length; i++) if (values[i]! >= 0) order[start[values[i]!]!++] = i;
  } else {
    let k = 0;
    for (let i = 0; i < values.length; i++) if (values[i]! >= 0) order[k++] = i;
    order.sort((a, b) => values[a]! - values[b]!);
  }
  const medianRank = Int32Array.from(n, (x) => nearestRankIndex(x, 50) + 1);
  const p90Rank = Int32Array.from(n, (x) => nearestRankIndex(x, 90) + 1);
  const seen = new Int32Array(n.length);
  for (let k = 0; k < count; k++) {
    const i = order[k]!;
    const v = values[i]!;
    for (const slot of slots) {
      const g = groups[i * 5 + slot]!;
      const c = ++seen[g]!;
      if (c === medianRank[g]) median[g] = v;
      if (c === p90Rank[g]) p90[g] = v;
    }
  }
}
