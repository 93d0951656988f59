import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, issueOn, makeFixture, type Fixture } from './fixture';
import { DomainError } from '../../server/domain/errors';

let f: Fixture;
beforeEach(() => {
  f = makeFixture();
});

const issue = (serviceId: number, priorityId?: number) => issueOn(f, serviceId, priorityId);


describe('numbering', () => {
  it('numbers per field per day with prefix or numeric block', () => {
    expect(issue(f.services.a).number).toBe('A001');
    expect(issue(f.services.a).number).toBe('A002');
    expect(issue(f.services.b).number).toBe('1001');
    expect(issue(f.services.b).number).toBe('1002');
  });

  it('follows the configured first number and step', () => {
    const s = f.config.service(f.services.a);
    f.config.saveService({ ...s, firstNumber: 10, step: 5 }, s.id);
    expect([issue(s.id).number, issue(s.id).number, issue(s.id).number]).toEqual(['A010', 'A015', 'A020']);
  });

  it('refuses past the daily maximum and past the last number, with a citizen message', () => {
    const s = f.config.service(f.services.a);
    f.config.saveService({ ...s, dailyMax: 2 }, s.id);
    issue(s.id);
    issue(s.id);
    expect(errorCode(() => issue(s.id))).toBe('409 daily_limit');
    const b = f.config.service(f.services.b);
    f.config.saveService({ ...b, firstNumber: 1998, lastNumber: 1999 }, b.id);
    issue(b.id);
    issue(b.id);
    expect(errorCode(() => issue(b.id))).toBe('409 daily_limit');
  });

  it('starts again from the first number on the next service day', () => {
    issue(f.services.a);
    issue(f.services.a);
    f.clock.set('2026-11-24T02:00:00Z');
    expect(issue(f.services.a).number).toBe('A001');
  });

  it('refuses outside opening hours with when it opens again', () => {
    f.clock.set('2026-11-23T05:00:00Z'); // Monday 12:00, lunch
    try {
      issue(f.services.a);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('closed');
      expect((e as DomainError).message).toContain('13:30');
    }
    f.clock.set('2026-11-22T02:00:00Z'); // Sunday
    expect(errorCode(() => issue(f.services.a))).toBe('409 closed');
  });

  it('refuses an inactive field and an unknown one', () => {
    const s = f.config.service(f.services.a);
    f.config.saveService({ ...s, active: false }, s.id);
    expect(errorCode(() => issue(s.id))).toBe('409 service_inactive');
    expect(errorCode(() => issue(999))).toBe('404 service_not_found');
  });

  it('gives each ticket an unguessable public code', () => {
    const codes = new Set(Array.from({ length: 50 }, () => issue(f.services.a).publicCode));
    expect(codes.size).toBe(50);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-9]{12}$/);
  });
});

describe('calling order', () => {
  it('calls the oldest waiting ticket among the fields a counter serves', () => {
    const b1 = issue(f.services.b);
    const a1 = issue(f.services.a);
    expect(f.queue.callNext(f.counters.c1, f.officer)?.id).toBe(b1.id);
    expect(f.queue.callNext(f.counters.c1, f.officer)?.id).toBe(a1.id);
    expect(f.queue.callNext(f.counters.c1, f.officer)).toBeNull();
  });

  it('only calls fields the counter serves', () => {
    issue(f.services.a);
    expect(f.queue.callNext(f.counters.c2, f.officer)).toBeNull();
  });

  it('serves by field preference when the office chooses it', () => {
    f.config.saveOffice({ ...f.config.office(), callOrder: 'preference' });
    const b1 = issue(f.services.b);
    const a1 = issue(f.services.a);
    expect(f.queue.callNext(f.counters.c1, f.officer)?.id).toBe(a1.id);
    expect(f.queue.callNext(f.counters.c1, f.officer)?.id).toBe(b1.id);
  });

  it('calls priority tickets first but never more than the limit in a row', () => {
    const normals = [issue(f.services.a), issue(f.services.a)];
    const prios = [1, 2, 3, 4, 5].map(() => issue(f.services.a, f.priorityId));
    const order = Array.from({ length: 7 }, () => f.queue.callNext(f.counters.c1, f.officer)?.number);
    expect(order).toEqual([
      prios[0]?.number,
      prios[1]?.number,
      prios[2]?.number,
      normals[0]?.number,
      prios[3]?.number,
      prios[4]?.number,
      normals[1]?.number,
    ]);
  });

  it('keeps calling priority tickets when no normal ticket waits', () => {
    const prios = [1, 2, 3, 4].map(() => issue(f.services.a, f.priorityId));
    const order = prios.map(() => f.queue.callNext(f.counters.c1, f.officer)?.id);
    expect(order).toEqual(prios.map((p) => p.id));
  });

  it('honours a configurable streak limit', () => {
    f.config.saveOffice({ ...f.config.office(), priorityStreakLimit: 1 });
    const n1 = issue(f.services.a);
    const p1 = issue(f.services.a, f.priorityId);
    const p2 = issue(f.services.a, f.priorityId);
    const order = [1, 2, 3].map(() => f.queue.callNext(f.counters.c1, f.officer)?.id);
    expect(order).toEqual([p1.id, n1.id, p2.id]);
  });

  it('counts people ahead with priority tickets first', () => {
    issue(f.services.a);
    issue(f.services.a);
    const p = f.queue.issueTicket({ serviceId: f.services.a, priorityId: f.priorityId });
    expect(p.waitingAhead).toBe(0);
    const n = f.queue.issueTicket({ serviceId: f.services.a });
    expect(n.waitingAhead).toBe(3);
  });
});

