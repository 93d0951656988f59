/**
 * Local time in the office's time zone (Asia/Ho_Chi_Minh by default), the service day,
 * and opening hours. All computed explicitly from an instant and a zone name.
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Formatting is the costly part of time handling; results are memoised per zone and second. */
const lastParts = new Map<string, { second: number; parts: LocalParts }>();

export function localParts(at: Date, timeZone: string): LocalParts {
  const second = Math.floor(at.getTime() / 1000);
  const hit = lastParts.get(timeZone);
  if (hit && hit.second === second) return hit.parts;
  const parts = computeLocalParts(at, timeZone);
  lastParts.set(timeZone, { second, parts });
  return parts;
}

function computeLocalParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return Object.freeze({
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  });
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The service day an instant belongs to, as YYYY-MM-DD. A day starts at
 * `dayStartMinutes` after local midnight (e.g. 240 = 04:00), so late work before
 * that hour still belongs to the previous day.
 */
export function serviceDayOf(at: Date, timeZone: string, dayStartMinutes = 0): string {
  const shifted = new Date(at.getTime() - dayStartMinutes * 60_000);
  const p = localParts(shifted, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export interface OpeningInterval {
  weekday: number;
  openMinutes: number;
  closeMinutes: number;
}

export function minutesToHhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
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
