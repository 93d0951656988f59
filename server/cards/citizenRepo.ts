/**
 * Storage of citizens read from ID cards (migration 006): the citizen (by the HMAC of the
 * ID number), the ticket it is linked to, and the log of staff access. Only the ID number,
 * name, birth date, gender and verification result are stored.
 */
import type { Db } from '../db/database';
import type { CardIdentity } from '../../drivers/card-reader';
import type { ChipCheck, CitizenAccessEntry, CitizenView } from '../../shared/cards';

export type AccessAction = CitizenAccessEntry['action'];

const two = (n: number): string => String(n).padStart(2, '0');
const isoDate = (d: CardIdentity['birthDate']): string => `${String(d.year).padStart(4, '0')}-${two(d.month)}-${two(d.day)}`;
const dayMonthYear = (iso: string): string => iso.split('-').reverse().join('/');

interface CitizenRow {
  fullName: string;
  birthDate: string;
  gender: 'Nam' | 'Nữ';
  idNumber: string;
  check: ChipCheck;
  readAt: string;
}

export class CitizenRepo {
  constructor(private readonly db: Db) {}

  /** Inserts or refreshes the citizen with this hash; returns its id. */
  upsert(idHmac: string, identity: CardIdentity, check: ChipCheck, at: string): number {
    const row = this.db
      .prepare(
        `INSERT INTO citizens (id_hmac, id_number, full_name, birth_date, gender, chip_check, first_seen, last_seen)
         VALUES (@idHmac, @idNumber, @fullName, @birthDate, @gender, @check, @at, @at)
         ON CONFLICT (id_hmac) DO UPDATE SET id_number = excluded.id_number, full_name = excluded.full_name,
           birth_date = excluded.birth_date, gender = excluded.gender, chip_check = excluded.chip_check, last_seen = excluded.last_seen
         RETURNING id`,
      )
      .get({ idHmac, idNumber: identity.idNumber, fullName: identity.fullName, birthDate: isoDate(identity.birthDate), gender: identity.gender, check, at }) as {
      id: number;
    };
    return row.id;
  }

  /** Links a ticket to a citizen (a later read for the same ticket replaces the link). */
  link(ticketId: number, citizenId: number, source: string, check: ChipCheck, at: string): void {
    this.db
      .prepare(
        `INSERT INTO ticket_citizens (ticket_id, citizen_id, linked_at, source, chip_check) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (ticket_id) DO UPDATE SET citizen_id = excluded.citizen_id, linked_at = excluded.linked_at,
           source = excluded.source, chip_check = excluded.chip_check`,
      )
      .run(ticketId, citizenId, at, source, check);
  }

  /** Stores a read and links it to the ticket in one transaction: all or nothing. */
  storeAndLink(idHmac: string, identity: CardIdentity, check: ChipCheck, ticketId: number, source: string, at: string): number {
    return this.db.transaction(() => {
      const citizenId = this.upsert(idHmac, identity, check, at);
      this.link(ticketId, citizenId, source, check, at);
      return citizenId;
    })();
  }

  forTicket(ticketId: number): (CitizenView & { citizenId: number }) | null {
    const row = this.db
      .prepare(
        `SELECT c.id AS citizenId, c.full_name AS fullName, c.birth_date AS birthDate, c.gender, c.id_number AS idNumber,
           tc.chip_check AS "check", tc.linked_at AS readAt
         FROM ticket_citizens tc JOIN citizens c ON c.id = tc.citizen_id WHERE tc.ticket_id = ?`,
      )
      .get(ticketId) as (CitizenRow & { citizenId: number }) | undefined;
    return row ? { ...row, birthDate: dayMonthYear(row.birthDate) } : null;
  }

  idByHmac(idHmac: string): { id: number; idNumber: string } | undefined {
    return this.db.prepare('SELECT id, id_number AS idNumber FROM citizens WHERE id_hmac = ?').get(idHmac) as
      | { id: number; idNumber: string }
      | undefined;
  }

  logAccess(entry: { at: string; officerId: number | null; ticketId: number | null; action: AccessAction; citizenId: number | null; idMasked: string }): void {
    this.db
      .prepare('INSERT INTO citizen_access_log (at, officer_id, ticket_id, action, citizen_id, id_masked) VALUES (?, ?, ?, ?, ?, ?)')
      .run(entry.at, entry.officerId, entry.ticketId, entry.action, entry.citizenId, entry.idMasked);
  }

  accessLog(limit: number): CitizenAccessEntry[] {
    const rows = this.db
      .prepare(
        `SELECT l.at, l.officer_id AS officerId, o.name AS officerName, l.ticket_id AS ticketId, t.number AS ticketNumber,
           l.action, l.id_masked AS idNumber
         FROM citizen_access_log l LEFT JOIN officers o ON o.id = l.officer_id LEFT JOIN tickets t ON t.id = l.ticket_id
         ORDER BY l.id DESC LIMIT ?`,
      )
      .all(limit) as (Omit<CitizenAccessEntry, 'officerId' | 'officerName'> & { officerId: number | null; officerName: string | null })[];
    return rows.map((r) => ({ ...r, officerId: r.officerId ?? 0, officerName: r.officerName ?? '' }));
  }

  /** Deletes one citizen and its links; its earlier access log rows lose even the masked number. */
  erase(citizenId: number): void {
    this.db.transaction(() => {
      this.db.prepare("UPDATE citizen_access_log SET id_masked = '' WHERE citizen_id = ?").run(citizenId);
      this.db.prepare('DELETE FROM ticket_citizens WHERE citizen_id = ?').run(citizenId);
      this.db.prepare('DELETE FROM citizens WHERE id = ?').run(citizenId);
    })();
  }

  /**
   * Deletes links made before `cutoff`, then citizens not seen since it (and so without a
   * link left), and access log rows before `logCutoff`. Tickets are not touched.
   */
  purge(cutoff: string, logCutoff: string): { links: number; citizens: number; accessLog: number } {
    return this.db.transaction(() => {
      const links = this.db.prepare('DELETE FROM ticket_citizens WHERE linked_at < ?').run(cutoff).changes;
      const citizens = this.db
        .prepare('DELETE FROM citizens WHERE last_seen < ? AND id NOT IN (SELECT citizen_id FROM ticket_citizens)')
        .run(cutoff).changes;
      const accessLog = this.db.prepare('DELETE FROM citizen_access_log WHERE at < ?').run(logCutoff).changes;
      return { links, citizens, accessLog };
    })();
  }
}
