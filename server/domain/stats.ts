import type { Db } from '../db/database';
import type { ServiceQueueStats } from '../../shared/contract';
import type { ConfigRepo, Counter, Service } from './configRepo';
import type { TicketRow } from './ticketRepo';

/** How many recent finished tickets of a field feed its mean service time. */
export const SERVICE_TIME_WINDOW = 20;

/**
 * A single ticket counts for at most this long in the mean service time: a ticket left open
 * over lunch must not move every estimate of the afternoon.
 */
export const SERVICE_TIME_CAP_MINUTES = 60;

/**
 * Live queue figures per field: people waiting, longest wait, and the estimated wait
 * from the mean service time of the field's recent tickets and the counters open for it.
 */
export class QueueStats {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly config: ConfigRepo,
  ) {
    this.stmts = {
      // The oldest waiting ticket of a field in one class: the first entry of an index range.
      oldestInClass: db.prepare(
        `SELECT MIN(queue_at) FROM tickets INDEXED BY tickets_waiting_service
         WHERE status = 'waiting' AND service_day = @day AND service_id = @serviceId AND (priority_id IS NOT NULL) = @priority`,
      ),
      issued: db.prepare('SELECT service_id AS serviceId, issued, last_number AS last FROM number_sequences WHERE service_day = ?'),
      // Tickets closed by the day rollover have no real service time; the others are clamped.
      meanSeconds: db.prepare(
        `SELECT AVG(MIN(MAX(secs, 0), ${SERVICE_TIME_CAP_MINUTES * 60})) FROM (
           SELECT (julianday(finished_at) - julianday(started_at)) * 86400.0 AS secs FROM tickets
           WHERE service_id = ? AND status = 'done' AND started_at IS NOT NULL AND closed_by_rollover = 0
           ORDER BY finished_at DESC LIMIT ${SERVICE_TIME_WINDOW})`,
      ),
      // Waiting tickets of a field before (queue_at, id) in one class (priority or not): a
      // range count on the covering partial index tickets_waiting_service.
      aheadInClass: db.prepare(
        `SELECT COUNT(*) FROM tickets INDEXED BY tickets_waiting_service
         WHERE status = 'waiting' AND service_day = @day AND service_id = @serviceId
           AND (priority_id IS NOT NULL) = @priority AND (queue_at, id) < (@queueAt, @id)`,
      ),
      waitingInClass: db.prepare(
        `SELECT COUNT(*) FROM tickets INDEXED BY tickets_waiting_service
         WHERE status = 'waiting' AND service_day = @day AND service_id = @serviceId AND (priority_id IS NOT NULL) = @priority`,
      ),
    };
  }

  /** Mean service time of a field in minutes, or the office default when there is no history yet. */
  meanServiceMinutes(serviceId: number, fallback: number): number {
    const secs = this.meanSeconds(serviceId);
    return secs != null && secs > 0 ? secs / 60 : fallback;
  }

  /** Read on every ticket issued; cached until a ticket of the field finishes. */
  private readonly means = new Map<number, number | null>();
  private meanSeconds(serviceId: number): number | null {
    if (this.means.has(serviceId)) return this.means.get(serviceId) ?? null;
    const secs = this.stmts.meanSeconds.pluck().get(serviceId) as number | null;
    this.means.set(serviceId, secs);
    return secs;
  }

  /**
   * Waiting tickets of a field on a day, by class. Read on every ticket issued, so it is
   * cached: every move into or out of 'waiting' adjusts it (noteWaiting), and a failed
   * transaction drops it (invalidateWaiting).
   */
  private readonly waiting = new Map<string, { normal: number; priority: number }>();
  waitingCounts(day: string, serviceId: number): { normal: number; priority: number } {
    const key = `${day}|${serviceId}`;
    let c = this.waiting.get(key);
    if (!c) {
      const count = (priority: number) =>
        Number(this.stmts.waitingInClass.pluck().get({ day, serviceId, priority }));
      c = { normal: count(0), priority: count(1) };
      this.waiting.set(key, c);
    }
    return c;
  }
  noteIssued(day: string, serviceId: number, priority: boolean): void {
    this.noteWaiting(day, serviceId, priority, 1);
  }
  /** A ticket entered (+1) or left (-1) 'waiting' in a committed-or-rolled-back-as-a-whole transaction. */
  noteWaiting(day: string, serviceId: number, priority: boolean, delta: 1 | -1): void {
    const c = this.waiting.get(`${day}|${serviceId}`);
    if (c) c[priority ? 'priority' : 'normal'] += delta;
  }
  invalidateWaiting(): void {
    this.waiting.clear();
  }

  /** A ticket of this field finished: its mean service time changes. */
  serviceTimeChanged(serviceId: number): void {
    this.means.delete(serviceId);
  }

  openCounters(serviceId: number, counters: Counter[]): number {
    return counters.filter((c) => c.active && !c.paused && c.serviceIds.includes(serviceId)).length;
  }

  /** Minutes until someone with `ahead` people before them is called; null when no counter is open. */
  estimate(serviceId: number, ahead: number, counters: Counter[], fallbackMinutes: number): number | null {
    const open = this.openCounters(serviceId, counters);
    if (open === 0) return null;
    return Math.round((ahead * this.meanServiceMinutes(serviceId, fallbackMinutes)) / open);
  }

  /** People who will be called before this waiting ticket in its field (priority tickets go first). */
  waitingAhead(t: TicketRow): number {
    const key = { day: t.serviceDay, serviceId: t.serviceId };
    const priority = t.priorityId != null;
    const sameClass = Number(
      this.stmts.aheadInClass.pluck().get({ ...key, priority: priority ? 1 : 0, queueAt: t.queueAt, id: t.id }),
    );
    // Everyone with priority goes before a normal ticket.
    return priority ? sameClass : sameClass + this.waitingCounts(t.serviceDay, t.serviceId).priority;
  }

  forDay(day: string, now: Date): ServiceQueueStats[] {
    const office = this.config.office();
    const counters = this.config.counters();
    const issued = new Map(
      (this.stmts.issued.all(day) as { serviceId: number; issued: number; last: number }[]).map((r) => [r.serviceId, r]),
    );
    return this.config
      .services()
      .filter((s) => s.active)
      .map((s) => {
        const counts = this.waitingCounts(day, s.id);
        const n = counts.normal + counts.priority;
        const oldest = [0, 1]
          .map((priority) => this.stmts.oldestInClass.pluck().get({ day, serviceId: s.id, priority }) as string | null)
          .filter((x): x is string => x != null)
          .sort()[0];
        const seq = issued.get(s.id);
        return {
          serviceId: s.id,
          waiting: n,
          longestWaitSeconds: oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)) : 0,
          estimatedWaitMinutes: this.estimate(s.id, n, counters, office.defaultServiceMinutes),
          openCounters: this.openCounters(s.id, counters),
          issuedToday: seq?.issued ?? 0,
          remainingToday: remainingNumbers(s, seq),
        };
      });
  }
}

/** How many more numbers a field can give out today, by its range and its daily maximum. */
export function remainingNumbers(s: Service, seq: { issued: number; last: number } | undefined): number {
  const byRange =
    seq === undefined
      ? Math.floor((s.lastNumber - s.firstNumber) / s.step) + 1
      : Math.max(0, Math.floor((s.lastNumber - seq.last) / s.step));
  const byMax = s.dailyMax == null ? Infinity : Math.max(0, s.dailyMax - (seq?.issued ?? 0));
  return Math.min(byRange, byMax);
}
