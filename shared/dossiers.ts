/**
 * Dossiers (hồ sơ) as the server, counter, kiosk, phone page and reports see them.
 * No runtime dependency.
 */
import type { Channel } from './catalogue';

/** The statuses of the national one-stop system, as an explicit state machine (server/domain/dossiers). */
export const DOSSIER_STATUSES = [
  'registered',
  'accepted',
  'rejected',
  'processing',
  'supplement_requested',
  'payment_requested',
  'withdrawn',
  'stopped',
  'resolved',
  'returned',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_STATUS_LABELS: Record<DossierStatus, { vi: string; en: string }> = {
  registered: { vi: 'Mới đăng ký', en: 'Newly registered' },
  accepted: { vi: 'Được tiếp nhận', en: 'Accepted' },
  rejected: { vi: 'Không được tiếp nhận', en: 'Not accepted' },
  processing: { vi: 'Đang xử lý', en: 'Being processed' },
  supplement_requested: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'More papers requested' },
  payment_requested: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  withdrawn: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the citizen' },
  stopped: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  resolved: { vi: 'Đã xử lý xong', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result handed over' },
};

/** Statuses after which the dossier is closed (no due date runs any more). */
export const CLOSED_STATUSES: readonly DossierStatus[] = ['rejected', 'withdrawn', 'stopped', 'resolved', 'returned'];

/**
 * Timeliness: for a resolved dossier, early / on time / overdue against its due date; for an
 * open one, in time / overdue now. Closed without a result (rejected, withdrawn, stopped): none.
 */
export type Timeliness = 'early' | 'on_time' | 'overdue' | 'in_time' | 'overdue_open' | 'none';

export const TIMELINESS_LABELS: Record<Timeliness, { vi: string; en: string }> = {
  early: { vi: 'Trước hạn', en: 'Early' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  in_time: { vi: 'Trong hạn', en: 'In time' },
  overdue_open: { vi: 'Quá hạn', en: 'Overdue' },
  none: { vi: '', en: '' },
};

/**
 * The rule: resolved (resolved_at, or returned_at when no resolved_at) before the due date's
 * local day = early; on the due day and not after due_at = on time; after due_at = overdue.
 * Open: now ≤ due_at = in time, else overdue. No due date = none. `dayOf` maps an ISO instant
 * to its local yyyy-mm-dd in the office's time zone.
 */
export function timeliness(
  d: { status: DossierStatus; dueAt: string | null; resolvedAt: string | null; returnedAt: string | null },
  now: Date,
  dayOf: (iso: string) => string,
): Timeliness {
  if (!d.dueAt) return 'none';
  const done = d.resolvedAt ?? d.returnedAt;
  if (d.status === 'resolved' || d.status === 'returned') {
    if (!done) return 'none';
    if (done > d.dueAt) return 'overdue';
    return dayOf(done) < dayOf(d.dueAt) ? 'early' : 'on_time';
  }
  if (CLOSED_STATUSES.includes(d.status)) return 'none';
  return now.toISOString() <= d.dueAt ? 'in_time' : 'overdue_open';
}

/** One paper received, from the procedure's list or written in. */
export interface DossierDocument {
  name: string;
  form: string;
  copies: number;
}

/** What anyone may see of a dossier (kiosk lookup, phone page): never a name, phone or address. */
export interface PublicDossierStatus {
  code: string;
  procedureName: string;
  status: DossierStatus;
  statusLabel: string;
  receivedAt: string;
  dueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  timeliness: Timeliness;
  /** Where to collect the result. */
  collectAt: string;
}

/** A dossier as staff see it (counter, admin). */
export interface StaffDossier extends PublicDossierStatus {
  id: number;
  procedureCode: string;
  serviceId: number | null;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string;
  citizenId: number | null;
  channel: Channel;
  documents: DossierDocument[];
  sets: number;
  receivedBy: number | null;
  counterId: number | null;
  source: 'counter' | 'sync' | 'csv';
  version: number;
  tickets: { ticketId: number; number: string; role: 'receive' | 'return' | 'other'; linkedAt: string }[];
  events: { from: DossierStatus | null; to: DossierStatus; at: string; officerId: number | null; source: string; note: string }[];
}

/** One row of the admin's dossier list (GET /api/admin/dossiers). */
export interface DossierListItem {
  id: number;
  code: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  channel: Channel;
  status: DossierStatus;
  receivedAt: string;
  dueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  source: 'counter' | 'sync' | 'csv';
  timeliness: Timeliness;
}

/** A page of the admin's dossier list, newest receipt first. */
export interface DossierPage {
  dossiers: DossierListItem[];
  total: number;
  limit: number;
  offset: number;
}

/** The dossier code: `{agency code}-{yyMMdd}-{4-digit daily sequence}`, e.g. 000.00.06.H56-231027-0361. */
export const DOSSIER_CODE_RE = /^([0-9A-Za-z.]{1,40})-(\d{6})-(\d{4,})$/;
