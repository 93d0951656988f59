/**
 * Local time in the office's time zone (Asia/Ho_Chi_Minh by default), the service day,
 * and opening hours. All computed explicitly from an instant and a zone name.
 */

import { pad2, zonedParts, type ZonedParts } from '../../shared/zonedTime';

export type LocalParts = Readonly<ZonedParts>;

/** Formatting is the costly part of time handling; results are memoised per zone and second. */
const lastParts = new Map<string, { second: number; parts: LocalParts }>();

export function localParts(at: Date, timeZone: string): LocalParts {
  const second = Math.floor(at.getTime() / 1000);
  const hit = lastParts.get(timeZone);
  if (hit && hit.second === second) return hit.parts;
  const parts = Object.freeze(zonedParts(at, timeZone));
  lastParts.set(timeZone, { second, parts });
  return parts;
}

/** The latest minute a service day may start at: 23:59 (24:00 would be the next day's 00:00). */
export const MAX_DAY_START_MINUTES = 1439;

/**
 * The service day an instant belongs to, as YYYY-MM-DD. A day starts at
 * `dayStartMinutes` after local midnight (e.g. 240 = 04:00), so late work before
 * that hour still belongs to the previous day. The instant is converted to the
 * zone's wall clock first and the wall-clock times compared, so the result is right
 * on daylight-saving switch days too.
 */
export function serviceDayOf(at: Date, timeZone: string, dayStartMinutes = 0): string {
  const p = localParts(at, timeZone);
  const date = `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
  return p.hour * 60 + p.minute < dayStartMinutes ? addDays(date, -1) : date;
}

/** A calendar date (YYYY-MM-DD) moved by `days`. */
export function addDays(date: string, days: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** The weekday of a calendar date (0 = Sunday). */
export function weekdayOf(date: string): number {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * The instant at which the wall clock of `timeZone` shows `minutes` after midnight of
 * `date` (minutes may be 1440: midnight at the end of the date). A wall-clock time
 * skipped by a daylight-saving switch maps to an instant next to the gap.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d) + minutes * 60_000;
  let t = wall;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(t), timeZone);
    t += wall - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  }
  return new Date(t);
}

/** What decides where service days begin: the office's zone and the minute a day starts. */
export interface DayRules {
  timeZone: string;
  dayStartMinutes: number;
}

/** The service day in use and the rules it was computed with. */
export interface CurrentDay {
  day: string;
  rules: DayRules;
}

/**
 * The service day at `at`, given the day in use (`current`, null before the first one) and
 * the rules now configured. The day only moves forward: `current` lasts until it ends under
 * the rules it began with, and only then do changed rules take effect, from the next day on.
 */
export function serviceDayAt(at: Date, current: CurrentDay | null, configured: DayRules): string {
  if (!current) return serviceDayOf(at, configured.timeZone, configured.dayStartMinutes);
  if (serviceDayOf(at, current.rules.timeZone, current.rules.dayStartMinutes) <= current.day) return current.day;
  const next = addDays(current.day, 1);
  const underNewRules = serviceDayOf(at, configured.timeZone, configured.dayStartMinutes);
  return underNewRules > next ? underNewRules : next;
}

/** When the last opening interval of a date's weekday ends, as an instant; null when closed all that day. */
export function lastClosingOf(date: string, timeZone: string, hours: readonly OpeningInterval[]): Date | null {
  const weekday = weekdayOf(date);
  const closes = hours.filter((h) => h.weekday === weekday).map((h) => h.closeMinutes);
  return closes.length === 0 ? null : zonedInstant(date, Math.max(...closes), timeZone);
}

export interface OpeningInterval {
  weekday: number;
  openMinutes: number;
  closeMinutes: number;
}

export function minutesToHhmm(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

export function hhmmToMinutes(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`Invalid time "${hhmm}", expected HH:MM`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (Number(m[2]) > 59 || minutes > 1440) throw new Error(`Invalid time "${hhmm}"`);
  return minutes;
}

const WEEKDAY_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

export interface OpeningState {
  open: boolean;
  /** Vietnamese message for a citizen when closed: when issuing opens again. */
  message: string | null;
}

/** Whether ticket issue is open at `at`, and if not, when it next opens. */
export function openingState(at: Date, timeZone: string, hours: OpeningInterval[]): OpeningState {
  const p = localParts(at, timeZone);
  const nowMin = p.hour * 60 + p.minute;
  const today = hours.filter((h) => h.weekday === p.weekday);
  if (today.some((h) => nowMin >= h.openMinutes && nowMin < h.closeMinutes)) {
    return { open: true, message: null };
  }
  // Find the next opening within the coming week.
  for (let offset = 0; offset < 8; offset++) {
    const weekday = (p.weekday + offset) % 7;
    const candidates = hours
      .filter((h) => h.weekday === weekday && (offset > 0 || h.openMinutes > nowMin))
      .sort((a, b) => a.openMinutes - b.openMinutes);
    const next = candidates[0];
    if (next) {
      const when =
        offset === 0
          ? `lúc ${minutesToHhmm(next.openMinutes)} hôm nay`
          : offset === 1
            ? `lúc ${minutesToHhmm(next.openMinutes)} ngày mai`
            : `lúc ${minutesToHhmm(next.openMinutes)} ${WEEKDAY_VI[weekday]}`;
      return {
        open: false,
        message: `Hiện tại chưa đến giờ lấy số. Mời quý khách quay lại ${when}.`,
      };
    }
  }
  return { open: false, message: 'Hiện tại đơn vị không nhận lấy số. Mời quý khách liên hệ cán bộ.' };
}
