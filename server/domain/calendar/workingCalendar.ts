/**
 * The office's working calendar: which days are working days (Monday–Friday, except the
 * holidays and compensatory working days the admin set in calendar_days), and when a dossier
 * received at some instant is due for a legal processing time. The rules are in
 * docs/catalogue.md ("Hạn trả kết quả").
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/database';
import type { ConfigRepo } from '../configRepo';
import { DomainError } from '../errors';
import { addDays, localParts, weekdayOf, zonedInstant, type OpeningInterval } from '../time';
import { staleVersion } from '../versions';
import type { CalendarDay, ProcessingTime } from '../../../shared/catalogue';
import { pad2 } from '../../../shared/zonedTime';
import { nationalHolidays } from './nationalHolidays';

/** Working hours assumed on a working day whose weekday has no opening hours (a compensatory Saturday). */
export const DEFAULT_WORKING_HOURS: readonly [number, number][] = [
  [7 * 60 + 30, 11 * 60 + 30],
  [13 * 60 + 30, 17 * 60],
];

/** How far dueAt looks for working days before giving up (a calendar with no working day). */
const MAX_SEARCH_DAYS = 3660;

export class WorkingCalendar {
  /** The exceptions as read at the calendar's version `daysVersion` (other instances may change them). */
  private days: Map<string, CalendarDay> | null = null;
  private daysVersion = -1;
  private versionStmt: Statement | null = null;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
  ) {}

  /** Monday–Friday working, Saturday and Sunday off; a 'holiday' day is off, a 'working' day on. */
  isWorkingDay(day: string): boolean {
    const special = this.exceptions().get(day);
    if (special) return special.kind === 'working';
    const w = weekdayOf(day);
    return w >= 1 && w <= 5;
  }

  /**
   * The opening intervals [open, close) in minutes of a working day: the office's opening hours
   * for its weekday, or 07:30–11:30 and 13:30–17:00 when none are set or the office is open all
   * day. None on a day off.
   */
  workingIntervals(day: string): [number, number][] {
    if (!this.isWorkingDay(day)) return [];
    const w = weekdayOf(day);
    const hours = this.config
      .openingHours()
      .filter((h: OpeningInterval) => h.weekday === w && h.closeMinutes > h.openMinutes)
      .map((h): [number, number] => [h.openMinutes, h.closeMinutes])
      .sort((a, b) => a[0] - b[0]);
    // An office open round the clock for ticket issue (the demo office) still returns results in
    // administrative hours: a 00:00–24:00 day counts as one with no hours set.
    const allDay = hours.length === 1 && hours[0]?.[0] === 0 && hours[0][1] === 1440;
    return hours.length > 0 && !allDay ? hours : DEFAULT_WORKING_HOURS.map(([a, b]): [number, number] => [a, b]);
  }

  /**
   * When a dossier received at `receivedAt` is due, in the office's time zone:
   * - working_days N: the closing time of the Nth working day after the day of receipt;
   * - working_hours N: N hours of opening time counted from receipt, only inside opening intervals;
   * - same_day: the closing time of the day of receipt.
   * A receipt on a day off, or after that day's closing, counts as received at the next working
   * day's opening.
   */
  dueAt(receivedAt: Date, time: ProcessingTime): Date {
    const tz = this.config.office().timeZone;
    const p = localParts(receivedAt, tz);
    let day = `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
    let minute = p.hour * 60 + p.minute + p.second / 60;
    // The effective receipt: a working day, before its closing.
    const closing = (d: string) => Math.max(...this.workingIntervals(d).map(([, b]) => b));
    if (!this.isWorkingDay(day) || minute >= closing(day)) {
      day = this.nextWorkingDay(day);
      minute = 0;
    }
    const at = (d: string, m: number) => zonedInstant(d, m, tz);
    switch (time.unit) {
      case 'same_day':
        return at(day, closing(day));
      case 'working_days': {
        for (let i = 0; i < time.value; i++) day = this.nextWorkingDay(day);
        return at(day, closing(day));
      }
      case 'working_hours': {
        let left = time.value * 60;
        for (let n = 0; n < MAX_SEARCH_DAYS; n++) {
          for (const [open, close] of this.workingIntervals(day)) {
            const from = Math.max(open, minute);
            if (from >= close) continue;
            if (close - from >= left) return at(day, from + left);
            left -= close - from;
          }
          day = this.nextWorkingDay(day);
          minute = 0;
        }
        throw noWorkingDay();
      }
    }
  }

  /** The first working day after `day`. */
  nextWorkingDay(day: string): string {
    let d = day;
    for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) return d;
    }
    throw noWorkingDay();
  }

  // -------------------------------------------------------------------------------------------
  // The admin's exceptions

  /** The calendar's version, raised by every change. */
  version(): number {
    this.versionStmt ??= this.db.prepare('SELECT version FROM calendar_state WHERE id = 1').pluck();
    return Number(this.versionStmt.get() ?? 0);
  }

  /** The exceptions of one year, by day. */
  year(year: number): CalendarDay[] {
    return [...this.exceptions().values()].filter((d) => d.day.startsWith(`${year}-`)).sort((a, b) => a.day.localeCompare(b.day));
  }

  day(day: string): CalendarDay | null {
    return this.exceptions().get(day) ?? null;
  }

  /** Sets one day's exception (a holiday, or a compensatory working day). */
  setDay(d: CalendarDay, expectedVersion?: number): void {
    this.write(expectedVersion, () => {
      this.db
        .prepare('INSERT INTO calendar_days (day, kind, name) VALUES (@day, @kind, @name) ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name')
        .run(d);
    });
  }

  /** Returns a day to the weekly pattern; false when it had no exception. */
  removeDay(day: string, expectedVersion?: number): boolean {
    return this.write(expectedVersion, () => this.db.prepare('DELETE FROM calendar_days WHERE day = ?').run(day).changes > 0);
  }

  /**
   * Adds the national holidays of `year` (nationalHolidays). Days the admin already set are
   * kept as they are. Returns the days added.
   */
  addNationalHolidays(year: number, expectedVersion?: number): CalendarDay[] {
    const list = nationalHolidays(year);
    return this.write(expectedVersion, () => {
      const ins = this.db.prepare('INSERT OR IGNORE INTO calendar_days (day, kind, name) VALUES (@day, @kind, @name)');
      return list.filter((d) => ins.run(d).changes > 0);
    });
  }

  private write<T>(expectedVersion: number | undefined, fn: () => T): T {
    this.days = null;
    try {
      return this.db.transaction(() => {
        const current = this.version();
        if (expectedVersion !== undefined && expectedVersion !== current) throw staleVersion(current, expectedVersion);
        const r = fn();
        this.db.prepare('UPDATE calendar_state SET version = version + 1 WHERE id = 1').run();
        return r;
      })();
    } finally {
      this.days = null;
    }
  }

  private exceptions(): Map<string, CalendarDay> {
    const version = this.version();
    if (!this.days || this.daysVersion !== version) {
      this.daysVersion = version;
      const rows = this.db.prepare('SELECT day, kind, name FROM calendar_days').all() as CalendarDay[];
      this.days = new Map(rows.map((r) => [r.day, r]));
    }
    return this.days;
  }
}

const noWorkingDay = () =>
  new DomainError(409, 'no_working_day', 'Lịch làm việc không có ngày làm việc nào trong 10 năm tới. (The calendar has no working day ahead.)');
