/**
 * Periods of a report (day, ISO week starting Monday, month, quarter, year) over service days
 * (yyyy-mm-dd strings in the office's time zone), and the percentile used by every report.
 */
import type { GroupBy } from './types';
import { dayToText } from '../../../shared/dayText';

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** yyyy-mm-dd → days since 1970-01-01 (the calendar date, no time zone involved). */
export function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

export function dayFromNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A real calendar date yyyy-mm-dd (2026-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && dayFromNumber(dayNumber(day)) === day;
}

/** ISO 8601 week: the year that owns the week and its number (week 1 holds the first Thursday). */
export function isoWeek(day: string): { year: number; week: number; monday: string } {
  const n = dayNumber(day);
  const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = n - weekday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  return { year, week: Math.floor((thursday - jan1) / 7) + 1, monday: dayFromNumber(n - weekday) };
}

/** The key of the period `day` falls in: 2026-03-31, 2026-W14, 2026-03, 2026-Q1, 2026. */
export function periodKey(day: string, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'day':
      return day;
    case 'week': {
      const w = isoWeek(day);
      return `${w.year}-W${pad(w.week)}`;
    }
    case 'month':
      return day.slice(0, 7);
    case 'quarter':
      return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return day.slice(0, 4);
  }
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** Every day from `from` to `to`, in order (none when `from` is after `to`). */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = dayNumber(from), last = dayNumber(to); n <= last; n++) out.push(dayFromNumber(n));
  return out;
}

/** Every period from `from` to `to` in order, with its Vietnamese label. */
export function periodsOf(from: string, to: string, groupBy: GroupBy): { key: string; label: string }[] {
  const out: { key: string; label: string }[] = [];
  for (const day of daysOf(from, to)) {
    const key = periodKey(day, groupBy);
    if (out.length > 0 && out[out.length - 1]!.key === key) continue;
    out.push({ key, label: periodLabel(key, groupBy) });
  }
  return out;
}

export function periodLabel(key: string, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'day':
      return dayToText(key);
    case 'week': {
      const [y, w] = key.split('-W').map(Number) as [number, number];
      // the Monday of ISO week w: the week holding 4 January is week 1
      const jan4 = Date.UTC(y, 0, 4) / DAY_MS;
      const monday = jan4 - ((new Date(jan4 * DAY_MS).getUTCDay() + 6) % 7) + (w - 1) * 7;
      return `Tuần ${w}/${y} (${dayToText(dayFromNumber(monday)).slice(0, 5)}–${dayToText(dayFromNumber(monday + 6)).slice(0, 5)})`;
    }
    case 'month':
      return `Tháng ${key.slice(5, 7)}/${key.slice(0, 4)}`;
    case 'quarter':
      return `Quý ${ROMAN[Number(key.slice(6)) - 1]}/${key.slice(0, 4)}`;
    case 'year':
      return `Năm ${key}`;
  }
}

/** First and last day of quarter q (1..4) of `year`. */
export function quarterRange(year: number, q: number): { from: string; to: string } {
  const from = `${year}-${pad((q - 1) * 3 + 1)}-01`;
  const nextQ = q === 4 ? `${year + 1}-01-01` : `${year}-${pad(q * 3 + 1)}-01`;
  return { from, to: dayFromNumber(dayNumber(nextQ) - 1) };
}

/**
 * Nearest-rank percentile: the smallest value such that at least p % of the values are at or
 * below it, i.e. sorted[ceil(p/100 · n) − 1]. The median is p = 50 (for an even count, the
 * lower of the two middle values). `sorted` must be ascending; null when empty.
 */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  return sorted.length === 0 ? null : sorted[nearestRankIndex(sorted.length, p)]!;
}

/** The 0-based index of the nearest-rank p-th percentile among n sorted values (−1 when n = 0). */
export function nearestRankIndex(n: number, p: number): number {
  // p·n is a whole number (p is): its quotient by 100 is exact whenever it is whole
  return n === 0 ? -1 : Math.max(1, Math.ceil((p * n) / 100)) - 1;
}
