/**
 * The procedure catalogue (thủ tục hành chính) and the working calendar, as the server, the
 * kiosk, the counter and the admin page see them. No runtime dependency.
 */

export const CHANNELS = ['truc_tiep', 'truc_tuyen', 'buu_chinh'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, { vi: string; en: string }> = {
  truc_tiep: { vi: 'Trực tiếp', en: 'In person' },
  truc_tuyen: { vi: 'Trực tuyến', en: 'Online' },
  buu_chinh: { vi: 'Bưu chính', en: 'By post' },
};

/** A processing time: working days, working hours, or within the day of receipt ("trong ngày"). */
export type ProcessingTime =
  | { unit: 'working_days'; value: number }
  | { unit: 'working_hours'; value: number }
  | { unit: 'same_day' };

export interface ProcedureChannel {
  channel: Channel;
  time: ProcessingTime;
  /** The fee as published, in words (e.g. 'Miễn lệ phí', '8.000 đồng/bản'). */
  fee: string;
}

export const DOCUMENT_FORMS = ['original', 'certified_copy', 'copy', 'original_or_certified_copy', 'presented'] as const;
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];

export const DOCUMENT_FORM_LABELS: Record<DocumentForm, { vi: string; en: string }> = {
  original: { vi: 'Bản chính', en: 'Original' },
  certified_copy: { vi: 'Bản sao có chứng thực', en: 'Certified copy' },
  copy: { vi: 'Bản sao', en: 'Copy' },
  original_or_certified_copy: { vi: 'Bản chính hoặc bản sao có chứng thực', en: 'Original or certified copy' },
  presented: { vi: 'Xuất trình', en: 'To be shown' },
};

export interface ProcedureDocument {
  name: string;
  form: DocumentForm;
  /** Number of copies of this paper in one set. */
  copies: number;
}

export type ProcedureLevel = 'toan_trinh' | 'mot_phan' | '';

/** One procedure as the kiosk lists it (search results, a field's list). */
export interface ProcedureSummary {
  code: string;
  name: string;
  serviceId: number | null;
  fieldName: string;
}

/** One procedure with everything the national record holds. */
export interface Procedure extends ProcedureSummary {
  level: ProcedureLevel;
  channels: ProcedureChannel[];
  documents: ProcedureDocument[];
  /** Number of sets (bộ) of papers to hand in. */
  sets: number;
  applicants: string;
  result: string;
  legalBasis: string;
  active: boolean;
}

/** Folds text for search: lower case, no diacritics, đ → d, runs of spaces as one. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A day of the calendar that differs from the weekly pattern (Mon–Fri working). */
export interface CalendarDay {
  /** yyyy-mm-dd */
  day: string;
  kind: 'holiday' | 'working';
  name: string;
}

/** A procedure as the admin page and the import/export see it: with its order and version. */
export interface ProcedureRecord extends Procedure {
  sortOrder: number;
  /** Raised by every change; a PUT based on an older one is refused (409 stale_version). */
  version: number;
  updatedAt: string;
}

/** An office field (lĩnh vực) with the number of active procedures taken in it. */
export interface ProcedureField {
  serviceId: number;
  name: string;
  nameEn: string;
  count: number;
}

/** What an import did (or, for a dry run, would do). */
export interface ProcedureImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** One refused row of an import: the CSV line as in the file, or the JSON array index + 1. */
export interface ImportProblem {
  line: number;
  code?: string;
  reason: string;
}

/** The working calendar of one year as GET /api/admin/calendar returns it. */
export interface CalendarYear {
  year: number;
  days: CalendarDay[];
  /** The calendar's version: a change based on an older one is refused (409 stale_version). */
  version: number;
  /** Whether the server has the year's national holiday list (POST /api/admin/calendar/national-holidays). */
  nationalHolidaysKnown: boolean;
}

/** "Trong ngày", "3 ngày làm việc", "8 giờ làm việc" (and English). */
export function processingTimeLabel(t: ProcessingTime): { vi: string; en: string } {
  switch (t.unit) {
    case 'same_day':
      return { vi: 'Trong ngày', en: 'Same day' };
    case 'working_days':
      return { vi: `${t.value} ngày làm việc`, en: `${t.value} working day${t.value === 1 ? '' : 's'}` };
    case 'working_hours':
      return { vi: `${t.value} giờ làm việc`, en: `${t.value} working hour${t.value === 1 ? '' : 's'}` };
  }
}