describe('people ahead stays exact through every kind of change', () => {
  it('matches a fresh count after random issues, calls, skips, returns, transfers, cancels and failures', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const ids: number[] = [];
    for (let step = 0; step < 300; step++) {
      const op = rand(8);
      try {
        if (op <= 2) {
          const r = f.queue.issueTicket({ serviceId: rand(2) ? f.services.a : f.services.b, priorityId: rand(4) ? null : f.priorityId });
          ids.push(r.ticket.id);
          // The cached figure given at issue equals a count straight from the database.
          expect(r.waitingAhead).toBe(f.queue.stats.waitingAhead(r.ticket));
        } else if (op === 3) f.queue.callNext(rand(2) ? f.counters.c1 : f.counters.c2, f.officer);
        else if (op === 4) f.queue.skip(rand(2) ? f.counters.c1 : f.counters.c2, f.officer);
        else if (op === 5) f.queue.returnTicket(ids[rand(ids.length)] ?? 0, f.officer, f.counters.c1);
        else if (op === 6) f.queue.transfer(f.counters.c1, f.officer, { serviceId: rand(2) ? f.services.a : f.services.b }, ids[rand(ids.length)]);
        else f.queue.cancel(ids[rand(ids.length)] ?? 0, f.officer, f.counters.c1);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e; // refused moves are part of the test
      }
      // The live per-field waiting figures equal a count straight from the database.
      const day = f.queue.serviceDay();
      for (const st of f.queue.stats.forDay(day, f.clock.now())) {
        const direct = f.db
          .prepare("SELECT COUNT(*) FROM tickets WHERE status = 'waiting' AND service_day = ? AND service_id = ?")
          .pluck()
          .get(day, st.serviceId);
        expect(st.waiting, `step ${step}`).toBe(direct);
      }
      f.clock.advance(1000);
    }
  });
});

