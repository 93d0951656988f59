import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { issueOn, makeFixture, type Fixture } from './fixture';
import { migrate } from '../../server/db/database';
import { buildSnapshot } from '../../server/domain/snapshot';

let f: Fixture;
beforeEach(() => {
  f = makeFixture(); // Monday 2026-11-23 09:00 in Hanoi; Monday closes at 17:00 (10:00Z)
});

const issue = (serviceId: number) => issueOn(f, serviceId);

const TUESDAY_8AM = '2026-11-24T01:00:00Z';

describe('day rollover of tickets left open', () => {
  it('closes a ticket left serving at its day’s closing time and leaves the counter free', () => {
    const t = issue(f.services.a);
    f.queue.callNext(f.counters.c1, f.officer);
    f.queue.start(f.counters.c1, f.officer);
    f.clock.set(TUESDAY_8AM);
    // Even before the rollover has run, the TV does not show yesterday's number.
    const before = buildSnapshot(f.queue, f.clock);
    expect(before.counters.find((c) => c.id === f.counters.c1)?.currentTicket).toBeNull();
    expect(f.queue.rolloverIfNeeded()).toBe(1);
    expect(f.queue.tickets.byId(t.id)).toMatchObject({
      status: 'done',
      closedByRollover: 1,
      finishedAt: '2026-11-23T10:00:00.000Z',
    });
    expect(f.queue.tickets.activeAtCounter(f.counters.c1)).toBeUndefined();
    const after = buildSnapshot(f.queue, f.clock);
    expect(after.counters.every((c) => c.currentTicket === null)).toBe(true);
    expect(after.tickets).toEqual([]);
    const closing = f.db
      .prepare("SELECT details_json FROM ticket_events WHERE ticket_id = ? AND action = 'finish'")
      .pluck()
      .get(t.id) as string;
    expect(JSON.parse(closing)).toMatchObject({ closedByRollover: true, serviceDay: '2026-11-23' });
  });

  it('the next day’s first call neither finishes yesterday’s ticket nor skews the estimated wait', () => {
    const t = issue(f.services.a);
    f.queue.callNext(f.counters.c1, f.officer);
    f.queue.start(f.counters.c1, f.officer);
    f.clock.set(TUESDAY_8AM);
    const today = issue(f.services.a);
    issue(f.services.a);
    // The counter is free: a call with no current ticket is not refused as stale.
    expect(f.queue.callNext(f.counters.c1, f.officer, null)?.id).toBe(today.id);
    expect(f.queue.tickets.byId(t.id)?.finishedAt).toBe('2026-11-23T10:00:00.000Z');
    // No real service time yet: the office default (5 min) for the one waiting ticket.
    const a = f.queue.stats.forDay(f.queue.serviceDay(), f.clock.now()).find((s) => s.serviceId === f.services.a);
    expect(a?.estimatedWaitMinutes).toBe(5);
  });

  it('never closes a ticket before it began (called after the last interval closed)', () => {
    const early = issue(f.services.a);
    const late = issue(f.services.b);
    f.queue.callNext(f.counters.c1, f.officer); // early
    f.clock.set('2026-11-23T10:30:00Z'); // 17:30, after closing: counter 2 still works
    f.queue.callNext(f.counters.c2, f.officer); // late
    f.clock.set(TUESDAY_8AM);
    f.queue.rolloverIfNeeded();
    expect(f.queue.tickets.byId(early.id)?.finishedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(f.queue.tickets.byId(late.id)).toMatchObject({
      startedAt: '2026-11-23T10:30:00.000Z',
      finishedAt: '2026-11-23T10:30:00.000Z',
    });
  });

  it('closes at the rollover instant when the day’s opening hours are unknown', () => {
    const t = issue(f.services.a);
    f.queue.callNext(f.counters.c1, f.officer);
    f.config.setOpeningHours([]);
    f.clock.set(TUESDAY_8AM);
    f.queue.rolloverIfNeeded();
    expect(f.queue.tickets.byId(t.id)).toMatchObject({ status: 'done', finishedAt: new Date(TUESDAY_8AM).toISOString() });
  });

  it('clamps an outlier in the mean service time', () => {
    for (let i = 0; i < 4; i++) issue(f.services.b);
    for (const minutes of [4, 8, 300]) {
      f.queue.callNext(f.counters.c2, f.officer);
      f.queue.start(f.counters.c2, f.officer);
      f.clock.advanceMinutes(minutes);
      f.queue.finish(f.counters.c2, f.officer);
    }
    // (4 + 8 + 60) / 3: the 300-minute ticket counts as one hour.
    expect(f.queue.stats.meanServiceMinutes(f.services.b, 5)).toBeCloseTo(24, 3);
  });
});

describe('upgrading a database', () => {
  it('closes tickets left serving on past days by earlier versions and resets a 24:00 day start', () => {
    const db = new Database(':memory:');
    const dir = join(import.meta.dirname, '../../server/db/migrations');
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const file of readdirSync(dir).filter((x) => /^00[123]_/.test(x)).sort()) {
      db.exec(readFileSync(join(dir, file), 'utf8'));
      db.prepare("INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01')").run(Number(file.slice(0, 3)), file);
    }
    db.exec(`
      INSERT INTO office (id, name, agency_code, day_start_minutes, last_rollover_day) VALUES (1, 'x', '000.00.06.H56', 1440, '2026-11-23');
      INSERT INTO services (id, code, name, prefix) VALUES (1, 'A', 'A', 'A');
      INSERT INTO counters (id, number, name) VALUES (1, 1, 'Quầy 1');
      INSERT INTO tickets (id, public_code, service_day, service_id, issued_service_id, seq, number, status, counter_id,
        issued_at, queue_at, called_at, started_at)
      VALUES (1, 'P1', '2026-11-22', 1, 1, 1, 'A001', 'serving', 1, '2026-11-22T02:00:00Z', '2026-11-22T02:00:00Z',
          '2026-11-22T02:05:00Z', '2026-11-22T02:06:00Z'),
        (2, 'P2', '2026-11-23', 1, 1, 1, 'A001', 'serving', 1, '2026-11-23T02:00:00Z', '2026-11-23T02:00:00Z',
          '2026-11-23T02:05:00Z', '2026-11-23T02:06:00Z');
    `);
    expect(migrate(db)).toContain(4);
    const rows = db.prepare('SELECT id, status, closed_by_rollover AS closed, finished_at AS fin FROM tickets ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, status: 'done', closed: 1, fin: '2026-11-22T02:06:00Z' },
      { id: 2, status: 'serving', closed: 0, fin: null },
    ]);
    expect(db.prepare('SELECT day_start_minutes AS now, day_start_in_effect AS used FROM office').get()).toEqual({
      now: 0,
      used: 1440,
    });
    // The last guard: a number is given once per service day.
    expect(() =>
      db.exec(`INSERT INTO tickets (public_code, service_day, service_id, issued_service_id, seq, number, status, issued_at, queue_at)
        VALUES ('P3', '2026-11-23', 1, 1, 2, 'a001', 'waiting', '2026-11-23T03:00:00Z', '2026-11-23T03:00:00Z')`),
    ).toThrow(/duplicate ticket number/);
    db.close();
  });
});
