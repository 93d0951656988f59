import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../shared/contract';
import { MISSED_CALL_WINDOW_MS, MissedCallTracker } from '../../display/missedCalls';

const T0 = Date.parse('2026-03-02T02:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const call = (id: number, at: number): CallRecord => ({
  id,
  ticketId: id,
  number: String(1000 + id),
  serviceId: 1,
  counterId: 1,
  counterNumber: 1,
  counterName: 'Quầy 1',
  kind: 'call',
  at: iso(at),
});
/** A snapshot as the server sends it: newest call first. */
const snapshot = (calls: CallRecord[], generatedAt: number) => ({
  lastCalls: [...calls].sort((a, b) => b.id - a.id),
  generatedAt: iso(generatedAt),
});
const ids = (calls: CallRecord[]) => calls.map((c) => c.id);

describe('missed calls after a reconnect', () => {
  it('announces nothing on the first snapshot after page load, even recent calls', () => {
    const tracker = new MissedCallTracker();
    expect(tracker.missedIn(snapshot([call(1, T0), call(2, T0 + 1000)], T0 + 2000))).toEqual([]);
  });

  it('returns the calls newer than the last known one, oldest first, once only', () => {
    const tracker = new MissedCallTracker();
    tracker.missedIn(snapshot([call(1, T0), call(2, T0 + 1000)], T0 + 1000));
    tracker.saw(call(3, T0 + 2000)); // arrived live
    const fresh = snapshot([call(1, T0), call(2, T0 + 1000), call(3, T0 + 2000), call(4, T0 + 3000), call(5, T0 + 4000)], T0 + 5000);
    expect(ids(tracker.missedIn(fresh))).toEqual([4, 5]);
    expect(tracker.missedIn(fresh)).toEqual([]);
  });

  it('after an empty first snapshot, the first calls of the day are missed calls too', () => {
    const tracker = new MissedCallTracker();
    tracker.missedIn(snapshot([], T0));
    expect(ids(tracker.missedIn(snapshot([call(1, T0 + 1000)], T0 + 2000)))).toEqual([1]);
  });

  it('leaves out calls more than two minutes older than the snapshot, by the server clock', () => {
    const tracker = new MissedCallTracker();
    tracker.missedIn(snapshot([call(1, T0)], T0));
    // The TV's own clock plays no part: only the snapshot's time and the calls' times.
    const at = T0 + 10 * 60_000;
    const fresh = snapshot([call(1, T0), call(2, at - MISSED_CALL_WINDOW_MS - 1), call(3, at - MISSED_CALL_WINDOW_MS), call(4, at)], at);
    expect(ids(tracker.missedIn(fresh))).toEqual([3, 4]);
  });

  it('does not return a call again that a later live event or snapshot already covered', () => {
    const tracker = new MissedCallTracker();
    tracker.missedIn(snapshot([call(5, T0)], T0));
    tracker.saw(call(4, T0)); // an older call id never moves the mark back
    expect(ids(tracker.missedIn(snapshot([call(5, T0), call(6, T0 + 1000)], T0 + 1000)))).toEqual([6]);
    tracker.saw(call(7, T0 + 2000));
    expect(ids(tracker.missedIn(snapshot([call(6, T0 + 1000), call(7, T0 + 2000)], T0 + 3000)))).toEqual([]);
  });
});
