/**
 * One service day's tickets and ratings packed as integers: what every ticket and
 * satisfaction report reads. Closed days are kept in `report_days` (migration 010): built the
 * first time a report needs them and deleted by triggers as soon as a ticket or rating of the
 * day changes, so a stored pack always equals a fresh one. Open days (today, later) are
 * packed live and never stored.
 */
import type { Db } from '../../db/database';
import { zonedParts } from '../../../shared/zonedTime';
import { RATING_LEVELS } from '../../../shared/ratings';
import { dayFromNumber, dayNumber } from './periods';

/** No office kept tickets before this; a range reaching further back starts here. */
const EARLIEST_DAY = '2000-01-01';

export const PACK_FORMAT = 1;

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired'] as const;
export const ST = { waiting: 0, called: 1, serving: 2, done: 3, no_show: 4, cancelled: 5, expired: 6 } as const;

/**
 * Ticket columns (stride TS): field (the one it ended in, after any transfer), counter (0 none),
 * officer (0 none), local hour of issue, status, wait s (−1 none), service s (−1 none).
 */
export const T = { service: 0, counter: 1, officer: 2, hour: 3, status: 4, wait: 5, svc: 6 } as const;
export const TS = 7;
/** Rating columns (stride RS): counter, officer (0 none), field (0 none), level index in RATING_LEVELS, anonymous (1 = no ticket). */
export const R = { counter: 0, officer: 1, service: 2, level: 3, anonymous: 4 } as const;
export const RS = 5;

export interface DayPack {
  day: string;
  tickets: Int32Array;
  ratings: Int32Array;
}

interface TicketSrc {
  serviceId: number;
  counterId: number | null;
  officerId: number | null;
  status: string;
  issuedAt: string;
  firstCalledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}
interface RatingSrc {
  counterId: number;
  officerId: number | null;
  serviceId: number | null;
  level: string;
  ticketId: number | null;
}

/** Whole seconds from a to b (rounded down, never negative). */
export const secondsBetween = (a: string, b: string) => Math.max(0, Math.floor((Date.parse(b) - Date.parse(a)) / 1000));

/** The local hour of each instant: the zone's offset is looked up once and reused while it holds. */
function hourOf(timeZone: string): (iso: string) => number {
  let offset: number | null = null;
  let validFrom = 0;
  let validTo = -1;
  return (iso) => {
    const ms = Date.parse(iso);
    if (offset === null || ms < validFrom || ms > validTo) {
      const p = zonedParts(new Date(ms), timeZone);
      offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
      // the offset holds for the rest of this local hour at least
      validFrom = ms - (p.minute * 60 + p.second) * 1000;
      validTo = validFrom + 3_599_999;
    }
    return Math.floor((ms + offset) / 3_600_000) % 24;
  };
}

export function packDay(day: string, tickets: TicketSrc[], ratings: RatingSrc[], timeZone: string): DayPack {
  const hour = hourOf(timeZone);
  const t = new Int32Array(tickets.length * TS);
  tickets.forEach((x, i) => {
    const o = i * TS;
    const done = x.status === 'done';
    t[o + T.service] = x.serviceId;
    t[o + T.counter] = x.counterId ?? 0;
    t[o + T.officer] = x.officerId ?? 0;
    t[o + T.hour] = hour(x.issuedAt);
    // A no-show left at the day's end is expired by the rollover: called but never served
    // counts as a no-show (vắng mặt) either way; expired without a call = not served.
    const status = ST[x.status as keyof typeof ST] ?? ST.expired;
    t[o + T.status] = status === ST.expired && x.firstCalledAt ? ST.no_show : status;
    t[o + T.wait] = done && x.firstCalledAt ? secondsBetween(x.issuedAt, x.firstCalledAt) : -1;
    t[o + T.svc] = done && x.startedAt && x.finishedAt ? secondsBetween(x.startedAt, x.finishedAt) : -1;
  });
  const r = new Int32Array(ratings.length * RS);
  ratings.forEach((x, i) => {
    const o = i * RS;
    r[o + R.counter] = x.counterId;
    r[o + R.officer] = x.officerId ?? 0;
    r[o + R.service] = x.serviceId ?? 0;
    r[o + R.level] = RATING_LEVELS.indexOf(x.level as (typeof RATING_LEVELS)[number]);
    r[o + R.anonymous] = x.ticketId == null ? 1 : 0;
  });
  return { day, tickets: t, ratings: r };
}

