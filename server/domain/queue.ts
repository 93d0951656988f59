import type { Db } from '../db/database';
import type { OfficerInfo, TicketAction, TicketStatus } from '../../shared/contract';
import type { Clock } from './clock';
import type { ConfigRepo, Counter } from './configRepo';
import { DomainError, conflict, notFound } from './errors';
import type { QueueEvent, QueueEvents } from './events';
import { QueueStats } from './stats';
import { TicketIssuer, type IssueInput, type IssueResult } from './issuing';

export type { IssueInput, IssueResult } from './issuing';
import { TicketRepo, type Actor, type TicketColumn, type TicketRow } from './ticketRepo';
import { nextStatus } from './ticketStateMachine';
import { checkTicketScope } from './ticketScope';
import { ServiceDays, rolloverClosingTime } from './serviceDays';

export interface TransferTarget {
  serviceId?: number | null;
  counterId?: number | null;
}

/**
 * The queue: issues tickets and carries out every counter action. Each public method
 * is one synchronous SQLite transaction; events are emitted only after it commits.
 */
export class QueueService {
  readonly tickets: TicketRepo;
  readonly stats: QueueStats;

  private readonly sql;
  private readonly issuer: TicketIssuer;
  private readonly days: ServiceDays;

  constructor(
    private readonly db: Db,
    readonly config: ConfigRepo,
    private readonly clock: Clock,
    private readonly events: QueueEvents,
  ) {
    this.tickets = new TicketRepo(db);
    this.stats = new QueueStats(db, config);
    this.days = new ServiceDays(db, config);
    this.issuer = new TicketIssuer(db, config, clock, events, this.tickets, this.stats, {
      rollover: () => this.rolloverIfNeeded(),
      serviceDay: (at) => this.serviceDay(at),
      runDurable: (fn) => this.run(fn, true),
    });
    this.sql = {
      streak: db.prepare('SELECT priority_streak FROM office WHERE id = 1').pluck(),
      setStreak: db.prepare('UPDATE office SET priority_streak = ? WHERE id = 1'),
      syncNormal: db.prepare('PRAGMA synchronous = NORMAL'),
      syncFull: db.prepare('PRAGMA synchronous = FULL'),
    };
  }

