/**
 * One service day's tickets and ratings summarised for the reports, in three parts that each
 * report reads alone (docs/reports.md):
 *
 * - `counts`: tickets counted by field, counter, officer, local hour of issue and status;
 * - `times`: the waiting and service seconds of the served tickets, sorted, per field, counter
 *   and officer (percentiles need every value; sorted runs merge fast);
 * - `ratings`: ratings counted by level (anonymous presses apart), with the reasons and the
 *   number of written comments per level.
 *
 * Every part is a sequence of groups, one per (field, counter, officer) met that day, so a
 * report's filters are checked once per group and not once per ticket. Closed days are kept
 * in `report_days` (migrations 010, 011): built the first time a report needs them and deleted
 * by triggers as soon as a ticket or rating of the day changes, so a stored part always equals
 * a fresh one. Open days (today, later) are packed live and never stored.
 */
import type { Db } from '../../db/database';
import { zonedParts } from '../../../shared/zonedTime';
import { RATING_LEVELS } from '../../../shared/ratings';
import { dayFromNumber, dayNumber, daysOf } from './periods';

/** No office kept tickets before this; a range reaching further back starts here. */
const EARLIEST_DAY = '2000-01-01';

export const PACK_FORMAT = 2;

export const PARTS = ['counts', 'times', 'ratings'] as const;
export type PartName = (typeof PARTS)[number];

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired'] as const;
export const ST = { waiting: 0, called: 1, serving: 2, done: 3, no_show: 4, cancelled: 5, expired: 6 } as const;

/**
 * The layouts, in Int32 words. Every group starts with its key: field (0 none: ratings only),
 * counter (0 none), officer (0 none); groups are in ascending key order.
 *
 * counts:  [service, counter, officer, m, (hour × 8 + status, n) × m]
 * times:   [service, counter, officer, w, v, wait seconds ascending × w, service seconds ascending × v]
 * ratings: [service, counter, officer, a, b, c, (level × 2 + anonymous, n) × a,
 *           (level, reason, n) × b, (level, n) × c]
 *
 * In `ratings`, `level` indexes RATING_LEVELS, `anonymous` is 1 for a press without a ticket,
 * `reason` indexes the part's `strings` (the reason keys given that day), and the last list
 * counts the ratings of each level that carry a written comment.
 */
/** A part's words: 16-bit as stored when every word fits (read in place), else 32-bit. */
export type Words = Int32Array | Uint16Array;

/** Readers of the layouts above, for the group at a[o]: where its lists begin, and where the next group begins. */
export const COUNTS_HEAD = 4;
export const countsEnd = (a: Words, o: number) => o + COUNTS_HEAD + 2 * a[o + 3]!;
export const TIMES_HEAD = 5;
export const timesEnd = (a: Words, o: number) => o + TIMES_HEAD + a[o + 3]! + a[o + 4]!;
export const RATINGS_HEAD = 6;
export const ratingReasonsAt = (a: Words, o: number) => o + RATINGS_HEAD + 2 * a[o + 3]!;
export const ratingTextsAt = (a: Words, o: number) => ratingReasonsAt(a, o) + 3 * a[o + 4]!;
export const ratingsEnd = (a: Words, o: number) => ratingTextsAt(a, o) + 2 * a[o + 5]!;

export interface DayPart {
  day: string;
  ints: Words;
  /** ratings: the reason keys that `reason` indexes; empty for the other parts */
  strings: string[];
}

export type DayParts = Record<PartName, DayPart>;

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
  reasonsJson: string;
  reasonText: string;
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

/** The groups of one day by key, in ascending key order. */
class Groups<G> {
  private readonly map = new Map<string, { key: [number, number, number]; g: G }>();
  constructor(private readonly make: () => G) {}
  get(service: number, counter: number, officer: number): G {
    const k = `${service},${counter},${officer}`;
    let e = this.map.get(k);
    if (!e) this.map.set(k, (e = { key: [service, counter, officer], g: this.make() }));
    return e.g;
  }
  sorted(): { key: [number, number, number]; g: G }[] {
    return [...this.map.values()].sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  }
}