export function fromBlob(b: Buffer, count: number, offsetInts: number, stride: number): Int32Array {
  // Packs are little-endian (x86, ARM). A view when the Buffer's memory is 4-byte aligned (a
  // blob's own allocation is), else a copy.
  const start = b.byteOffset + offsetInts * 4;
  if (start % 4 === 0) return new Int32Array(b.buffer, start, count * stride);
  return new Int32Array(b.buffer.slice(start, start + count * stride * 4));
}

/** How long the decoded packs of the last reports stay in memory (a year is ~20 MB). */
export const PACK_CACHE_MS = 10 * 60_000;

/**
 * Reads and keeps day packs. The packs of closed days that a report decoded stay in memory for
 * PACK_CACHE_MS after the last report (someone going through the reports asks for the same
 * days again and again), each checked against its stored row's build time on every use: a
 * pack the triggers deleted and that was built again is read again.
 */
export class DayPacks {
  private readonly sql;
  private readonly cache = new Map<string, { builtAt: string; pack: DayPack }>();
  private dropTimer: ReturnType<typeof setTimeout> | null = null;
  /** The last build time given, so that two builds in one millisecond still differ. */
  private lastBuiltAt = '';

  constructor(
    private readonly db: Db,
    private readonly timeZone: () => string,
  ) {
    this.sql = {
      tickets: db.prepare(
        `SELECT service_id AS serviceId, counter_id AS counterId, officer_id AS officerId,
                status, issued_at AS issuedAt, first_called_at AS firstCalledAt, started_at AS startedAt, finished_at AS finishedAt
           FROM tickets WHERE service_day = ? ORDER BY id`,
      ),
      ratings: db.prepare(
        `SELECT counter_id AS counterId, officer_id AS officerId, service_id AS serviceId, level, ticket_id AS ticketId
           FROM ratings WHERE service_day = ? ORDER BY id`,
      ),
      stored: db.prepare(
        'SELECT day, format, time_zone AS timeZone, tickets, ratings, built_at AS builtAt FROM report_days WHERE day BETWEEN ? AND ?',
      ),
      data: db.prepare('SELECT data FROM report_days WHERE day = ?').pluck(),
      dataRange: db.prepare('SELECT day, data FROM report_days WHERE day BETWEEN ? AND ?'),
      store: db.prepare(
        'INSERT OR REPLACE INTO report_days (day, format, time_zone, tickets, ratings, data, built_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      hasTickets: db.prepare('SELECT 1 FROM tickets WHERE service_day = ? LIMIT 1').pluck(),
      hasRatings: db.prepare('SELECT 1 FROM ratings WHERE service_day = ? LIMIT 1').pluck(),
    };
  }

  /** A fresh pack of `day`, straight from the tickets and ratings tables. */
  build(day: string): DayPack {
    return packDay(day, this.sql.tickets.all(day) as TicketSrc[], this.sql.ratings.all(day) as RatingSrc[], this.timeZone());
  }

  /**
   * The packs of every day from `from` to `to` that has tickets or ratings. Days before
   * `openDay` (today's service day) come from report_days, built and stored when missing;
   * `openDay` and later are built live.
   */
  range(from: string, to: string, openDay: string): DayPack[] {
    const tz = this.timeZone();
    const packs = new Map<string, DayPack>();
    const closedTo = to < openDay ? to : previousDay(openDay);
    if (from <= closedTo) {
      const rows = (
        this.sql.stored.all(from, closedTo) as { day: string; format: number; timeZone: string; tickets: number; ratings: number; builtAt: string }[]
      ).filter((row) => row.format === PACK_FORMAT && row.timeZone === tz);
      const toRead = rows.filter((row) => this.cache.get(row.day)?.builtAt !== row.builtAt);
      // Many days to read (a first report): one pass over the stored packs; a few: one by one.
      const blobs =
        toRead.length > 8
          ? new Map((this.sql.dataRange.all(from, closedTo) as { day: string; data: Buffer }[]).map((r) => [r.day, r.data]))
          : new Map(toRead.map((row) => [row.day, this.sql.data.get(row.day) as Buffer]));
      for (const row of rows) {
        const cached = this.cache.get(row.day);
        if (cached && cached.builtAt === row.builtAt) {
          packs.set(row.day, cached.pack);
          continue;
        }
        const data = blobs.get(row.day)!;
        const pack = {
          day: row.day,
          tickets: fromBlob(data, row.tickets, 0, TS),
          ratings: fromBlob(data, row.ratings, row.tickets * TS, RS),
        };
        packs.set(row.day, pack);
        this.cache.set(row.day, { builtAt: row.builtAt, pack });
      }
      const missing = this.daysWithData(from, closedTo, packs);
      if (missing.length > 0) {
        const now = this.buildTime();
        this.db.transaction(() => {
          for (const day of missing) {
            const p = this.build(day);
            packs.set(day, p);
            this.sql.store.run(day, PACK_FORMAT, tz, p.tickets.length / TS, p.ratings.length / RS, packBlob(p), now);
            this.cache.set(day, { builtAt: now, pack: p });
          }
        })();
      }
      this.dropLater();
    }
    const liveFrom = from > openDay ? from : openDay;
    if (liveFrom <= to) for (const day of this.daysWithData(liveFrom, to, packs)) packs.set(day, this.build(day));
    return [...packs.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  /** Forgets the cached packs PACK_CACHE_MS after the last report, so an idle server holds none. */
  private dropLater(): void {
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.dropTimer = setTimeout(() => this.cache.clear(), PACK_CACHE_MS);
    this.dropTimer.unref();
  }

  /** Now, as an ISO time strictly after the last build time this instance gave. */
  private buildTime(): string {
    let now = new Date().toISOString();
    if (now <= this.lastBuiltAt) now = new Date(Date.parse(this.lastBuiltAt) + 1).toISOString();
    this.lastBuiltAt = now;
    return now;
  }

  /** Builds and stores every closed day not stored yet (after a bulk load such as seed:demo). */
  buildClosed(openDay: string): number {
    const before = (this.db.prepare('SELECT COUNT(*) FROM report_days').pluck().get() as number) ?? 0;
    const first = this.db.prepare('SELECT MIN(service_day) FROM tickets').pluck().get() as string | null;
    if (first && first < openDay) this.range(first, previousDay(openDay), openDay);
    return ((this.db.prepare('SELECT COUNT(*) FROM report_days').pluck().get() as number) ?? 0) - before;
  }

  /** The days from `from` to `to`, not in `known`, that have a ticket or a rating (one index probe each). */
  private daysWithData(from: string, to: string, known: Map<string, DayPack>): string[] {
    const out: string[] = [];
    const last = dayNumber(to);
    for (let n = Math.max(dayNumber(from), dayNumber(EARLIEST_DAY)); n <= last; n++) {
      const day = dayFromNumber(n);
      if (!known.has(day) && (this.sql.hasTickets.get(day) != null || this.sql.hasRatings.get(day) != null)) out.push(day);
    }
    return out;
  }
}

function packBlob(p: DayPack): Buffer {
  const all = new Int32Array(p.tickets.length + p.ratings.length);
  all.set(p.tickets, 0);
  all.set(p.ratings, p.tickets.length);
  return Buffer.from(all.buffer, all.byteOffset, all.byteLength);
}

export const previousDay = (day: string): string => dayFromNumber(dayNumber(day) - 1);
