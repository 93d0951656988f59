import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/database';
import type { Channel } from '../../../shared/catalogue';
import type { DossierDocument, DossierStatus } from '../../../shared/dossiers';

export type DossierSource = 'counter' | 'sync' | 'csv';
export type TicketRole = 'receive' | 'return' | 'other';

/** One row of `dossiers`, as stored. */
export interface DossierRow {
  id: number;
  code: string;
  procedureId: number | null;
  procedureCode: string;
  procedureName: string;
  serviceId: number | null;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string;
  citizenId: number | null;
  channel: Channel;
  documents: DossierDocument[];
  sets: number;
  status: DossierStatus;
  receivedAt: string;
  dueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  receivedBy: number | null;
  counterId: number | null;
  source: DossierSource;
  collectAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type NewDossierRow = Omit<DossierRow, 'id' | 'version' | 'updatedAt'>;

export interface DossierEventRow {
  from: DossierStatus | null;
  to: DossierStatus;
  at: string;
  officerId: number | null;
  counterId: number | null;
  source: string;
  note: string;
}

export interface DossierTicketRow {
  ticketId: number;
  number: string;
  role: TicketRole;
  linkedAt: string;
  officerId: number | null;
}

const cols = `d.id, d.code, d.procedure_id AS procedureId, d.procedure_code AS procedureCode, d.procedure_name AS procedureName,
  d.service_id AS serviceId, d.applicant_name AS applicantName, d.applicant_phone AS applicantPhone,
  d.applicant_address AS applicantAddress, d.citizen_id AS citizenId, d.channel, d.documents_json AS documentsJson,
  d.sets, d.status, d.received_at AS receivedAt, d.due_at AS dueAt, d.resolved_at AS resolvedAt,
  d.returned_at AS returnedAt, d.received_by AS receivedBy, d.counter_id AS counterId, d.source,
  d.collect_at AS collectAt, d.version, d.created_at AS createdAt, d.updated_at AS updatedAt`;

type RawRow = Omit<DossierRow, 'documents'> & { documentsJson: string };

function parseDocuments(json: string): DossierDocument[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as DossierDocument[]) : [];
  } catch {
    return [];
  }
}

const toRow = (r: RawRow | undefined): DossierRow | null => {
  if (!r) return null;
  const { documentsJson, ...rest } = r;
  return { ...rest, documents: parseDocuments(documentsJson) };
};

/** SQL for dossiers, their status history and their tickets. No rules here: see DossierService. */
export class DossierRepo {
  private readonly s: Record<
    | 'insert'
    | 'byCode'
    | 'byId'
    | 'events'
    | 'tickets'
    | 'insertEvent'
    | 'link'
    | 'linkOf'
    | 'setStatus'
    | 'forTicket'
    | 'citizenOfTicket',
    Statement
  >;

  constructor(readonly db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO dossiers (code, procedure_id, procedure_code, procedure_name, service_id, applicant_name, applicant_phone,
           applicant_address, citizen_id, channel, documents_json, sets, status, received_at, due_at, resolved_at, returned_at,
           received_by, counter_id, source, collect_at, created_at, updated_at)
         VALUES (@code, @procedureId, @procedureCode, @procedureName, @serviceId, @applicantName, @applicantPhone,
           @applicantAddress, @citizenId, @channel, @documentsJson, @sets, @status, @receivedAt, @dueAt, @resolvedAt, @returnedAt,
           @receivedBy, @counterId, @source, @collectAt, @createdAt, @createdAt)`,
      ),
      byCode: db.prepare(`SELECT ${cols} FROM dossiers d WHERE d.code = ?`),
      byId: db.prepare(`SELECT ${cols} FROM dossiers d WHERE d.id = ?`),
      events: db.prepare(
        `SELECT from_status AS "from", to_status AS "to", at, officer_id AS officerId, counter_id AS counterId, source, note
         FROM dossier_events WHERE dossier_id = ? ORDER BY at, id`,
      ),
      tickets: db.prepare(
        `SELECT dt.ticket_id AS ticketId, t.number, dt.role, dt.linked_at AS linkedAt, dt.officer_id AS officerId
         FROM dossier_tickets dt JOIN tickets t ON t.id = dt.ticket_id WHERE dt.dossier_id = ? ORDER BY dt.linked_at, dt.ticket_id`,
      ),
      insertEvent: db.prepare(
        `INSERT INTO dossier_events (dossier_id, from_status, to_status, at, officer_id, counter_id, source, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      link: db.prepare(
        `INSERT INTO dossier_tickets (dossier_id, ticket_id, role, linked_at, officer_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (dossier_id, ticket_id) DO UPDATE SET role = excluded.role, officer_id = excluded.officer_id
         WHERE dossier_tickets.role = 'other'`,
      ),
      linkOf: db.prepare('SELECT role FROM dossier_tickets WHERE dossier_id = ? AND ticket_id = ?'),
      setStatus: db.prepare(
        `UPDATE dossiers SET status = @to, resolved_at = COALESCE(@resolvedAt, resolved_at), returned_at = COALESCE(@returnedAt, returned_at),
           version = version + 1, updated_at = @at WHERE id = @id AND status = @from`,
      ),
      forTicket: db.prepare(
        `SELECT ${cols} FROM dossier_tickets dt JOIN dossiers d ON d.id = dt.dossier_id WHERE dt.ticket_id = ? ORDER BY dt.linked_at, d.id`,
      ),
      citizenOfTicket: db.prepare('SELECT citizen_id FROM ticket_citizens WHERE ticket_id = ?'),
    };
  }