const bump = (m: Map<number, number>, k: number, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

function reasonKeys(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** The three parts of `day`, from its tickets and ratings. */
export function packDay(day: string, tickets: TicketSrc[], ratings: RatingSrc[], timeZone: string): DayParts {
  const hour = hourOf(timeZone);
  const counts = new Groups(() => new Map<number, number>());
  const times = new Groups(() => ({ wait: [] as number[], svc: [] as number[] }));
  for (const x of tickets) {
    const key = [x.serviceId, x.counterId ?? 0, x.officerId ?? 0] as const;
    // A no-show left at the day's end is expired by the rollover: called but never served
    // counts as a no-show (vắng mặt) either way; expired without a call = not served.
    let status: number = ST[x.status as keyof typeof ST] ?? ST.expired;
    if (status === ST.expired && x.firstCalledAt) status = ST.no_show;
    bump(counts.get(...key), hour(x.issuedAt) * 8 + status);
    if (status === ST.done) {
      const t = times.get(...key);
      if (x.firstCalledAt) t.wait.push(secondsBetween(x.issuedAt, x.firstCalledAt));
      if (x.startedAt && x.finishedAt) t.svc.push(secondsBetween(x.startedAt, x.finishedAt));
    }
  }
  const strings: string[] = [];
  const stringIx = new Map<string, number>();
  const rated = new Groups(() => ({ levels: new Map<number, number>(), reasons: new Map<number, number>(), texts: new Map<number, number>() }));
  for (const x of ratings) {
    const level = RATING_LEVELS.indexOf(x.level as (typeof RATING_LEVELS)[number]);
    if (level < 0) continue;
    const g = rated.get(x.serviceId ?? 0, x.counterId, x.officerId ?? 0);
    bump(g.levels, level * 2 + (x.ticketId == null ? 1 : 0));
    for (const k of reasonKeys(x.reasonsJson)) {
      let i = stringIx.get(k);
      if (i === undefined) {
        stringIx.set(k, (i = strings.length));
        strings.push(k);
      }
      bump(g.reasons, level * 65_536 + i);
    }
    if (x.reasonText.trim() !== '') bump(g.texts, level);
  }
  const out = { counts: [] as number[], times: [] as number[], ratings: [] as number[] };
  for (const { key, g } of counts.sorted()) {
    out.counts.push(...key, g.size);
    for (const [hs, n] of [...g.entries()].sort((a, b) => a[0] - b[0])) out.counts.push(hs, n);
  }
  const asc = (a: number, b: number) => a - b;
  for (const { key, g } of times.sorted()) {
    if (g.wait.length + g.svc.length === 0) continue;
    out.times.push(...key, g.wait.length, g.svc.length);
    for (const v of g.wait.sort(asc)) out.times.push(v);
    for (const v of g.svc.sort(asc)) out.times.push(v);
  }
  for (const { key, g } of rated.sorted()) {
    out.ratings.push(...key, g.levels.size, g.reasons.size, g.texts.size);
    for (const [k, n] of [...g.levels.entries()].sort((a, b) => a[0] - b[0])) out.ratings.push(k, n);
    for (const [k, n] of [...g.reasons.entries()].sort((a, b) => a[0] - b[0])) out.ratings.push(Math.floor(k / 65_536), k % 65_536, n);
    for (const [k, n] of [...g.texts.entries()].sort((a, b) => a[0] - b[0])) out.ratings.push(k, n);
  }
  return {
    counts: { day, ints: Int32Array.from(out.counts), strings: [] },
    times: { day, ints: Int32Array.from(out.times), strings: [] },
    ratings: { day, ints: Int32Array.from(out.ratings), strings },
  };
}

/**
 * A part as stored: the byte length of its strings as JSON (Int32), that JSON padded to a
 * multiple of 4 bytes, the width of the words (Int32: 2 when every word fits in 0..65535, as
 * nearly always: ids, counts and seconds within a day; else 4), then the words. Little-endian
 * (x86, ARM). Half the bytes is half the pages a report reads on a cold start.
 */
export function partBlob(p: DayPart): Buffer {
  const json = p.strings.length > 0 ? Buffer.from(JSON.stringify(p.strings), 'utf8') : Buffer.alloc(0);
  const head = 8 + Math.ceil(json.length / 4) * 4;
  const narrow = p.ints.every((x) => x >= 0 && x <= 0xffff);
  const words = narrow ? Uint16Array.from(p.ints) : p.ints;
  const out = Buffer.alloc(head + words.byteLength);
  out.writeInt32LE(json.length, 0);
  json.copy(out, 4);
  out.writeInt32LE(narrow ? 2 : 4, head - 4);
  Buffer.from(words.buffer, words.byteOffset, words.byteLength).copy(out, head);
  return out;
}

export function partFromBlob(day: string, b: Buffer): DayPart {
  const len = b.readInt32LE(0);
  const head = 8 + Math.ceil(len / 4) * 4;
  const strings = len > 0 ? (JSON.parse(b.toString('utf8', 4, 4 + len)) as string[]) : [];
  const width = b.readInt32LE(head - 4);
  if (width === 4) return { day, ints: fromBlob(b, (b.length - head) / 4, head / 4, 1), strings };
  // read in place: a conversion to 32 bits would cost a fresh allocation (page faults) per day
  const start = b.byteOffset + head;
  const count = (b.length - head) / 2;
  return { day, ints: start % 2 === 0 ? new Uint16Array(b.buffer, start, count) : new Uint16Array(b.buffer.slice(start, start + count * 2)), strings };
}

export function fromBlob(b: Buffer, count: number, offsetInts: number, stride: number): Int32Array {
  // A view when the Buffer's memory is 4-byte aligned (a blob's own allocation is), else a copy.
  const start = b.byteOffset + offsetInts * 4;
  if (start % 4 === 0) return new Int32Array(b.buffer, start, count * stride);
  return new Int32Array(b.buffer.slice(start, start + count * stride * 4));
}

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
