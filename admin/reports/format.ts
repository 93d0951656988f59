/** How report cells read on screen and on paper (the exports convert the same way on the server). */
import type { Cell, ReportColumn } from '../../server/domain/reports/types';

const nf1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const nf0 = new Intl.NumberFormat('vi-VN');

/** Whole seconds as minutes with one decimal ("12,5"), the unit the column header names. */
export const minutes = (seconds: number) => nf1.format(seconds / 60);
export const percent = (share: number) => `${nf1.format(share * 100)} %`;
export const count = (n: number) => nf0.format(n);

export function cellText(c: ReportColumn, v: Cell): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (c.kind === 'seconds') return minutes(v);
  if (c.kind === 'share') return percent(v);
  return count(v);
}

export function headerText(c: ReportColumn): string {
  return c.kind === 'seconds' ? `${c.vi} (phút)` : c.vi;
}

/** "1:05:30" or "12:05" for a wait shown live on the dashboard. */
export function clockDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