  insert(row: NewDossierRow): number {
    const { documents, ...rest } = row;
    return Number(this.s.insert.run({ ...rest, documentsJson: JSON.stringify(documents) }).lastInsertRowid);
  }

  byCode(code: string): DossierRow | null {
    return toRow(this.s.byCode.get(code) as RawRow | undefined);
  }

  byId(id: number): DossierRow | null {
    return toRow(this.s.byId.get(id) as RawRow | undefined);
  }

  events(dossierId: number): DossierEventRow[] {
    return this.s.events.all(dossierId) as DossierEventRow[];
  }

  tickets(dossierId: number): DossierTicketRow[] {
    return this.s.tickets.all(dossierId) as DossierTicketRow[];
  }

  addEvent(dossierId: number, e: DossierEventRow): void {
    this.s.insertEvent.run(dossierId, e.from, e.to, e.at, e.officerId, e.counterId, e.source, e.note);
  }

  /** Links a ticket; an existing 'other' link takes the more precise role, 'receive'/'return' stay. */
  link(dossierId: number, ticketId: number, role: TicketRole, at: string, officerId: number | null): void {
    this.s.link.run(dossierId, ticketId, role, at, officerId);
  }

  linkRole(dossierId: number, ticketId: number): TicketRole | null {
    return (this.s.linkOf.pluck().get(dossierId, ticketId) as TicketRole | undefined) ?? null;
  }

  /** Moves the status when it is still `from` (false: someone moved it meanwhile). */
  setStatus(p: { id: number; from: DossierStatus; to: DossierStatus; at: string; resolvedAt: string | null; returnedAt: string | null }): boolean {
    return this.s.setStatus.run(p).changes === 1;
  }

  forTicket(ticketId: number): DossierRow[] {
    return (this.s.forTicket.all(ticketId) as RawRow[]).map((r) => toRow(r)!);
  }

  /** The citizen read from a chip card for this ticket (ticket_citizens), if any. */
  citizenOfTicket(ticketId: number): number | null {
    const v = this.s.citizenOfTicket.pluck().get(ticketId);
    return typeof v === 'number' ? v : null;
  }

  /**
   * Staff search: an exact code first, else codes, applicant names (folded for diacritics in
   * JS) and procedure names containing the text; newest first.
   */
  search(text: string, fold: (s: string) => string, limit: number): DossierRow[] {
    const exact = this.byCode(text.trim());
    if (exact) return [exact];
    const needle = fold(text);
    const out: DossierRow[] = [];
    const it = this.db.prepare(`SELECT ${cols} FROM dossiers d ORDER BY d.received_at DESC, d.id DESC`).iterate() as IterableIterator<RawRow>;
    for (const r of it) {
      if (
        r.code.toLowerCase().includes(needle) ||
        fold(r.applicantName).includes(needle) ||
        fold(r.procedureName).includes(needle) ||
        r.procedureCode.includes(needle) ||
        (needle.replace(/\D/g, '').length >= 6 && r.applicantPhone.replace(/\D/g, '').includes(needle.replace(/\D/g, '')))
      ) {
        out.push(toRow(r)!);
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  /** The newest dossiers (the list with an empty search). */
  latest(limit: number): DossierRow[] {
    return (this.db.prepare(`SELECT ${cols} FROM dossiers d ORDER BY d.received_at DESC, d.id DESC LIMIT ?`).all(limit) as RawRow[]).map(
      (r) => toRow(r)!,
    );
  }
}
