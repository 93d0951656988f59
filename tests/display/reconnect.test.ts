import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveQueue, RECONNECT } from '../../shared/web/live';
import { keepConnected, retryDelay } from '../../shared/web/keepConnected';

/** Screens must be live again within 3 s of the server being back: no wait may exceed 1 s. */
const MAX_WAIT_MS = 1000;

/** The part of a socket.io socket keepConnected uses; `connect()` only counts the attempts. */
class FakeSocket {
  connected = false;
  active = false;
  attempts = 0;
  private readonly handlers = new Map<string, ((arg?: string) => void)[]>();
  on(event: string, fn: (arg?: string) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  off(event: string, fn: (arg?: string) => void) {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((f) => f !== fn));
    return this;
  }
  emit(event: string, arg?: string) {
    for (const fn of this.handlers.get(event) ?? []) fn(arg);
  }
  connect() {
    this.attempts++;
    return this;
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('reconnect timing', () => {
  it('keepConnected retries within a second every time, however many attempts failed before', async () => {
    vi.useFakeTimers();
    const socket = new FakeSocket();
    const stop = keepConnected({ socket } as unknown as LiveQueue, { beforeRetry: () => Promise.resolve(true) });
    // The server closed the socket on purpose (shutting down), then refuses it many times.
    socket.emit('disconnect', 'io server disconnect');
    for (let attempt = 1; attempt <= 12; attempt++) {
      await vi.advanceTimersByTimeAsync(MAX_WAIT_MS);
      expect(socket.attempts).toBe(attempt);
      socket.emit('connect_error');
    }
    stop();
  });

  it('its waits grow from a few hundred milliseconds and never exceed one second', () => {
    expect(retryDelay(0, () => 0.5)).toBeLessThan(500);
    for (let attempt = 0; attempt <= 20; attempt++) {
      for (const r of [0, 0.5, 0.999]) expect(retryDelay(attempt, () => r)).toBeLessThanOrEqual(MAX_WAIT_MS);
    }
  });

  it("socket.io's own back-off is capped the same way; office screens give up a hanging attempt within 2 s", () => {
    const phone = new LiveQueue('/public', { url: 'http://127.0.0.1:9' });
    const tv = new LiveQueue('/public', { url: 'http://127.0.0.1:9', connectTimeoutMs: RECONNECT.lanConnectTimeoutMs });
    try {
      for (const live of [phone, tv]) {
        expect(live.socket.io.reconnectionDelayMax()).toBeLessThanOrEqual(MAX_WAIT_MS);
        expect(live.socket.io.reconnectionAttempts()).toBe(Infinity);
      }
      expect(tv.socket.io.timeout()).toBeLessThanOrEqual(2000);
    } finally {
      phone.close();
      tv.close();
    }
  });
});
