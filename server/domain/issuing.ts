import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import type { Clock } from './clock';
import type { ConfigRepo, Service } from './configRepo';
import { DomainError } from './errors';
import type { QueueEvent, QueueEvents } from './events';
import { remainingNumbers, type QueueStats } from './stats';
import type { TicketRepo, TicketRow } from './ticketRepo';
import { openingState } from './time';

export interface IssueResult {
  ticket: TicketRow;
  waitingAhead: number;
  estimatedWaitMinutes: number | null;
}

export interface IssueInput {
  serviceId: number;
  priorityId?: number | null;
  kioskId?: string | null;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** An unguessable code for the phone page: 12 characters, ~60 bits. */
export function newPublicCode(): string {
  const bytes = randomBytes(12);
  let s = '';
  for (const b of bytes) s += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return s;
}

export function formatNumber(prefix: string, seq: number, digits: number): string {
  return `${prefix}${String(seq).padStart(digits, '0')}`;
}

/** What issuing needs from the queue service around it. */
export interface IssuerHooks {
  /** Expires past days' tickets when a new service day has begun. */
  rollover(): void;
  /** The service day at an instant (it only moves forward). */
  serviceDay(at: Date): string;
  /** Runs `fn` in one fsync'd transaction and emits its events after the commit. */
  runDurable<T>(fn: (out: QueueEvent[]) => T): T;
}

/**
 * Gives out numbers: per field per service day, refused outside opening hours and past the
 * field's range or daily maximum, each ticket acknowledged only after a durable commit.
 */
export class TicketIssuer {
  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly clock: Clock,
    private readonly events: QueueEvents,
    private readonly tickets: TicketRepo,
    private readonly stats: QueueStats,
    private readonly hooks: IssuerHooks,
  ) {}

  /** Issues one ticket in its own durable transaction. */
  issueNow(input: IssueInput): IssueResult {
    this.hooks.rollover();
    return this.withWaitInfo(this.hooks.runDurable((out) => this.issueInTransaction(input, out)));
  }

  /**
   * Issues a ticket with group commit: requests arriving in the same event-loop turn share
   * one transaction and so one fsync. Each request runs in its own savepoint, so one
   * refusal (daily limit, closed…) does not affect the others. The promise settles only
   * after the commit is durable.
   */
  issueDurable(input: IssueInput): Promise<IssueResult> {
    return new Promise((resolve, reject) => {
      this.pendingIssues.push({ input, resolve, reject });
      if (this.pendingIssues.length === 1) setImmediate(() => this.flushIssues());
    });
  }

  private pendingIssues: { input: IssueInput; resolve: (r: IssueResult) => void; reject: (e: unknown) => void }[] = [];

  private flushIssues(): void {
    const batch = this.pendingIssues;
    this.pendingIssues = [];
    const out: QueueEvent[] = [];
    let results: ({ ok: true; issued: { ticket: TicketRow; waitingAhead: number } } | { ok: false; error: unknown })[];
    try {
      this.hooks.rollover();
      const one = this.db.transaction((input: IssueInput) => this.issueInTransaction(input, out));
      results = this.db
        .transaction(() =>
          batch.map(({ input }) => {
            try {
              return { ok: true as const, issued: one(input) };
            } catch (error) {
              return { ok: false as const, error };
            }
          }),
        )
        .immediate();
    } catch (error) {
      this.stats.invalidateWaiting();
      for (const p of batch) p.reject(error);
      return;
    }
    this.events.emit(out);
    results.forEach((r, i) => {
      const p = batch[i];
      if (!p) return;
      if (!r.ok) return p.reject(r.error);
      try {
        p.resolve(this.withWaitInfo(r.issued));
      } catch (error) {
        p.reject(error);
      }
    });
  }

  private withWaitInfo({ ticket, waitingAhead }: { ticket: TicketRow; waitingAhead: number }): IssueResult {
    const office = this.config.office();
    return {
      ticket,
      waitingAhead,
      estimatedWaitMinutes: this.stats.estimate(
        ticket.serviceId,
        waitingAhead,
        this.config.counters(),
        office.defaultServiceMinutes,
      ),
    };
  }

  /** Issues inside the caller's transaction; returns the row and how many wait before it. */
  private issueInTransaction(input: IssueInput, out: QueueEvent[]): { ticket: TicketRow; waitingAhead: number } {
    const now = this.clock.now();
    const office = this.config.office();
    const service = this.config.service(input.serviceId);
    if (!service.active) {
      throw new DomainError(409, 'service_inactive', `Lĩnh vực "${service.name}" hiện không nhận lấy số.`);
    }
    const priorityId = input.priorityId ?? null;
    if (priorityId != null && !this.config.priority(priorityId).active) {
      throw new DomainError(400, 'priority_inactive', 'Diện ưu tiên này không còn áp dụng.');
    }
    const opening = openingState(now, office.timeZone, this.config.openingHours());
    if (!opening.open) throw new DomainError(409, 'closed', opening.message ?? 'Hiện tại chưa đến giờ lấy số.');
    const day = this.hooks.serviceDay(now);
    const at = now.toISOString();
    const seq = this.tickets.sequence(service.id, day);
    const value = remainingNumbers(service, seq) > 0 ? this.freeNumber(service, day, seq) : null;
    if (value === null) {
      throw new DomainError(
        409,
        'daily_limit',
        `Lĩnh vực "${service.name}" đã hết số thứ tự trong ngày hôm nay. Mời quý khách quay lại vào ngày làm việc tiếp theo hoặc liên hệ cán bộ hướng dẫn.`,
      );
    }
    // Everyone waiting in the field is ahead of a new normal ticket; only priority ones of a priority ticket.
    const waiting = this.stats.waitingCounts(day, service.id);
    const waitingAhead = priorityId != null ? waiting.priority : waiting.priority + waiting.normal;
    this.tickets.advanceSequence(service.id, day, value);
    const id = this.tickets.insert({
      publicCode: newPublicCode(),
      serviceDay: day,
      serviceId: service.id,
      seq: value,
      number: formatNumber(service.prefix, value, service.digits),
      priorityId,
      issuedAt: at,
      kioskId: input.kioskId ?? null,
    });
    this.tickets.logEvent(id, 'issue', null, 'waiting', at, { counterId: null, officerId: null }, { priorityId });
    const row = this.tickets.byId(id) as TicketRow;
    out.push({ type: 'ticketIssued', ticket: row });
    this.stats.noteIssued(day, service.id, priorityId != null);
    return { ticket: row, waitingAhead };
  }

  /**
   * The field's next number not yet given out today by any field (a prefix changed during the
   * day could otherwise repeat one), or null when the field's range is used up.
   */
  private freeNumber(service: Service, day: string, seq: { last: number } | undefined): number | null {
    const first = seq === undefined ? service.firstNumber : seq.last + service.step;
    for (let value = first; value <= service.lastNumber; value += service.step) {
      if (!this.tickets.byNumber(day, formatNumber(service.prefix, value, service.digits))) return value;
    }
    return null;
  }

  markPrinted(ticketId: number, printed: boolean): void {
    this.tickets.update(ticketId, { printed: printed ? 1 : 0 });
  }
}