  /**
   * The service day at `at`. It only moves forward: never earlier than the day in use, and a
   * changed time zone or day start takes effect when the day in use has ended (see serviceDayAt).
   */
  serviceDay(at = this.clock.now()): string {
    return this.days.at(at);
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction and emits its events after the commit.
   * Durability: a ticket given to a citizen must survive a power cut, so issuing commits
   * with synchronous=FULL (fsync). Counter actions commit with synchronous=NORMAL: in WAL
   * mode that survives a crash or kill -9 of the process, a power cut may lose the last
   * calls (the officer calls again), and the next FULL commit makes them durable too. This
   * keeps the fsync off the path from an officer's key to the TV.
   */
  private run<T>(fn: (out: QueueEvent[]) => T, durable = false): T {
    const out: QueueEvent[] = [];
    if (!durable) this.sql.syncNormal.run();
    try {
      const result = this.db.transaction(() => fn(out)).immediate();
      this.events.emit(out);
      return result;
    } catch (e) {
      // Rolled back: cached counts may include changes that never happened.
      this.stats.invalidateWaiting();
      throw e;
    } finally {
      if (!durable) this.sql.syncFull.run();
    }
  }

  /** A counter action: rolls the day over first if it has ended, then runs `fn` as one transaction. */
  private act<T>(fn: (out: QueueEvent[]) => T): T {
    this.rolloverIfNeeded();
    return this.run(fn);
  }

  /** Moves a ticket through the state machine, with its event row and column changes. */
  private transition(
    t: TicketRow,
    action: TicketAction,
    actor: Actor,
    at: string,
    changes: Partial<Record<TicketColumn, string | number | null>> = {},
    details?: Record<string, unknown>,
  ): TicketRow {
    const to: TicketStatus = nextStatus(action, t.status, t.number);
    const priority = t.priorityId != null;
    if (t.status === 'waiting') this.stats.noteWaiting(t.serviceDay, t.serviceId, priority, -1);
    if (to === 'waiting') {
      const serviceId = typeof changes.service_id === 'number' ? changes.service_id : t.serviceId;
      this.stats.noteWaiting(t.serviceDay, serviceId, priority, 1);
    }
    this.tickets.update(t.id, { ...changes, status: to });
    this.tickets.logEvent(t.id, action, t.status, to, at, actor, details);
    if (action === 'finish') this.stats.serviceTimeChanged(t.serviceId);
    return this.tickets.byId(t.id) as TicketRow;
  }

  // ---- issuing --------------------------------------------------------------

  /** Issues one ticket in its own transaction (used by tests and tools; the API uses the batched path). */
  issueTicket(input: IssueInput): IssueResult {
    return this.issuer.issueNow(input);
  }

  /** Issues a ticket with group commit; settles after the commit is durable (see TicketIssuer). */
  issueTicketDurable(input: IssueInput): Promise<IssueResult> {
    return this.issuer.issueDurable(input);
  }

  // ---- counters -------------------------------------------------------------

  /** The counter, checked to be usable by this officer. */
  private counterFor(counterId: number, officer: OfficerInfo, needOpen = false): Counter {
    const counter = this.config.counter(counterId);
    if (officer.role !== 'admin' && officer.counterIds.length > 0 && !officer.counterIds.includes(counterId)) {
      throw new DomainError(403, 'not_your_counter', `Tài khoản này không được làm việc tại quầy ${counter.number}.`);
    }
    if (!counter.active) throw conflict('counter_closed', `Quầy ${counter.number} đang đóng.`);
    if (needOpen && counter.paused) {
      throw conflict('counter_paused', `Quầy ${counter.number} đang tạm dừng. Bấm "Tiếp tục" trước khi gọi số.`);
    }
    return counter;
  }

  /** The counter an action on a ticket is done from: required, except for an admin acting for the office. */
  private actingCounter(counterId: number | null, officer: OfficerInfo): Counter | null {
    if (counterId != null) return this.counterFor(counterId, officer);
    if (officer.role === 'admin') return null;
    throw new DomainError(
      400,
      'counter_required',
      'Cần cho biết quầy thực hiện thao tác này. (The acting counter is required: send counterId.)',
    );
  }

  private requireActive(counter: Counter): TicketRow {
    const t = this.tickets.activeAtCounter(counter.id);
    if (!t) throw conflict('no_active_ticket', `Quầy ${counter.number} chưa gọi số nào.`);
    return t;
  }

  /** Finishes the counter's active ticket, if any, before a new call. */
  private finishActive(counter: Counter, officer: OfficerInfo, at: string, expected: number | null | undefined, out: QueueEvent[]): void {
    const active = this.tickets.activeAtCounter(counter.id);
    if (expected !== undefined && (active?.id ?? null) !== expected) {
      throw conflict(
        'stale_state',
        `Quầy ${counter.number} vừa thay đổi (có thể do bấm hai lần hoặc ở máy khác). Màn hình đã được cập nhật; hãy bấm lại nếu cần.`,
        { currentTicketId: active?.id ?? null },
      );
    }
    if (!active) return;
    const done = this.transition(active, 'finish', { counterId: counter.id, officerId: officer.id }, at, {
      started_at: active.startedAt ?? active.calledAt,
      finished_at: at,
    });
    out.push({ type: 'ticketChanged', ticket: done, action: 'finish' });
  }

  private callTicket(t: TicketRow, counter: Counter, officer: OfficerInfo, at: string, out: QueueEvent[]): TicketRow {
    const called = this.transition(t, 'call', { counterId: counter.id, officerId: officer.id }, at, {
      counter_id: counter.id,
      officer_id: officer.id,
      target_counter_id: null,
      called_at: at,
      first_called_at: t.firstCalledAt ?? at,
      started_at: null,
      call_count: t.callCount + 1,
    });
    const call = this.tickets.logCall(called, counter.id, officer.id, 'call', at);
    out.push({ type: 'ticketCalled', ticket: called, call }, { type: 'counterChanged', counterId: counter.id });
    return called;
  }

  /** Chooses the next ticket: priority first, but never more than the streak limit in a row while others wait. */
  private pickNext(counter: Counter, day: string): TicketRow | undefined {
    const office = this.config.office();
    const byPreference = office.callOrder === 'preference';
    const prio = this.tickets.nextFor(counter.id, day, true, byPreference);
    const normal = this.tickets.nextFor(counter.id, day, false, byPreference);
    const limit = office.priorityStreakLimit;
    const streak = Number(this.sql.streak.get());
    const takePriority = prio !== undefined && (normal === undefined || limit === 0 || streak < limit);
    const pick = takePriority ? prio : normal;
    if (pick) {
      this.sql.setStreak.run(takePriority ? streak + 1 : 0);
    }
    return pick;
  }

  /**
   * Calls the next ticket for a counter (finishing its current one). `expectedCurrentTicketId`,
   * when given, must match the counter's active ticket: a double press cannot call two numbers.
   */
  callNext(counterId: number, officer: OfficerInfo, expectedCurrentTicketId?: number | null): TicketRow | null {
    return this.act((out) => {
      const counter = this.counterFor(counterId, officer, true);
      const at = this.clock.now().toISOString();
      this.finishActive(counter, officer, at, expectedCurrentTicketId, out);
      const next = this.pickNext(counter, this.serviceDay());
      return next ? this.callTicket(next, counter, officer, at, out) : null;
    });
  }

  /** Calls a given number of today (waiting, or a no-show who came back). */
  callNumber(counterId: number, officer: OfficerInfo, number: string): TicketRow {
    return this.act((out) => {
      const counter = this.counterFor(counterId, officer, true);
      const at = this.clock.now().toISOString();
      let t = this.tickets.byNumber(this.serviceDay(), number.trim());
      if (!t) throw notFound(`số ${number} trong ngày hôm nay`, 'ticket_not_found');
      const active = this.tickets.activeAtCounter(counter.id);
      if (active?.id === t.id) throw conflict('already_called', `Số ${t.number} đang ở quầy này. Dùng "Gọi lại".`);
      if (t.status === 'no_show') {
        t = this.transition(t, 'return', { counterId: counter.id, officerId: officer.id }, at, { counter_id: null });
      }
      nextStatus('call', t.status, t.number);
      this.finishActive(counter, officer, at, undefined, out);
      return this.callTicket(t, counter, officer, at, out);
    });
  }

  recall(counterId: number, officer: OfficerInfo): TicketRow {
    return this.act((out) => {
      const counter = this.counterFor(counterId, officer);
      const t = this.requireActive(counter);
      const at = this.clock.now().toISOString();
      const recalled = this.transition(t, 'recall', { counterId: counter.id, officerId: officer.id }, at, {
        call_count: t.callCount + 1,
      });
      const call = this.tickets.logCall(recalled, counter.id, officer.id, 'recall', at);
      out.push({ type: 'ticketCalled', ticket: recalled, call });
      return recalled;
    });
  }

  start(counterId: number, officer: OfficerInfo): TicketRow {
    return this.actOnActive(counterId, officer, 'start', (_t, at) => ({ started_at: at }));
  }

  finish(counterId: number, officer: OfficerInfo): TicketRow {
    return this.actOnActive(counterId, officer, 'finish', (t, at) => ({
      started_at: t.startedAt ?? t.calledAt,
      finished_at: at,
    }));
  }

  /** The called citizen did not come: mark the ticket no-show. */
  skip(counterId: number, officer: OfficerInfo): TicketRow {
    return this.actOnActive(counterId, officer, 'no_show', () => ({}));
  }

  private actOnActive(
    counterId: number,
    officer: OfficerInfo,
    action: TicketAction,
    changes: (t: TicketRow, at: string) => Partial<Record<TicketColumn, string | number | null>>,
  ): TicketRow {
    return this.act((out) => {
      const counter = this.counterFor(counterId, officer);
      const t = this.requireActive(counter);
      const at = this.clock.now().toISOString();
      const next = this.transition(t, action, { counterId: counter.id, officerId: officer.id }, at, changes(t, at));
      out.push({ type: 'ticketChanged', ticket: next, action }, { type: 'counterChanged', counterId: counter.id });
      return next;
    });
  }

  /**
   * Puts a no-show ticket back in the queue at its original place, from a counter that serves
   * its field or called it (an admin may act without a counter).
   */
  returnTicket(ticketId: number, officer: OfficerInfo, counterId: number | null): TicketRow {
    return this.act((out) => {
      const t = this.tickets.byId(ticketId);
      if (!t) throw notFound(`vé ${ticketId}`, 'ticket_not_found');
      const counter = this.actingCounter(counterId, officer);
      nextStatus('return', t.status, t.number);
      if (counter) checkTicketScope(t, counter, this.config);
      const at = this.clock.now().toISOString();
      const back = this.transition(t, 'return', { counterId: counter?.id ?? null, officerId: officer.id }, at, {
        counter_id: null,
        officer_id: null,
      });
      out.push({ type: 'ticketChanged', ticket: back, action: 'return' });
      return back;
    });
  }

  /**
   * Transfers a ticket (the counter's active one, or a waiting one by id) to another field
   * and/or a specific counter. It is the same ticket and keeps its place by issue time.
   */
  transfer(counterId: number, officer: OfficerInfo, target: TransferTarget, ticketId?: number): TicketRow {
    return this.act((out) => {
      const counter = this.counterFor(counterId, officer);
      const t = ticketId != null ? this.tickets.byId(ticketId) : this.requireActive(counter);
      if (!t) throw notFound(`vé ${ticketId}`, 'ticket_not_found');
      nextStatus('transfer', t.status, t.number);
      checkTicketScope(t, counter, this.config);
      if (target.serviceId == null && target.counterId == null) {
        throw new DomainError(400, 'no_target', 'Chọn lĩnh vực hoặc quầy để chuyển đến.');
      }
      const service = target.serviceId != null ? this.config.service(target.serviceId) : null;
      const toCounter = target.counterId != null ? this.config.counter(target.counterId) : null;
      if (toCounter && !toCounter.active) throw conflict('counter_closed', `Quầy ${toCounter.number} đang đóng.`);
      const at = this.clock.now().toISOString();
      const moved = this.transition(
        t,
        'transfer',
        { counterId: counter.id, officerId: officer.id },
        at,
        {
          service_id: service?.id ?? t.serviceId,
          target_counter_id: toCounter?.id ?? null,
          counter_id: null,
          officer_id: null,
          started_at: null,
        },
        { fromServiceId: t.serviceId, toServiceId: service?.id ?? t.serviceId, toCounterId: toCounter?.id ?? null },
      );
      out.push({ type: 'ticketChanged', ticket: moved, action: 'transfer' });
      if (t.counterId != null) out.push({ type: 'counterChanged', counterId: t.counterId });
      return moved;
    });
  }

  /** Cancels a waiting ticket, from a counter that serves its field or was sent it (an admin may act without a counter). */
  cancel(ticketId: number, officer: OfficerInfo, counterId: number | null): TicketRow {
    return this.act((out) => {
      const t = this.tickets.byId(ticketId);
      if (!t) throw notFound(`vé ${ticketId}`, 'ticket_not_found');
      const counter = this.actingCounter(counterId, officer);
      nextStatus('cancel', t.status, t.number);
      if (counter) checkTicketScope(t, counter, this.config);
      const at = this.clock.now().toISOString();
      const c = this.transition(t, 'cancel', { counterId: counter?.id ?? null, officerId: officer.id }, at);
      out.push({ type: 'ticketChanged', ticket: c, action: 'cancel' });
      return c;
    });
  }

  setPaused(counterId: number, officer: OfficerInfo, paused: boolean): Counter {
    return this.act((out) => {
      const counter = this.counterFor(counterId, officer);
      this.config.setCounterPaused(counter.id, paused);
      out.push({ type: 'counterChanged', counterId: counter.id });
      return this.config.counter(counter.id);
    });
  }

  /**
   * At the start of a new service day, the tickets of past days still open are settled:
   * waiting and no-show ones become expired; called and serving ones are closed (finished at
   * closing time, flagged closed_by_rollover), so that no counter carries yesterday's ticket.
   * The new day's time zone and day start (the configured ones) are recorded with it.
   * Nothing is deleted. Returns how many tickets were settled.
   */
  rolloverIfNeeded(): number {
    const now = this.clock.now();
    const current = this.days.current();
    const day = this.days.at(now, current);
    if (current?.day === day) return 0;
    return this.run((out) => {
      const endedZone = current?.rules.timeZone ?? this.config.office().timeZone;
      const stale = this.tickets.staleBefore(day);
      for (const t of stale) {
        const details = { serviceDay: t.serviceDay };
        if (t.status === 'called' || t.status === 'serving') {
          const at = rolloverClosingTime(t, endedZone, this.config.openingHours(), now);
          const closed = this.transition(
            t,
            'finish',
            { counterId: t.counterId, officerId: null },
            at,
            { started_at: t.startedAt ?? t.calledAt, finished_at: at, closed_by_rollover: 1 },
            { ...details, closedByRollover: true },
          );
          out.push({ type: 'ticketChanged', ticket: closed, action: 'finish' });
          if (t.counterId != null) out.push({ type: 'counterChanged', counterId: t.counterId });
        } else {
          const e = this.transition(t, 'expire', { counterId: null, officerId: null }, now.toISOString(), {}, details);
          out.push({ type: 'ticketChanged', ticket: e, action: 'expire' });
        }
      }
      this.days.begin(day);
      // A new day: every client takes a fresh snapshot (empty queue, new history).
      out.push({ type: 'configChanged' });
      return stale.length;
    });
  }
}
