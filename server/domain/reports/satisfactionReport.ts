/**
 * The satisfaction report (docs/reports.md): ratings counted per level, period, officer, field
 * and counter from the `ratings` parts of the day packs (anonymous presses apart), the reasons
 * given below "satisfied", and the newest written comments.
 */
import { DEFAULT_LEVEL_LABELS, DEFAULT_REASONS, RATING_LEVELS, SATISFIED_LEVELS, type RatingLevel } from '../../../shared/ratings';
import { dayToText } from '../../../shared/dayText';
import { RATINGS_HEAD, ratingReasonsAt, ratingTextsAt, ratingsEnd, type DayPart, type Words } from './dayPack';
import { periodKey } from './periods';
import { col, share } from './tableCells';
import type { Cell, GroupBy, ReportColumn, ReportTable } from './types';

/** The written comments listed at most. */
export const MAX_TEXTS = 200;

/** The satisfied levels' indices in RATING_LEVELS (the level numbers of the day packs). */
export const SATISFIED_INDEX = SATISFIED_LEVELS.map((l) => RATING_LEVELS.indexOf(l));

export interface SatisfactionInput {
  /** the `ratings` parts of the range's days */
  parts: DayPart[];
  periods: { key: string; label: string }[];
  groupBy: GroupBy;
  /** whether the group at a[o] passes the report's filters */
  keep: (a: Words, o: number) => boolean;
  names: { service: (id: number) => string; counter: (id: number) => string; officer: (id: number) => string };
  reasonLabels: Map<string, string>;
  /** the newest written comments (at most MAX_TEXTS) given below "satisfied" */
  comments: { day: string; counterId: number; level: RatingLevel; reasonText: string }[];
}

export function satisfactionTables(x: SatisfactionInput): ReportTable[] {
  const { periods, names } = x;
  const L = RATING_LEVELS.length;
  const byPeriod = new Map(periods.map((p) => [p.key, new Float64Array(L)]));
  const total = new Float64Array(L);
  const anonymous = new Float64Array(L);
  const groups = { service: new Map<number, Float64Array>(), counter: new Map<number, Float64Array>(), officer: new Map<number, Float64Array>() };
  const into = (map: Map<number, Float64Array>, id: number) => {
    let a = map.get(id);
    if (!a) map.set(id, (a = new Float64Array(L)));
    return a;
  };
  // reasons (by key) and written comments, per level
  const reasons = new Map<string, Float64Array>();
  const texts = new Float64Array(L);
  // groups of [field, counter, officer, a, b, c, (level × 2 + anonymous, n) × a, (level, reason, n) × b, (level, n) × c] (dayPack.ts)
  for (const p of x.parts) {
    const per = byPeriod.get(periodKey(p.day, x.groupBy))!;
    const r = p.ints;
    for (let o = 0; o < r.length; ) {
      const levelsAt = o + RATINGS_HEAD;
      const reasonsAt = ratingReasonsAt(r, o);
      const textsAt = ratingTextsAt(r, o);
      const end = ratingsEnd(r, o);
      if (x.keep(r, o)) {
        const s = into(groups.service, r[o]!);
        const c = into(groups.counter, r[o + 1]!);
        const w = into(groups.officer, r[o + 2]!);
        for (let e = levelsAt; e < reasonsAt; e += 2) {
          const level = r[e]! >> 1;
          const n = r[e + 1]!;
          // anonymous presses (no ticket) are counted apart, never in the visit figures
          if ((r[e]! & 1) === 1) {
            anonymous[level]! += n;
            continue;
          }
          total[level]! += n;
          per[level]! += n;
          s[level]! += n;
          c[level]! += n;
          w[level]! += n;
        }
        for (let e = reasonsAt; e < textsAt; e += 3) {
          const key = p.strings[r[e + 1]!]!;
          let a = reasons.get(key);
          if (!a) reasons.set(key, (a = new Float64Array(L)));
          a[r[e]!]! += r[e + 2]!;
        }
        for (let e = textsAt; e < end; e += 2) texts[r[e]!]! += r[e + 1]!;
      }
      o = end;
    }
  }
  // the levels shown: those of the office's scale (3 by default) and any that were given
  const shown = RATING_LEVELS.map((l, i) => ({ l, i })).filter(
    ({ l, i }) => total[i]! > 0 || anonymous[i]! > 0 || ['very_satisfied', 'satisfied', 'unsatisfied'].includes(l),
  );
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const satisfied = (a: Float64Array) => SATISFIED_INDEX.reduce((x, i) => x + a[i]!, 0);
  const levelCols = shown.map(({ l }) => col(l, DEFAULT_LEVEL_LABELS[l].vi, DEFAULT_LEVEL_LABELS[l].en));
  const groupCols = [col('ratings', 'Số lượt đánh giá', 'Ratings'), ...levelCols, col('satisfiedShare', 'Tỉ lệ hài lòng', 'Satisfied share', 'share')];
  const cells = (a: Float64Array): Cell[] => [sum(a), ...shown.map(({ i }) => a[i]!), share(satisfied(a), sum(a))];
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
    ...reasonTables(x, reasons, texts),
  ];
}

/** The labels of the reason keys: the defaults, and those of the office's settings.ratings.reasons. */
export function reasonLabels(ratings: unknown): Map<string, string> {
  const labels = new Map(DEFAULT_REASONS.map((r) => [r.key, r.vi]));
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

/** The reasons given with the levels below "satisfied" (counted in the day packs), and the newest written comments. */
function reasonTables(x: SatisfactionInput, reasonCounts: Map<string, Float64Array>, textCounts: Float64Array): ReportTable[] {
  const labels = x.reasonLabels;
  const lowerIx = RATING_LEVELS.flatMap((l, i) => (SATISFIED_LEVELS.includes(l) ? [] : [i]));
  const lower = lowerIx.map((i) => RATING_LEVELS[i]!);
  const counts = new Map([...reasonCounts].map(([k, a]) => [k, lowerIx.map((i) => a[i]!)] as const).filter(([, c]) => c.some((x) => x > 0)));
  const withText = lowerIx.reduce((x, i) => x + textCounts[i]!, 0);
  const textLevels = new Set(lowerIx.filter((i) => textCounts[i]! > 0).map((i) => RATING_LEVELS[i]!));
  const texts: Cell[][] = x.comments.map((row) => [dayToText(row.day), x.names.counter(row.counterId), DEFAULT_LEVEL_LABELS[row.level].vi, row.reasonText]);
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