describe('counter actions', () => {
  it('calling next finishes the ticket being served, with timestamps and officer', () => {
    const t1 = issue(f.services.a);
    issue(f.services.a);
    f.queue.callNext(f.counters.c1, f.officer);
    f.clock.advanceMinutes(1);
    f.queue.start(f.counters.c1, f.officer);
    f.clock.advanceMinutes(4);
    f.queue.callNext(f.counters.c1, f.officer);
    const done = f.queue.tickets.byId(t1.id);
    expect(done?.status).toBe('done');
    expect(Date.parse(done?.finishedAt ?? '') - Date.parse(done?.startedAt ?? '')).toBe(4 * 60_000);
    expect(done?.officerId).toBe(f.officer.id);
    const actions = f.db
      .prepare('SELECT action, counter_id AS c, officer_id AS o FROM ticket_events WHERE ticket_id = ? ORDER BY id')
      .all(t1.id);
    expect(actions).toEqual([
      { action: 'issue', c: null, o: null },
      { action: 'call', c: f.counters.c1, o: f.officer.id },
      { action: 'start', c: f.counters.c1, o: f.officer.id },
      { action: 'finish', c: f.counters.c1, o: f.officer.id },
    ]);
  });

  it('a counter holds at most one active ticket', () => {
    issue(f.services.a);
    issue(f.services.a);
    f.queue.callNext(f.counters.c1, f.officer);
    f.queue.callNext(f.counters.c1, f.officer);
    const active = f.db
      .prepare("SELECT COUNT(*) FROM tickets WHERE counter_id = ? AND status IN ('called','serving')")
      .pluck()
      .get(f.counters.c1);
    expect(active).toBe(1);
  });

  it('rejects a call-next based on a stale view (double press)', () => {
    issue(f.services.a);
    issue(f.services.a);
    const first = f.queue.callNext(f.counters.c1, f.officer, null);
    expect(first?.number).toBe('A001');
    // The second press still believes nothing was being served.
    expect(errorCode(() => f.queue.callNext(f.counters.c1, f.officer, null))).toBe('409 stale_state');
    expect(f.queue.callNext(f.counters.c1, f.officer, first?.id)?.number).toBe('A002');
  });

  it('recall logs another call and keeps the status', () => {
    issue(f.services.a);
    f.queue.callNext(f.counters.c1, f.officer);
    const r = f.queue.recall(f.counters.c1, f.officer);
    expect(r.status).toBe('called');
    expect(r.callCount).toBe(2);
    const log = f.db.prepare('SELECT kind FROM call_log ORDER BY id').pluck().all();
    expect(log).toEqual(['call', 'recall']);
    expect(f.events.filter((e) => e.type === 'ticketCalled')).toHaveLength(2);
  });

  it('skip marks no-show; return puts it back at its place; calling its number works too', () => {
    const t1 = issue(f.services.a);
    const t2 = issue(f.services.a);
    f.queue.callNext(f.counters.c1, f.officer);
    expect(f.queue.skip(f.counters.c1, f.officer).status).toBe('no_show');
    f.queue.returnTicket(t1.id, f.officer, f.counters.c1);
    expect(f.queue.callNext(f.counters.c1, f.officer)?.id).toBe(t1.id);
    f.queue.skip(f.counters.c1, f.officer);
    expect(f.queue.callNumber(f.counters.c1, f.officer, 'a001').id).toBe(t1.id);
    expect(f.queue.callNext(f.counters.c1, f.officer)?.id).toBe(t2.id);
  });

  it('calls a specific waiting number out of order', () => {
    issue(f.services.a);
    const t2 = issue(f.services.a);
    expect(f.queue.callNumber(f.counters.c1, f.officer, 'A002').id).toBe(t2.id);
    expect(errorCode(() => f.queue.callNumber(f.counters.c1, f.officer, 'A999'))).toBe('404 ticket_not_found');
  });

  it('transfers the same ticket to another field, keeping its place by issue time', () => {
    const old = issue(f.services.a);
    const b1 = issue(f.services.b);
    f.queue.callNext(f.counters.c1, f.officer); // calls A001 (older)
    const moved = f.queue.transfer(f.counters.c1, f.officer, { serviceId: f.services.b });
    expect(moved.id).toBe(old.id);
    expect(moved.number).toBe('A001');
    expect(moved.status).toBe('waiting');
    // Counter 2 serves only B: it gets the transferred ticket first (it was issued before B's).
    expect(f.queue.callNext(f.counters.c2, f.officer)?.id).toBe(old.id);
    expect(f.queue.callNext(f.counters.c2, f.officer)?.id).toBe(b1.id);
  });

  it('numbering of the target field is unaffected by a transferred ticket', () => {
    const a1 = issue(f.services.a);
    const s = f.config.service(f.services.b);
    f.config.saveService({ ...s, prefix: 'B', firstNumber: 1, digits: 3 }, s.id);
    f.queue.transfer(f.counters.c1, f.officer, { serviceId: f.services.b }, a1.id);
    // B's own sequence also starts at 1: no clash with the transferred A001.
    expect(issue(f.services.b).number).toBe('B001');
    expect(issue(f.services.a).number).toBe('A002');
    const moved = f.queue.transfer(f.counters.c1, f.officer, { serviceId: f.services.a }, a1.id);
    expect(moved.serviceId).toBe(f.services.a);
  });

  it('transfers to a specific counter: only that counter calls it', () => {
    const t = issue(f.services.b);
    f.queue.callNext(f.counters.c2, f.officer);
    f.queue.transfer(f.counters.c2, f.officer, { counterId: f.counters.c1 });
    expect(f.queue.callNext(f.counters.c2, f.officer)).toBeNull();
    expect(f.queue.callNext(f.counters.c1, f.officer)?.id).toBe(t.id);
  });

  it('a paused counter cannot call; resumed it can', () => {
    issue(f.services.a);
    f.queue.setPaused(f.counters.c1, f.officer, true);
    expect(errorCode(() => f.queue.callNext(f.counters.c1, f.officer))).toBe('409 counter_paused');
    f.queue.setPaused(f.counters.c1, f.officer, false);
    expect(f.queue.callNext(f.counters.c1, f.officer)?.number).toBe('A001');
  });

  it('an officer bound to counters cannot act elsewhere; an admin can cover any counter', () => {
    issue(f.services.b);
    const bound = { ...f.officer, counterIds: [f.counters.c1] };
    expect(errorCode(() => f.queue.callNext(f.counters.c2, bound))).toBe('403 not_your_counter');
    expect(f.queue.callNext(f.counters.c2, { ...f.admin, counterIds: [f.counters.c1] })?.number).toBe('1001');
  });

  it('illegal transitions are 409 and change nothing', () => {
    const t = issue(f.services.a);
    expect(errorCode(() => f.queue.start(f.counters.c1, f.officer))).toBe('409 no_active_ticket');
    f.queue.callNext(f.counters.c1, f.officer);
    f.queue.finish(f.counters.c1, f.officer);
    expect(errorCode(() => f.queue.returnTicket(t.id, f.officer, f.counters.c1))).toBe('409 illegal_transition');
    expect(errorCode(() => f.queue.cancel(t.id, f.officer, f.counters.c1))).toBe('409 illegal_transition');
    expect(f.queue.tickets.byId(t.id)?.status).toBe('done');
  });

  it('cancel removes a waiting ticket from the queue but keeps it on record', () => {
    const t = issue(f.services.a);
    f.queue.cancel(t.id, f.officer, f.counters.c1);
    expect(f.queue.callNext(f.counters.c1, f.officer)).toBeNull();
    expect(f.queue.tickets.byId(t.id)?.status).toBe('cancelled');
  });
});

