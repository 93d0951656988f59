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
 * report's filters are checked once per group and not once per ticket. This file is the
 * format (packing, the layouts' readers, the stored bytes); dayPackStore.ts keeps the parts of
 * closed days in `report_days`.
 */
import { zonedParts } from '../../../shared/zonedTime';
import { RATING_LEVELS } from '../../../shared/ratings';

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

export interface TicketSrc {
  serviceId: number;
  counterId: number | null;
  officerId: number | null;
  status: string;
  issuedAt: string;
  firstCalledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}
export interface RatingSrc {
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
