/**
 * The card reads in progress, one per place (a kiosk or a counter): the identity stays in
 * memory only, under an unguessable readId, until the card is removed, another card is
 * read there, or 30 s pass without activity. Nothing here is written anywhere.
 */
import crypto from 'node:crypto';
import type { CardIdentity } from '../../drivers/card-reader';
import type { ChipCheck } from '../../shared/cards';

export const READ_TTL_MS = 30_000;

export interface ReadSession {
  readId: string;
  place: string;
  identity: CardIdentity;
  check: ChipCheck;
  readAt: Date;
}

interface Entry {
  session: ReadSession;
  timer: NodeJS.Timeout;
}

export class ReadSessions {
  private readonly byPlace = new Map<string, Entry>();

  constructor(
    /** Called when a session ends by expiry (not by `end`). */
    private readonly onExpire: (session: ReadSession) => void,
    private readonly ttlMs = READ_TTL_MS,
  ) {}

  /** A new read at a place replaces the one before. */
  open(place: string, identity: CardIdentity, check: ChipCheck, readAt: Date): ReadSession {
    this.end(place);
    const session: ReadSession = { readId: crypto.randomBytes(16).toString('base64url'), place, identity, check, readAt };
    this.byPlace.set(place, { session, timer: this.timer(place) });
    return session;
  }

  current(place: string): ReadSession | undefined {
    return this.byPlace.get(place)?.session;
  }

  /** The session of this readId at this place, its inactivity timer restarted; else undefined. */
  use(place: string, readId: string): ReadSession | undefined {
    const entry = this.byPlace.get(place);
    if (!entry || !sameId(entry.session.readId, readId)) return undefined;
    clearTimeout(entry.timer);
    entry.timer = this.timer(place);
    return entry.session;
  }

  /** Forgets the read at a place; returns whether there was one. */
  end(place: string): boolean {
    const entry = this.byPlace.get(place);
    if (!entry) return false;
    clearTimeout(entry.timer);
    this.byPlace.delete(place);
    return true;
  }

  clear(): void {
    for (const place of [...this.byPlace.keys()]) this.end(place);
  }

  private timer(place: string): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const entry = this.byPlace.get(place);
      if (!entry) return;
      this.byPlace.delete(place);
      this.onExpire(entry.session);
    }, this.ttlMs);
    timer.unref();
    return timer;
  }
}

/** Constant-time comparison of two readIds. */
function sameId(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
