import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { QueueSnapshot } from '../shared/contract';
import type { LiveQueue } from '../shared/web/live';
import { keepConnected } from '../shared/web/keepConnected';

/** How long the socket may be down before the kiosk says the server is unreachable. */
export const OFFLINE_AFTER_MS = 8_000;
/** Opening hours start and end without any server event, so the kiosk asks again this often. */
const REFRESH_MS = 30_000;

export interface KioskLive {
  connected: boolean;
  snapshot: QueueSnapshot | null;
  /** Disconnected (or never connected) for longer than OFFLINE_AFTER_MS. */
  offline: boolean;
  /** Ask the server for a fresh snapshot now (e.g. after a 409 'closed'). */
  refresh: () => void;
}

/**
 * The live queue for the kiosk: LiveQueue's snapshot and events, plus a periodic
 * `snapshot:get` whose office info (openNow, closedMessage) wins when it is newer.
 */
export function useLive(live: LiveQueue): KioskLive {
  const [state, setState] = useState(live.current);
  const [polled, setPolled] = useState<QueueSnapshot | null>(null);
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    const off = live.subscribe(setState);
    // A kiosk must always come back, also when the server ended the session on purpose.
    const stop = keepConnected(live);
    return () => {
      off();
      stop();
    };
  }, [live]);

  const refresh = useCallback(() => {
    if (!live.socket.connected) return;
    live.socket.timeout(5_000).emit('snapshot:get', (err, snap) => {
      if (!err && snap) setPolled(snap);
    });
  }, [live]);

  useEffect(() => {
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  useEffect(() => {
    if (state.connected) {
      setOffline(false);
      return;
    }
    const timer = setTimeout(() => setOffline(true), OFFLINE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [state.connected]);

  let snapshot = state.snapshot;
  if (snapshot && polled && polled.generatedAt > snapshot.generatedAt) {
    snapshot = { ...snapshot, office: polled.office };
  }
  return { connected: state.connected, snapshot, offline, refresh };
}

/** The current time, re-rendered every `everyMs`. */
export function useNow(everyMs = 1_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Calls `onIdle` after `ms` without any touch, click or key anywhere on the page. Returns a
 * function that counts as activity too (e.g. a card laid on the reader).
 */
export function useIdle(ms: number, onIdle: () => void): () => void {
  const cb = useRef(onIdle);
  cb.current = onIdle;
  const pokeRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    let timer = setTimeout(() => cb.current(), ms);
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(() => cb.current(), ms);
    };
    pokeRef.current = poke;
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, poke, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      pokeRef.current = () => undefined;
      for (const e of events) window.removeEventListener(e, poke, { capture: true });
    };
  }, [ms]);
  return useCallback(() => pokeRef.current(), []);
}

/** Seconds left of a countdown that calls `onEnd` once when it reaches zero. */
export function useCountdown(seconds: number, onEnd: () => void): number {
  const [left, setLeft] = useState(seconds);
  const cb = useRef(onEnd);
  cb.current = onEnd;
  useEffect(() => {
    const end = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const s = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) {
        clearInterval(timer);
        cb.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [seconds]);
  return left;
}
