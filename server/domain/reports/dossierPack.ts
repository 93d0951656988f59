/**
 * One local day's received dossiers packed as integers for the dossier report: channel,
 * field, counter, receiving officer, and the timeliness by shared/dossiers.ts `timeliness()`.
 * A finished dossier's timeliness never changes; an open one's depends on the clock, so its
 * due time is kept and the rule applied when the report runs. Closed days are stored in
 * `report_dossier_days` (migration 010) and deleted by triggers when a dossier changes.
 */
import type { Db } from '../../db/database';
import { CHANNELS } from '../../../shared/catalogue';
import { timeliness, type DossierStatus, type Timeliness } from '../../../shared/dossiers';
import { zonedParts } from '../../../shared/zonedTime';
import { zonedInstant } from '../time';
import { dayFromNumber, dayNumber, daysOf } from './periods';
import { fromBlob } from './dayPack';

export const DOSSIER_PACK_FORMAT = 1;

/**
 * Columns (stride DS): channel index, field (0 none), counter (0 none), officer (0 none),
 * timeliness code, and for open ones the due time: whole seconds since 2000 and milliseconds.
 */
export const D = { channel: 0, service: 1, counter: 2, officer: 3, t: 4, dueS: 5, dueMs: 6 } as const;
export const DS = 7;
/** Timeliness codes; OPEN = not finished, decided by the clock when read. */
export const FIXED: readonly Timeliness[] = ['early', 'on_time', 'overdue', 'none'];
export const OPEN = 4;
const EPOCH_2000 = Date.UTC(2000, 0, 1);

interface DossierSrc {
  channel: string;
  serviceId: number | null;
  counterId: number | null;
  receivedBy: number | null;
  status: DossierStatus;
  dueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
}

export interface DossierDay {
  day: string;
  rows: Int32Array;
}

/** The local yyyy-mm-dd of an instant in `timeZone`. */
export function localDayOf(timeZone: string): (iso: string) => string {
  return (iso) => {
    const p = zonedParts(new Date(iso), timeZone);
    return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  };
}

export function packDossiers(day: string, rows: DossierSrc[], timeZone: string): DossierDay {
  const dayOf = localDayOf(timeZone);
  // any instant before the due date works here: only finished ones are classified now
  const probe = new Date(0);
  const out = new Int32Array(rows.length * DS);
  rows.forEach((d, i) => {
    const o = i * DS;
    out[o + D.channel] = CHANNELS.indexOf(d.channel as (typeof CHANNELS)[number]);
    out[o + D.service] = d.serviceId ?? 0;
    out[o + D.counter] = d.counterId ?? 0;
    out[o + D.officer] = d.receivedBy ?? 0;
    const t = timeliness(d, probe, dayOf);
    if (t === 'in_time' || t === 'overdue_open') {
      out[o + D.t] = OPEN;
      const due = Date.parse(d.dueAt!) - EPOCH_2000;
      out[o + D.dueS] = Math.floor(due / 1000);
      out[o + D.dueMs] = due % 1000;
    } else {
      out[o + D.t] = FIXED.indexOf(t);
    }
  });
  return { day, rows: out };
}

/** The timeliness of a packed dossier at `nowMs2000` (ms since 2000): open and now ≤ due = in time. */
export function timelinessAt(rows: Int32Array, o: number, nowMs2000: number): Timeliness {
  const t = rows[o + D.t]!;
  if (t !== OPEN) return FIXED[t]!;
  return nowMs2000 <= rows[o + D.dueS]! * 1000 + rows[o + D.dueMs]! ? 'in_time' : 'overdue_open';
}

export const ms2000 = (at: Date) => at.getTime() - EPOCH_2000;

export class DossierPacks {
  private readonly sql;

