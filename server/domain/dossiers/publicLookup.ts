/**
 * What anyone may learn about a dossier: its status, dates and where to collect the result
 * (kiosk lookup, the phone pages /h/<code> and /t/<code>). Never the applicant's name, phone,
 * address or ID number: the queries below do not even read those columns.
 */
import type { Db } from '../../db/database';
import {
  CLOSED_STATUSES,
  DOSSIER_CODE_RE,
  type DossierStatus,
  type PublicDossierStatus,
} from '../../../shared/dossiers';
import type { Clock } from '../clock';
import type { ConfigRepo } from '../configRepo';
import { publicStatus, type PublicDossierFields } from './publicView';

/** The columns a public view may read. */
const PUBLIC_COLS = `d.code, d.procedure_name AS procedureName, d.status, d.received_at AS receivedAt, d.due_at AS dueAt,
  d.resolved_at AS resolvedAt, d.returned_at AS returnedAt, d.collect_at AS collectAt`;

type PublicRow = PublicDossierFields;

/**
 * A citizen's dossiers still worth looking up: not closed, or closed with a result still to
 * collect (Đã xử lý xong). Handed over, rejected, withdrawn and stopped dossiers are left out.
 */
const CITIZEN_HIDDEN: readonly DossierStatus[] = CLOSED_STATUSES.filter((s) => s !== 'resolved');

/** At most this many dossiers for one card or one ticket. */
export const LOOKUP_LIMIT = 20;

/** A short code typed on the kiosk keypad: yyMMdd and the daily sequence ("231027 361", "231027-0361", "2310270361"). */
const SHORT_RE = /^(\d{6})[\s-]*(\d{1,6})$/;

function validDay(yymmdd: string): boolean {
  const m = Number(yymmdd.slice(2, 4));
  const d = Number(yymmdd.slice(4, 6));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/**
 * The full dossier code meant by what was typed or scanned: a full code
 * (000.00.06.H56-231027-0361), a slip's QR (`<base>/h/<code>`), or the short form of the
 * office's own dossiers (date yyMMdd + sequence). Null when it cannot be a dossier code.
 */
export function normalizeDossierCode(input: string, ownAgency: string): string | null {
  let text = input.trim();
  const url = /\/h\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(text);
  if (url) {
    try {
      text = decodeURIComponent(url[1] ?? '');
    } catch {
      return null;
    }
  }
  text = text.trim();
  if (text.length > 64) return null;
  const full = DOSSIER_CODE_RE.exec(text);
  if (full) {
    const [, agency = '', day = '', seq = ''] = full;
    return validDay(day) ? `${agency.toUpperCase()}-${day}-${seq}` : null;
  }
  const short = SHORT_RE.exec(text);
  const [, day = '', digits = ''] = short ?? [];
  if (!short || !validDay(day) || ownAgency.trim() === '') return null;
  const seq = Number(digits);
  if (seq < 1) return null;
  return `${ownAgency.trim()}-${day}-${String(seq).padStart(4, '0')}`;
}

export class PublicDossierLookup {
  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly clock: Clock,
  ) {}

  /** The status of one dossier by its full or short code; null when unknown or not a code. */
  statusByCode(input: string): PublicDossierStatus | null {
    const code = normalizeDossierCode(input, this.config.office().agencyCode);
    if (!code) return null;
    const byCode = this.db.prepare(`SELECT ${PUBLIC_COLS} FROM dossiers d WHERE d.code = ?`);
    // Imported codes keep their case; the normalised one is upper case.
    const row = (byCode.get(code) ?? (code !== input.trim() ? byCode.get(input.trim()) : undefined)) as PublicRow | undefined;
    return row ? this.view(row) : null;
  }

  /** The open dossiers (and results to collect) of a citizen read from a chip card. */
  openForCitizen(citizenId: number): PublicDossierStatus[] {
    const rows = this.db
      .prepare(
        `SELECT ${PUBLIC_COLS} FROM dossiers d
         WHERE d.citizen_id = ? AND d.status NOT IN (${CITIZEN_HIDDEN.map(() => '?').join(', ')})
         ORDER BY d.received_at DESC, d.id DESC LIMIT ${LOOKUP_LIMIT}`,
      )
      .all(citizenId, ...CITIZEN_HIDDEN) as PublicRow[];
    return rows.map((r) => this.view(r));
  }

  /** The dossiers linked to a ticket (received, returned or otherwise handled at that visit). */
  forTicket(ticketId: number): PublicDossierStatus[] {
    const rows = this.db
      .prepare(
        `SELECT ${PUBLIC_COLS} FROM dossier_tickets dt JOIN dossiers d ON d.id = dt.dossier_id
         WHERE dt.ticket_id = ? ORDER BY dt.linked_at, d.id LIMIT ${LOOKUP_LIMIT}`,
      )
      .all(ticketId) as PublicRow[];
    return rows.map((r) => this.view(r));
  }

  private view(r: PublicRow): PublicDossierStatus {
    return publicStatus(r, this.config.office().timeZone, this.clock.now());
  }

}
