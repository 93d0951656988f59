import { CLOSED_STATUSES, DOSSIER_STATUS_LABELS, type DossierStatus } from '../../../shared/dossiers';
import { DomainError } from '../errors';

/**
 * The dossier state machine: from each status, the statuses it may move to. A dossier received
 * in person at the counter starts at `accepted`; one submitted online starts at `registered`
 * until an officer accepts or rejects it. `returned` may follow an open status directly (the
 * result was handed over before the processing department marked it ready): the service then
 * records the resolved time as the handover time.
 */
export const DOSSIER_TRANSITIONS: Record<DossierStatus, readonly DossierStatus[]> = {
  registered: ['accepted', 'rejected', 'withdrawn'],
  accepted: ['processing', 'supplement_requested', 'payment_requested', 'withdrawn', 'stopped', 'resolved', 'returned'],
  processing: ['supplement_requested', 'payment_requested', 'withdrawn', 'stopped', 'resolved', 'returned'],
  supplement_requested: ['processing', 'withdrawn', 'stopped'],
  payment_requested: ['processing', 'withdrawn', 'stopped', 'resolved', 'returned'],
  resolved: ['returned'],
  rejected: [],
  withdrawn: [],
  stopped: [],
  returned: [],
};

/** The statuses a new dossier may start in. */
export const INITIAL_STATUSES: readonly DossierStatus[] = ['registered', 'accepted'];

export function canMove(from: DossierStatus, to: DossierStatus): boolean {
  return DOSSIER_TRANSITIONS[from].includes(to);
}

/** Throws a 409 `invalid_transition` naming both statuses in Vietnamese and English. */
export function assertMove(from: DossierStatus, to: DossierStatus): void {
  if (canMove(from, to)) return;
  const a = DOSSIER_STATUS_LABELS[from];
  const b = DOSSIER_STATUS_LABELS[to];
  const closed = CLOSED_STATUSES.includes(from) && DOSSIER_TRANSITIONS[from].length === 0;
  throw new DomainError(
    409,
    'invalid_transition',
    closed
      ? `Hồ sơ đã ở trạng thái "${a.vi}", không thể chuyển sang "${b.vi}". (The dossier is ${a.en.toLowerCase()} and cannot become ${b.en.toLowerCase()}.)`
      : `Không thể chuyển hồ sơ từ "${a.vi}" sang "${b.vi}". (A dossier cannot go from ${a.en.toLowerCase()} to ${b.en.toLowerCase()}.)`,
  );
}
