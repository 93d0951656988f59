import type { Db } from '../db/database';
import type { Clock } from '../domain/clock';
import { addDays, zonedInstant } from '../domain/time';
import type { AuditAction, AuditEntry, AuditPage } from '../../shared/audit';
import { masked } from './changes';
import { errorMessage, log } from '../log';

/** Who acts: the logged-in officer (none for a failed login) and the client's address. */
export interface Actor {
  officerId: number | null;
  officerName: string | null;
  client: string | null;
}

export interface AuditRecord {
  action: AuditAction;
  target?: { kind: string; id?: number | null; name?: string | null };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  details?: Record<string, unknown> | null;
}

export interface AuditFilter {
  /** An action (`service.update`) or a group (`service`: every service action). */
  action?: string;
  officerId?: number;
  /** Days (YYYY-MM-DD, both included) in the office's time zone. */
  from?: string;
  to?: string;
  timeZone: string;
  /** Found in the author, target, address, action or the changed values. */
  text?: string;
  limit: number;
  offset: number;
}

interface Row {
  id: number;
  at: string;
  officerId: number | null;
  officerName: string | null;
  client: string | null;
  action: AuditAction;
  targetKind: string | null;
  targetId: number | null;
  targetName: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  detailsJson: string | null;
}

const json = (v: Record<string, unknown> | null | undefined) => (v ? JSON.stringify(masked(v)) : null);
const parsed = (s: string | null) => (s ? (JSON.parse(s) as Record<string, unknown>) : null);
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The audit log table: one row per recorded action, never changed or deleted. */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Records one action. Passwords, hashes and tokens are removed from before/after/details
   * whatever the caller passed. A failure to record is logged and never undoes the action.
   */
  record(actor: Actor, r: AuditRecord): void {
    try {
      this.db
        .prepare(
          `INSERT INTO audit_log (at, officer_id, officer_name, client, action, target_kind, target_id, target_name,
             before_json, after_json, details_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          this.clock.now().toISOString(),
          actor.officerId,
          actor.officerName,
          actor.client,
          r.action,
          r.target?.kind ?? null,
          r.target?.id ?? null,
          r.target?.name ?? null,
          json(r.before),
          json(r.after),
          json(r.details),
        );
    } catch (e) {
      log.error({ err: errorMessage(e), action: r.action }, 'audit log write failed');
    }
  }

  /** One page of the log, newest first, and how many entries match in all. */
  query(f: AuditFilter): AuditPage {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.action) {
      where.push(f.action.includes('.') ? 'action = ?' : "action LIKE ? || '.%'");
      params.push(f.action);
    }
    if (f.officerId !== undefined) {
      where.push('officer_id = ?');
      params.push(f.officerId);
    }
    if (f.from) {
      where.push('at >= ?');
      params.push(zonedInstant(f.from, 0, f.timeZone).toISOString());
    }
    if (f.to) {
      where.push('at < ?');
      params.push(zonedInstant(addDays(f.to, 1), 0, f.timeZone).toISOString());
    }
    if (f.text) {
      const cols = ['officer_name', 'client', 'action', 'target_name', 'before_json', 'after_json', 'details_json'];
      where.push(`(${cols.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      const like = `%${likeEscape(f.text)}%`;
      params.push(...cols.map(() => like));
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number(this.db.prepare(`SELECT COUNT(*) FROM audit_log ${clause}`).pluck().get(...params));
    const rows = this.db
      .prepare(
        `SELECT id, at, officer_id AS officerId, officer_name AS officerName, client, action, target_kind AS targetKind,
           target_id AS targetId, target_name AS targetName, before_json AS beforeJson, after_json AS afterJson,
           details_json AS detailsJson
         FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, f.limit, f.offset) as Row[];
    const entries = rows.map(({ beforeJson, afterJson, detailsJson, ...r }): AuditEntry => ({
      ...r,
      before: parsed(beforeJson),
      after: parsed(afterJson),
      details: parsed(detailsJson),
    }));
    return { entries, total, limit: f.limit, offset: f.offset };
  }
}