  constructor(
    private readonly db: Db,
    private readonly timeZone: () => string,
  ) {
    this.sql = {
      rows: db.prepare(
        `SELECT channel, service_id AS serviceId, counter_id AS counterId, received_by AS receivedBy, status,
                due_at AS dueAt, resolved_at AS resolvedAt, returned_at AS returnedAt
           FROM dossiers WHERE received_at >= ? AND received_at < ? ORDER BY id`,
      ),
      any: db.prepare('SELECT 1 FROM dossiers WHERE received_at >= ? AND received_at < ? LIMIT 1').pluck(),
      stored: db.prepare('SELECT day, format, time_zone AS timeZone, dossiers, data FROM report_dossier_days WHERE day BETWEEN ? AND ?'),
      storedDays: db.prepare('SELECT day, format, time_zone AS timeZone FROM report_dossier_days WHERE day BETWEEN ? AND ?'),
      store: db.prepare(
        'INSERT OR REPLACE INTO report_dossier_days (day, format, time_zone, dossiers, data, built_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  private bounds(day: string, tz: string): [string, string] {
    return [zonedInstant(day, 0, tz).toISOString(), zonedInstant(dayFromNumber(dayNumber(day) + 1), 0, tz).toISOString()];
  }

  build(day: string): DossierDay {
    const tz = this.timeZone();
    return packDossiers(day, this.sql.rows.all(...this.bounds(day, tz)) as DossierSrc[], tz);
  }

  /**
   * Packs of the local days from `from` to `to`: every closed day (before `openDay`) stored,
   * built when missing (an empty day too, so it is not probed again); of `openDay` and later,
   * those with dossiers, built live.
   */
  range(from: string, to: string, openDay: string): DossierDay[] {
    const tz = this.timeZone();
    const packs = new Map<string, DossierDay>();
    for (const row of this.storedRows(from, to, openDay)) packs.set(row.day, { day: row.day, rows: fromBlob(row.data, row.dossiers, 0, DS) });
    const missing: string[] = [];
    for (const day of daysOf(from, to)) {
      if (packs.has(day)) continue;
      if (day < openDay) missing.push(day);
      else if (this.sql.any.get(...this.bounds(day, tz)) != null) packs.set(day, this.build(day));
    }
    for (const p of this.buildAndStore(missing)) packs.set(p.day, p);
    return [...packs.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  /** The closed days from `from` to `to` not stored in the current format and zone. */
  missing(from: string, to: string, openDay: string): string[] {
    const tz = this.timeZone();
    const have = new Set(
      (this.sql.storedDays.all(from, to) as { day: string; format: number; timeZone: string }[])
        .filter((row) => row.format === DOSSIER_PACK_FORMAT && row.timeZone === tz)
        .map((row) => row.day),
    );
    return daysOf(from, to < openDay ? to : dayFromNumber(dayNumber(openDay) - 1)).filter((day) => !have.has(day));
  }

  /** Builds and stores the packs of closed `days`, in order, until `until` (performance.now()) has passed; at least one. Returns how many. */
  storeDays(days: string[], until = Infinity): number {
    return this.buildAndStore(days, until).length;
  }

  private storedRows(from: string, to: string, openDay: string) {
    const tz = this.timeZone();
    return (this.sql.stored.all(from, to < openDay ? to : openDay) as { day: string; format: number; timeZone: string; dossiers: number; data: Buffer }[]).filter(
      (row) => row.format === DOSSIER_PACK_FORMAT && row.timeZone === tz && row.day < openDay,
    );
  }

  /** Reads, packs and stores `days` in one transaction, so no change can fall between reading and storing. */
  private buildAndStore(days: string[], until = Infinity): DossierDay[] {
    if (days.length === 0) return [];
    const tz = this.timeZone();
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const built: DossierDay[] = [];
      for (const day of days) {
        if (built.length > 0 && performance.now() > until) break;
        const p = this.build(day);
        this.sql.store.run(p.day, DOSSIER_PACK_FORMAT, tz, p.rows.length / DS, Buffer.from(p.rows.buffer, p.rows.byteOffset, p.rows.byteLength), now);
        built.push(p);
      }
      return built;
    })();
  }
}