describe('day rollover', () => {
  it('expires unserved tickets of past days, closes the called one, and keeps every row', () => {
    const w = issue(f.services.a);
    const c = issue(f.services.a);
    const n = issue(f.services.a);
    const d = issue(f.services.a);
    f.queue.callNext(f.counters.c1, f.officer); // w called
    f.queue.skip(f.counters.c1, f.officer); // w no-show
    f.queue.callNext(f.counters.c1, f.officer); // c called
    f.queue.finish(f.counters.c1, f.officer); // c done
    f.queue.callNext(f.counters.c1, f.officer); // n called
    f.clock.set('2026-11-24T01:00:00Z'); // Tuesday 08:00
    expect(f.queue.rolloverIfNeeded()).toBe(3);
    expect(f.queue.tickets.byId(w.id)?.status).toBe('expired');
    expect(f.queue.tickets.byId(c.id)?.status).toBe('done');
    expect(f.queue.tickets.byId(n.id)).toMatchObject({ status: 'done', closedByRollover: 1 });
    expect(f.queue.tickets.byId(d.id)?.status).toBe('expired');
    expect(f.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(4);
    expect(f.queue.rolloverIfNeeded()).toBe(0);
    // Yesterday's tickets are not called today.
    expect(f.queue.callNext(f.counters.c1, f.officer)).toBeNull();
  });
});

describe('estimated wait', () => {
  it('uses the mean service time of recent tickets and the counters open for the field', () => {
    for (let i = 0; i < 4; i++) issue(f.services.b);
    for (const minutes of [4, 8]) {
      f.queue.callNext(f.counters.c2, f.officer);
      f.queue.start(f.counters.c2, f.officer);
      f.clock.advanceMinutes(minutes);
      f.queue.finish(f.counters.c2, f.officer);
    }
    // Mean 6 min, 2 waiting, 2 counters open for B (c1 and c2) → 6 min.
    const stats = f.queue.stats.forDay(f.queue.serviceDay(), f.clock.now());
    const b = stats.find((s) => s.serviceId === f.services.b);
    expect(b).toMatchObject({ waiting: 2, estimatedWaitMinutes: 6, openCounters: 2, issuedToday: 4 });
    f.queue.setPaused(f.counters.c1, f.officer, true);
    const paused = f.queue.stats.forDay(f.queue.serviceDay(), f.clock.now()).find((s) => s.serviceId === f.services.b);
    expect(paused?.estimatedWaitMinutes).toBe(12);
    f.queue.setPaused(f.counters.c2, f.officer, true);
    const none = f.queue.stats.forDay(f.queue.serviceDay(), f.clock.now()).find((s) => s.serviceId === f.services.b);
    expect(none?.estimatedWaitMinutes).toBeNull();
  });

  it('falls back to the office default before any ticket is served', () => {
    issue(f.services.a);
    issue(f.services.a);
    const a = f.queue.stats.forDay(f.queue.serviceDay(), f.clock.now()).find((s) => s.serviceId === f.services.a);
    // 2 waiting × 5 min default ÷ 1 counter.
    expect(a?.estimatedWaitMinutes).toBe(10);
    expect(a?.longestWaitSeconds).toBe(2);
  });
});
