import { beforeEach, describe, expect, it } from 'vitest';
import { issueOn, makeFixture, type Fixture } from './fixture';
import { DomainError } from '../../server/domain/errors';

let f: Fixture;
beforeEach(() => {
  f = makeFixture(); // Monday 2026-11-23 09:00 in Hanoi
});

const issue = (serviceId: number) => issueOn(f, serviceId);

const errorOf = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected an error');
};

const numbersOfDay = (day: string) =>
  f.db.prepare('SELECT number FROM tickets WHERE service_day = ? ORDER BY id').pluck().all(day) as string[];

/** Open around the clock, so that issuing works whatever zone the office moves to. */
const openAllDay = () =>
  f.config.setOpeningHours([0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, openMinutes: 0, closeMinutes: 1440 })));

describe('the service day only moves forward', () => {
  it('a day start changed mid-day keeps the day: numbers go on, waiting tickets stay, nothing expires', () => {
    const a1 = issue(f.services.a);
    const a2 = issue(f.services.a);
    f.config.saveOffice({ ...f.config.office(), dayStartMinutes: 600 }); // 10:00, changed at 09:00
    expect(f.queue.serviceDay()).toBe('2026-11-23');
    expect(issue(f.services.a).number).toBe('A003');
    expect(f.queue.callNext(f.counters.c1, f.officer)?.id).toBe(a1.id);
    f.config.saveOffice({ ...f.config.office(), dayStartMinutes: 0 }); // reverted
    expect(issue(f.services.a).number).toBe('A004');
    expect(f.queue.tickets.byId(a2.id)?.status).toBe('waiting');
    expect(numbersOfDay('2026-11-23')).toEqual(['A001', 'A002', 'A003', 'A004']);
    expect(numbersOfDay('2026-11-22')).toEqual([]);
  });

  it('a time zone changed mid-day never gives a number twice', () => {
    openAllDay();
    const a1 = issue(f.services.a);
    // 09:00 in Hanoi is 18:00 of the day before in Los Angeles.
    f.config.saveOffice({ ...f.config.office(), timeZone: 'America/Los_Angeles' });
    expect(f.queue.serviceDay()).toBe('2026-11-23');
    expect(issue(f.services.a).number).toBe('A002');
    f.config.saveOffice({ ...f.config.office(), timeZone: 'Asia/Ho_Chi_Minh' });
    expect(issue(f.services.a).number).toBe('A003');
    expect(f.queue.tickets.byId(a1.id)?.status).toBe('waiting');
    expect(f.db.prepare("SELECT COUNT(*) FROM tickets WHERE status = 'expired'").pluck().get()).toBe(0);
  });

  it('a new day start takes effect from the next service day', () => {
    issue(f.services.a);
    f.config.saveOffice({ ...f.config.office(), dayStartMinutes: 240 }); // 04:00
    f.clock.set('2026-11-23T16:59:00Z'); // Monday 23:59
    expect(f.queue.serviceDay()).toBe('2026-11-23');
    f.clock.set('2026-11-23T17:30:00Z'); // Tuesday 00:30: Monday ended at midnight under its own rules
    expect(f.queue.serviceDay()).toBe('2026-11-24');
    f.queue.rolloverIfNeeded();
    f.clock.set('2026-11-24T17:30:00Z'); // Wednesday 00:30: still Tuesday's service day (starts at 04:00 now)
    expect(f.queue.serviceDay()).toBe('2026-11-24');
    f.clock.set('2026-11-24T21:00:00Z'); // Wednesday 04:00
    expect(f.queue.serviceDay()).toBe('2026-11-25');
  });

  it('never returns a day earlier than the last one used, even if the clock goes back', () => {
    issue(f.services.a);
    f.clock.set('2026-11-22T02:00:00Z'); // the clock is set back a day
    expect(f.queue.serviceDay()).toBe('2026-11-23');
    expect(f.queue.rolloverIfNeeded()).toBe(0);
    expect(f.queue.tickets.ofDay('2026-11-23', ['waiting'])).toHaveLength(1);
  });

  it('refuses a day start of 24:00 or beyond', () => {
    const e = errorOf(() => f.config.saveOffice({ ...f.config.office(), dayStartMinutes: 1440 }));
    expect(e.status).toBe(400);
    expect(f.config.office().dayStartMinutes).toBe(0);
  });

  it('skips a number already given today by another field (a prefix changed during the day)', () => {
    const a = f.config.service(f.services.a);
    expect(issue(a.id).number).toBe('A001');
    f.config.saveService({ ...a, prefix: 'C' }, a.id);
    const b = f.config.service(f.services.b);
    f.config.saveService({ ...b, prefix: 'A', firstNumber: 1, lastNumber: 999, digits: 3 }, b.id);
    expect(issue(b.id).number).toBe('A002');
    expect(issue(a.id).number).toBe('C002');
    const dup = f.db
      .prepare('SELECT number, COUNT(*) AS n FROM tickets GROUP BY service_day, upper(number) HAVING n > 1')
      .all();
    expect(dup).toEqual([]);
  });
});
