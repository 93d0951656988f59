import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import type { CallRecord, TicketAction, TicketStatus } from '../../shared/contract';

export interface TicketRow {
  id: number;
  publicCode: string;
  serviceDay: string;
  serviceId: number;
  seq: number;
  number: string;
  priorityId: number | null;
  status: TicketStatus;
  targetCounterId: number | null;
  counterId: number | null;
  officerId: number | null;
  issuedAt: string;
  queueAt: string;
  firstCalledAt: string | null;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  callCount: number;
  printed: number;
  /** The kiosk that issued it (X-Kiosk-Id), which picks its ticket printer. */
  kioskId: string | null;
  /** 1 when the day rollover closed it (still called or serving as its day ended). */
  closedByRollover: number;
}

const cols = `t.id, t.public_code AS publicCode, t.service_day AS serviceDay, t.service_id AS serviceId, t.seq, t.number,
  t.priority_id AS priorityId, t.status, t.target_counter_id AS targetCounterId, t.counter_id AS counterId,
  t.officer_id AS officerId, t.issued_at AS issuedAt, t.queue_at AS queueAt, t.first_called_at AS firstCalledAt,
  t.called_at AS calledAt, t.started_at AS startedAt, t.finished_at AS finishedAt, t.call_count AS callCount,
  t.printed, t.kiosk_id AS kioskId, t.closed_by_rollover AS closedByRollover`;

export interface Actor {
  counterId: number | null;
  officerId: number | null;
}

