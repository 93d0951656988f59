import type { Clock } from '../domain/clock';

/** How one kind of key (a username, a client address) is throttled. */
export interface FailureLimits {
  /** Failures allowed before any wait. */
  freeFailures: number;
  /** Wait after the first failure past the free ones; it doubles with each further failure. */
  baseDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
  /** A key is forgotten this long after its last failure. */
  forgetAfterMs: number;
  /** At most this many keys are remembered; the longest-quiet ones are dropped first. */
  maxKeys: number;
}

interface Entry {
  failures: number;
  lastFailureMs: number;
}

/** Failed attempts per key, with an exponentially growing wait once the free ones are used. */
export class FailureCounter {
  /** In order of last failure, oldest first (an entry is re-inserted on each failure). */
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limits: FailureLimits) {}

  /** The wait after `failures` failures: 0 while within the free ones, then base, 2×base, 4×base… up to the cap. */
  delayAfter(failures: number): number {
    const extra = failures - this.limits.freeFailures;
    if (extra < 0) return 0;
    // 2^30 already exceeds any sensible cap; capping the exponent avoids Infinity.
    return Math.min(this.limits.maxDelayMs, this.limits.baseDelayMs * 2 ** Math.min(extra, 30));
  }

  /** Milliseconds until `key` may try again (0 = now). */
  waitMs(key: string, nowMs: number): number {
    const e = this.live(key, nowMs);
    if (!e) return 0;
    return Math.max(0, e.lastFailureMs + this.delayAfter(e.failures) - nowMs);
  }

  fail(key: string, nowMs: number): void {
    const failures = (this.live(key, nowMs)?.failures ?? 0) + 1;
    this.entries.delete(key);
    this.entries.set(key, { failures, lastFailureMs: nowMs });
    this.bound(nowMs);
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private live(key: string, nowMs: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && nowMs - e.lastFailureMs >= this.limits.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Drops forgotten keys, then the longest-quiet ones while over the limit. */
  private bound(nowMs: number): void {
    for (const [key, e] of this.entries) {
      if (this.entries.size <= this.limits.maxKeys && nowMs - e.lastFailureMs < this.limits.forgetAfterMs) break;
      this.entries.delete(key);
    }
  }
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * Per client address: after 5 failures 1 s, 2 s, 4 s … up to 5 minutes. A guesser on one
 * machine is slowed to a few guesses an hour.
 */
export const CLIENT_LIMITS: FailureLimits = {
  freeFailures: 5,
  baseDelayMs: SECOND,
  maxDelayMs: 5 * MINUTE,
  forgetAfterMs: 15 * MINUTE,
  maxKeys: 10_000,
};

/**
 * Per username: the same, capped at 1 minute, so guessing one account from many machines
 * is slowed while its real owner, at another machine, waits at most a minute.
 */
export const USERNAME_LIMITS: FailureLimits = { ...CLIENT_LIMITS, maxDelayMs: MINUTE };

/**
 * Login throttling per username and per client address. Each attempt counts as a failure
 * when it starts (so parallel guesses cannot slip past the wait) and a success clears both
 * counters.
 */
export class LoginThrottle {
  private readonly byUsername: FailureCounter;
  private readonly byClient: FailureCounter;

  constructor(
    private readonly clock: Clock,
    limits: { username: FailureLimits; client: FailureLimits } = { username: USERNAME_LIMITS, client: CLIENT_LIMITS },
  ) {
    this.byUsername = new FailureCounter(limits.username);
    this.byClient = new FailureCounter(limits.client);
  }

  /**
   * Starts an attempt: returns the seconds to wait (rounded up) when it must wait, without
   * counting it; otherwise counts it as a failure until `succeeded` says otherwise, and returns 0.
   */
  begin(username: string, client: string): number {
    const now = this.clock.now().getTime();
    const user = usernameKey(username);
    const wait = Math.max(this.byUsername.waitMs(user, now), this.byClient.waitMs(client, now));
    if (wait > 0) return Math.ceil(wait / SECOND);
    this.byUsername.fail(user, now);
    this.byClient.fail(client, now);
    return 0;
  }

  succeeded(username: string, client: string): void {
    this.byUsername.reset(usernameKey(username));
    this.byClient.reset(client);
  }

  /** Keys remembered, for tests of the memory bound. */
  get size(): { usernames: number; clients: number } {
    return { usernames: this.byUsername.size, clients: this.byClient.size };
  }
}

/** Usernames are compared without case in the database (COLLATE NOCASE), so here too. */
const usernameKey = (username: string) => username.trim().toLowerCase();
