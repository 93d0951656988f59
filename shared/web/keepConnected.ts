import { RECONNECT, type LiveQueue } from './live';

export interface KeepConnectedOptions {
  /**
   * Called before retrying a connection the server refused (e.g. the staff namespace
   * without a valid session). Resolve false to stop retrying (the caller shows a login).
   */
  beforeRetry?: () => Promise<boolean>;
}

/** Wait before retry number `attempt` (0 first): doubling from RECONNECT.firstDelayMs, ±50 %, never over RECONNECT.maxDelayMs. */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  return Math.min(RECONNECT.maxDelayMs, RECONNECT.firstDelayMs * 2 ** attempt * (0.5 + random()));
}

/**
 * LiveQueue's socket reconnects by itself after network cuts, but socket.io gives up in two
 * cases: the server closed the socket on purpose ('io server disconnect', e.g. while it shuts
 * down for a restart) and a namespace middleware refused the connection. This keeps retrying
 * those too, with the same capped back-off as socket.io's own (see RECONNECT), so a screen
 * left alone always comes back by itself, within a second or so of the server being back.
 * Returns a function that stops it.
 */
export function keepConnected(live: LiveQueue, opts: KeepConnectedOptions = {}): () => void {
  const socket = live.socket;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;

  const retry = () => {
    if (timer || stopped) return;
    const delay = retryDelay(attempt);
    attempt = Math.min(attempt + 1, 10);
    timer = setTimeout(() => {
      timer = null;
      if (stopped || socket.connected || socket.active) return;
      const check = opts.beforeRetry ? opts.beforeRetry() : Promise.resolve(true);
      void check.then(
        (ok) => {
          if (ok && !stopped && !socket.connected && !socket.active) socket.connect();
        },
        () => retry(),
      );
    }, delay);
  };
  const onConnect = () => {
    attempt = 0;
  };
  const onDisconnect = (reason: string) => {
    if (reason === 'io server disconnect') retry();
  };
  const onConnectError = () => {
    // socket.active is false when the server refused us; the manager no longer retries then.
    if (!socket.active) retry();
  };
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onConnectError);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onConnectError);
  };
}