/** SQL access to tickets, their event history and the call log. No business rules here. */
export class TicketRepo {
  private readonly stmts;
  /** Prepared statements by their text (a handful of shapes of UPDATE and status lists). */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {
    this.stmts = {
      byId: db.prepare(`SELECT ${cols} FROM tickets t WHERE t.id = ?`),
      byCode: db.prepare(`SELECT ${cols} FROM tickets t WHERE t.public_code = ?`),
      byNumber: db.prepare(`SELECT ${cols} FROM tickets t WHERE t.service_day = ? AND upper(t.number) = upper(?)`),
      activeAtCounter: db.prepare(
        `SELECT ${cols} FROM tickets t WHERE t.counter_id = ? AND t.status IN ('called', 'serving') ORDER BY t.called_at DESC LIMIT 1`,
      ),
      // Oldest first: walks tickets_waiting_queue in order and stops at the first match.
      nextOldest: db.prepare(
        `SELECT ${cols} FROM tickets t INDEXED BY tickets_waiting_queue
         WHERE t.status = 'waiting' AND t.service_day = @day AND (t.priority_id IS NOT NULL) = @priority
           AND (t.target_counter_id = @counterId OR (t.target_counter_id IS NULL AND EXISTS (
             SELECT 1 FROM counter_services cs WHERE cs.counter_id = @counterId AND cs.service_id = t.service_id)))
         ORDER BY t.queue_at, t.id
         LIMIT 1`,
      ),
      // By the counter's field preference, then oldest (tickets transferred to the counter first).
      nextByPreference: db.prepare(
        `SELECT ${cols} FROM tickets t
         LEFT JOIN counter_services cs ON cs.service_id = t.service_id AND cs.counter_id = @counterId
         WHERE t.status = 'waiting' AND t.service_day = @day
           AND (t.target_counter_id = @counterId OR (t.target_counter_id IS NULL AND cs.counter_id IS NOT NULL))
           AND (t.priority_id IS NOT NULL) = @priority
         ORDER BY COALESCE(cs.rank, -1), t.queue_at, t.id
         LIMIT 1`,
      ),
      insert: db.prepare(
        `INSERT INTO tickets (public_code, service_day, service_id, issued_service_id, seq, number, priority_id, status,
           issued_at, queue_at, kiosk_id)
         VALUES (@publicCode, @serviceDay, @serviceId, @serviceId, @seq, @number, @priorityId, 'waiting', @issuedAt, @issuedAt,
           @kioskId)`,
      ),
      event: db.prepare(
        `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, at, counter_id, officer_id, details_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      call: db.prepare(
        `INSERT INTO call_log (ticket_id, number, service_id, counter_id, officer_id, kind, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      seqGet: db.prepare('SELECT last_number AS last, issued FROM number_sequences WHERE service_id = ? AND service_day = ?'),
      seqPut: db.prepare(
        `INSERT INTO number_sequences (service_id, service_day, last_number, issued) VALUES (?, ?, ?, 1)
         ON CONFLICT (service_id, service_day) DO UPDATE SET last_number = excluded.last_number, issued = issued + 1`,
      ),
      lastCalls: db.prepare(
        `SELECT l.id, l.ticket_id AS ticketId, l.number, l.service_id AS serviceId, l.counter_id AS counterId,
           c.number AS counterNumber, c.name AS counterName, l.kind, l.at
         FROM call_log l JOIN counters c ON c.id = l.counter_id JOIN tickets t ON t.id = l.ticket_id
         WHERE t.service_day = ? ORDER BY l.id DESC LIMIT ?`,
      ),
      callById: db.prepare(
        `SELECT l.id, l.ticket_id AS ticketId, l.number, l.service_id AS serviceId, l.counter_id AS counterId,
           c.number AS counterNumber, c.name AS counterName, l.kind, l.at
         FROM call_log l JOIN counters c ON c.id = l.counter_id WHERE l.id = ?`,
      ),
    };
  }

  byId(id: number): TicketRow | undefined {
    return this.stmts.byId.get(id) as TicketRow | undefined;
  }
  byPublicCode(code: string): TicketRow | undefined {
    return this.stmts.byCode.get(code) as TicketRow | undefined;
  }
  byNumber(serviceDay: string, number: string): TicketRow | undefined {
    return this.stmts.byNumber.get(serviceDay, number) as TicketRow | undefined;
  }
  activeAtCounter(counterId: number): TicketRow | undefined {
    return this.stmts.activeAtCounter.get(counterId) as TicketRow | undefined;
  }

  nextFor(counterId: number, day: string, priority: boolean, byPreference: boolean): TicketRow | undefined {
    const stmt = byPreference ? this.stmts.nextByPreference : this.stmts.nextOldest;
    return stmt.get({ counterId, day, priority: priority ? 1 : 0 }) as TicketRow | undefined;
  }

  /** The last number given out in a field on a day, and how many were issued. */
  sequence(serviceId: number, day: string): { last: number; issued: number } | undefined {
    return this.stmts.seqGet.get(serviceId, day) as { last: number; issued: number } | undefined;
  }
  advanceSequence(serviceId: number, day: string, value: number): void {
    this.stmts.seqPut.run(serviceId, day, value);
  }

  insert(
    t: Pick<TicketRow, 'publicCode' | 'serviceDay' | 'serviceId' | 'seq' | 'number' | 'priorityId' | 'issuedAt'> & {
      kioskId: string | null;
    },
  ): number {
    return Number(this.stmts.insert.run(t).lastInsertRowid);
  }

  /** Applies column changes to a ticket. Column names come from code, never from input. */
  update(id: number, changes: Partial<Record<TicketColumn, string | number | null>>): void {
    const keys = Object.keys(changes) as TicketColumn[];
    if (keys.length === 0) return;
    const sql = `UPDATE tickets SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`;
    this.prepared(sql).run({ ...changes, id });
  }

  logEvent(
    ticketId: number,
    action: TicketAction,
    from: TicketStatus | null,
    to: TicketStatus,
    at: string,
    actor: Actor,
    details?: Record<string, unknown>,
  ): void {
    this.stmts.event.run(
      ticketId,
      action,
      from,
      to,
      at,
      actor.counterId,
      actor.officerId,
      details ? JSON.stringify(details) : null,
    );
  }

  logCall(t: TicketRow, counterId: number, officerId: number | null, kind: 'call' | 'recall', at: string): CallRecord {
    const id = Number(this.stmts.call.run(t.id, t.number, t.serviceId, counterId, officerId, kind, at).lastInsertRowid);
    return this.stmts.callById.get(id) as CallRecord;
  }

  /** The latest calls and recalls of a service day, newest first. */
  lastCalls(serviceDay: string, limit: number): CallRecord[] {
    return this.stmts.lastCalls.all(serviceDay, limit) as CallRecord[];
  }

  ofDay(day: string, statuses: readonly TicketStatus[]): TicketRow[] {
    const sql = `SELECT ${cols} FROM tickets t WHERE t.service_day = ? AND t.status IN (${statuses.map(() => '?').join(',')})
         ORDER BY t.priority_id IS NULL, t.queue_at, t.id`;
    return this.prepared(sql).all(day, ...statuses) as TicketRow[];
  }

  /** Statements whose text depends on a few shapes of arguments, prepared once per shape. */
  private prepared(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Tickets of days before `day` still open (waiting, called, serving, no-show), for the rollover. */
  staleBefore(day: string): TicketRow[] {
    return this.db
      .prepare(
        `SELECT ${cols} FROM tickets t WHERE t.service_day < ? AND t.status IN ('waiting', 'called', 'serving', 'no_show')`,
      )
      .all(day) as TicketRow[];
  }
}

export type TicketColumn =
  | 'status'
  | 'service_id'
  | 'target_counter_id'
  | 'counter_id'
  | 'officer_id'
  | 'first_called_at'
  | 'called_at'
  | 'started_at'
  | 'finished_at'
  | 'call_count'
  | 'printed'
  | 'closed_by_rollover';
