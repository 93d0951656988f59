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
