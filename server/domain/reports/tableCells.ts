/** Pieces of every report table. */
import type { ReportColumn } from './types';

export const col = (key: string, vi: string, en: string, kind: ReportColumn['kind'] = 'count'): ReportColumn => ({ key, vi, en, kind });

/** part / whole, or null when there is no whole. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
