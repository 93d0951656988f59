/** Calendar dates without time zones (birth, issue and expiry dates on the card). */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function isRealDate(d: CalendarDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.year >= 1 &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/** Negative, zero or positive as a is before, on or after b. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The same day and month in another year; 29 February becomes 28 February in a common year. */
export function anniversary(d: CalendarDate, year: number): CalendarDate {
  return { year, month: d.month, day: Math.min(d.day, daysInMonth(year, d.month)) };
}

/** ISO 8601 yyyy-mm-dd. */
export function isoDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** MRZ form YYMMDD. */
export function yymmdd(d: CalendarDate): string {
  return `${String(d.year % 100).padStart(2, '0')}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
}

/** Parses ddMMyyyy (QR code) or dd/MM/yyyy (DG13); undefined unless it is a real date. */
export function parseDayMonthYear(text: string): CalendarDate | undefined {
  const m = /^(\d{2})\/?(\d{2})\/?(\d{4})$/.exec(text);
  if (!m || (text.includes('/') && text.length !== 10)) return undefined;
  const d = { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) };
  return isRealDate(d) ? d : undefined;
}
