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

/**
 * The service day an instant belongs to, as YYYY-MM-DD. A day starts at
 * `dayStartMinutes` after local midnight (e.g. 240 = 04:00), so late work before
 * that hour still belongs to the previous day.
 */
export function serviceDayOf(at: Date, timeZone: string, dayStartMinutes = 0): string {
  const shifted = new Date(at.getTime() - dayStartMinutes * 60_000);
  const p = localParts(shifted, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
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
