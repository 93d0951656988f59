import type { CallRecord, QueueSnapshot } from '../shared/contract';

/** A call the TV learns of only from a snapshot is still announced if it is at most this old. */
export const MISSED_CALL_WINDOW_MS = 2 * 60_000;

/**
 * Remembers the newest call the TV has known (live or from a snapshot) and, on each fresh
 * snapshot, says which calls it missed meanwhile (e.g. while it was reconnecting).
 */
export class MissedCallTracker {
  /** Id of the newest call known; null until the first snapshot after page load. */
  private lastId: number | null = null;

  /** A call that arrived live: it is known, never to be returned as missed. */
  saw(call: Pick<CallRecord, 'id'>): void {
    if (this.lastId !== null && call.id > this.lastId) this.lastId = call.id;
  }

  /**
   * The calls of `snapshot` newer than every call known before it and made at most
   * MISSED_CALL_WINDOW_MS before the snapshot (by the server's clock), oldest first. The
   * first snapshot after page load returns none: a TV switched on does not call out old numbers.
   */
  missedIn(snapshot: Pick<QueueSnapshot, 'lastCalls' | 'generatedAt'>): CallRecord[] {
    const previous = this.lastId;
    const newest = snapshot.lastCalls.reduce((max, c) => Math.max(max, c.id), 0);
    this.lastId = Math.max(previous ?? 0, newest);
    if (previous === null) return [];
    const serverNow = Date.parse(snapshot.generatedAt);
    return snapshot.lastCalls
      .filter((c) => c.id > previous && !(serverNow - Date.parse(c.at) > MISSED_CALL_WINDOW_MS))
      .sort((a, b) => a.id - b.id);
  }
}
