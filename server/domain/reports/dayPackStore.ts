/**
 * The day parts of dayPack.ts kept for the reports. Closed days are stored in `report_days`
 * (migrations 010, 011): built the first time a report needs them (or ahead, by
 * ReportService.summarise) and deleted by triggers as soon as a ticket or rating of the day
 * changes, so a stored part always equals a fresh one. Open days (today, later) are packed
 * live and never stored.
 */
import type { Db } from '../../db/database';
import { PACK_FORMAT, PARTS, packDay, partBlob, partFromBlob, type DayPart, type DayParts, type PartName, type RatingSrc, type TicketSrc } from './dayPack';
import { dayFromNumber, dayNumber, daysOf } from './periods';

/** No office kept tickets before this; a range reaching further back starts here. */
const EARLIEST_DAY = '2000-01-01';

/** How long the decoded parts of the last reports stay in memory (a year is a few MB). */
export const PACK_CACHE_MS = 10 * 60_000;

/**
 * Reads and keeps day parts. The parts of closed days that a report decoded stay in memory for
 * PACK_CACHE_MS after the last report (someone going through the reports asks for the same
 * days again and again), each checked against its stored row's build time on every use: a
 * part the triggers deleted and that was built again is read again.
 */
export class DayPacks {
  private readonly sql;
  private readonly cache = new Map<string, { builtAt: string; part: DayPart }>();
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
        `SELECT counter_id AS counterId, officer_id AS officerId, service_id AS serviceId, level, ticket_id AS ticketId,
                reasons_json AS reasonsJson, reason_text AS reasonText
           FROM ratings WHERE service_day = ? ORDER BY id`,
      ),
      stored: db.prepare(
        'SELECT day, format, time_zone AS timeZone, built_at AS builtAt FROM report_days WHERE part = ? AND day BETWEEN ? AND ?',
      ),
      data: db.prepare('SELECT data FROM report_days WHERE day = ? AND part = ?').pluck(),
      dataRange: db.prepare('SELECT day, data FROM report_days WHERE day BETWEEN ? AND ? AND part = ?'),
      store: db.prepare('INSERT OR REPLACE INTO report_days (day, part, format, time_zone, built_at, data) VALUES (?, ?, ?, ?, ?, ?)'),
      hasTickets: db.prepare('SELECT 1 FROM tickets WHERE service_day = ? LIMIT 1').pluck(),
      hasRatings: db.prepare('SELECT 1 FROM ratings WHERE service_day = ? LIMIT 1').pluck(),
    };
  }

  /** Fresh parts of `day`, straight from the tickets and ratings tables. */
  build(day: string): DayParts {
    return packDay(day, this.sql.tickets.all(day) as TicketSrc[], this.sql.ratings.all(day) as RatingSrc[], this.timeZone());
  }

  /**
   * The `part` of the days from `from` to `to`, in day order: every closed day (before `openDay`,
   * today's service day) from report_days, built and stored (all three parts) when missing; of
   * `openDay` and later, those with tickets or ratings, built live.
   */
  range(from: string, to: string, openDay: string, part: PartName): DayPart[] {
    const parts = new Map<string, DayPart>();
    const closedTo = to < openDay ? to : previousDay(openDay);
    if (from <= closedTo) {
      const rows = this.storedRows(part, from, closedTo);
      const cacheKey = (day: string) => `${part} ${day}`;
      const toRead = rows.filter((row) => this.cache.get(cacheKey(row.day))?.builtAt !== row.builtAt);
      // Many days to read (a first report): one pass over the stored parts; a few: one by one.
      const blobs =
        toRead.length > 8
          ? new Map((this.sql.dataRange.all(from, closedTo, part) as { day: string; data: Buffer }[]).map((r) => [r.day, r.data]))
          : new Map(toRead.map((row) => [row.day, this.sql.data.get(row.day, part) as Buffer]));
      for (const row of rows) {
        const cached = this.cache.get(cacheKey(row.day));
        if (cached && cached.builtAt === row.builtAt) {
          parts.set(row.day, cached.part);
          continue;
        }
        const p = partFromBlob(row.day, blobs.get(row.day)!);
        parts.set(row.day, p);
        this.cache.set(cacheKey(row.day), { builtAt: row.builtAt, part: p });
      }
      // every closed day not stored is built and stored, a day without tickets or ratings too
      // (empty parts: the next report needs no probe to know it is empty)
      const missing = this.daysNotIn(from, closedTo, parts);
      if (missing.length > 0) {
        for (const [day, all] of this.buildAndStore(missing, true)) parts.set(day, all[part]);
      }
      this.dropLater();
    }
    const liveFrom = from > openDay ? from : openDay;
    if (liveFrom <= to) {
      for (const day of this.daysNotIn(liveFrom, to, parts)) {
        if (this.sql.hasTickets.get(day) != null || this.sql.hasRatings.get(day) != null) parts.set(day, this.build(day)[part]);
      }
    }
    return [...parts.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  /**
   * The closed days (before `openDay`) from `from` to `to` whose parts are not all stored in
   * the current format and zone: what a report of that range would build first.
   */
  missing(from: string, to: string, openDay: string): string[] {
    const closedTo = to < openDay ? to : previousDay(openDay);
    if (from > closedTo) return [];
    const have = PARTS.map((part) => new Set(this.storedRows(part, from, closedTo).map((row) => row.day)));
    return this.daysNotIn(from, closedTo, { has: (day) => have.every((days) => days.has(day)) });
  }

  /** The stored rows of `part` from `from` to `to` in the current format and the office's zone. */
  private storedRows(part: PartName, from: string, to: string) {
    const tz = this.timeZone();
    return (this.sql.stored.all(part, from, to) as { day: string; format: number; timeZone: string; builtAt: string }[]).filter(
      (row) => row.format === PACK_FORMAT && row.timeZone === tz,
    );
  }

  /** Builds and stores the parts of closed `days`, in order, until `until` (performance.now()) has passed; at least one. Returns how many. */
  storeDays(days: string[], until = Infinity): number {
    return this.buildAndStore(days, false, until).size;
  }

  /** Reads, packs and stores `days` in one transaction, so no change can fall between reading and storing. */
  private buildAndStore(days: string[], cache: boolean, until = Infinity): Map<string, DayParts> {
    const tz = this.timeZone();
    const now = this.buildTime();
    return this.db.transaction(() => {
      const built = new Map<string, DayParts>();
      for (const day of days) {
        if (built.size > 0 && performance.now() > until) break;
        const all = this.build(day);
        built.set(day, all);
        for (const name of PARTS) {
          this.sql.store.run(day, name, PACK_FORMAT, tz, now, partBlob(all[name]));
          if (cache) this.cache.set(`${name} ${day}`, { builtAt: now, part: all[name] });
        }
      }
      return built;
    })();
  }

  /** Forgets the cached parts PACK_CACHE_MS after the last report, so an idle server holds none. */
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

  /** Builds and stores every closed day not stored yet (after a bulk load such as seed:demo); returns how many. */
  buildClosed(openDay: string): number {
    const first = this.db.prepare('SELECT MIN(service_day) FROM tickets').pluck().get() as string | null;
    if (!first) return 0;
    const days = this.missing(first, previousDay(openDay), openDay);
    this.buildAndStore(days, false);
    return days.length;
  }

  /** The days from `from` to `to` (not before EARLIEST_DAY) not in `known`. */
  private daysNotIn(from: string, to: string, known: { has(day: string): boolean }): string[] {
    return daysOf(from > EARLIEST_DAY ? from : EARLIEST_DAY, to).filter((day) => !known.has(day));
  }
}

export const previousDay = (day: string): string => dayFromNumber(dayNumber(day) - 1);
