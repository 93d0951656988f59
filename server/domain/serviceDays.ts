import type { Db } from '../db/database';
import type { ConfigRepo } from './configRepo';
import type { TicketRow } from './ticketRepo';
import { lastClosingOf, serviceDayAt, type CurrentDay, type OpeningInterval } from './time';

/**
 * The service day in use, stored with the time zone and day start it began with, so that the
 * day only moves forward and changed rules take effect from the next day (see serviceDayAt).
 */
export class ServiceDays {
  private readonly sql;

  constructor(
    db: Db,
    private readonly config: ConfigRepo,
  ) {
    this.sql = {
      current: db.prepare(
        'SELECT last_rollover_day AS day, day_time_zone AS timeZone, day_start_in_effect AS dayStartMinutes FROM office WHERE id = 1',
      ),
      // A new day also starts a new priority streak.
      begin: db.prepare(
        'UPDATE office SET last_rollover_day = ?, day_time_zone = ?, day_start_in_effect = ?, priority_streak = 0 WHERE id = 1',
      ),
    };
  }

  /** The service day in use (the last rollover's) and the rules it began with; null before the first. */
  current(): CurrentDay | null {
    const row = this.sql.current.get() as
      | { day: string | null; timeZone: string | null; dayStartMinutes: number | null }
      | undefined;
    if (!row?.day) return null;
    const o = this.config.office();
    return {
      day: row.day,
      rules: { timeZone: row.timeZone ?? o.timeZone, dayStartMinutes: row.dayStartMinutes ?? o.dayStartMinutes },
    };
  }

  /** The service day at `at`, given the day in use (read when not passed). */
  at(at: Date, current: CurrentDay | null = this.current()): string {
    return serviceDayAt(at, current, this.config.office());
  }

  /** Records `day` as the day in use, under the configured time zone and day start. */
  begin(day: string): void {
    const office = this.config.office();
    this.sql.begin.run(day, office.timeZone, office.dayStartMinutes);
  }
}

/**
 * When a ticket left open at the end of its day is closed: the end of that day's last
 * opening interval if known and already past, else now; never before the ticket began.
 */
export function rolloverClosingTime(t: TicketRow, timeZone: string, hours: OpeningInterval[], now: Date): string {
  const close = lastClosingOf(t.serviceDay, timeZone, hours);
  const end = close && close.getTime() < now.getTime() ? close.getTime() : now.getTime();
  const began = Date.parse(t.startedAt ?? t.calledAt ?? t.issuedAt);
  return new Date(Math.max(end, began)).toISOString();
}
