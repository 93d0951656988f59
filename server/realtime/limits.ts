import type { Socket } from 'socket.io';
import { log } from '../log';

/** The engine.io connection under a socket.io socket (one per browser tab, shared by its namespaces). */
export type EngineConnection = Socket['conn'];

/** Events a client may send per socket: a burst of this many, then this many per second. */
export const EVENT_BURST = 5;
export const EVENTS_PER_SECOND = 2;
/** Events refused beyond the rate (or while an answer is unsent) before the client is dropped; refilled slowly. */
export const STRIKE_BURST = 20;
export const STRIKES_PER_SECOND = 0.2;
/** Packets of any kind (connects, events, heartbeats…) one connection may send: a burst, then a rate. */
export const PACKET_BURST = 50;
export const PACKETS_PER_SECOND = 10;
/** Bytes queued in the server for one client that it has not read yet, beyond which it is dropped. */
export const MAX_PENDING_BYTES = 2 * 1024 * 1024;
/** A packet costs at least this much to keep, whatever its size. */
const PACKET_OVERHEAD_BYTES = 64;

/** A token bucket: `take()` succeeds while tokens remain; tokens come back at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.at = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The `ws` socket of a WebSocket transport (a private member of engine.io's transport). */
interface RawWebSocket {
  bufferedAmount: number;
  terminate(): void;
}

function rawWebSocket(conn: EngineConnection): RawWebSocket | null {
  const ws = (conn.transport as unknown as { socket?: Partial<RawWebSocket> }).socket;
  return ws && typeof ws.terminate === 'function' && typeof ws.bufferedAmount === 'number' ? (ws as RawWebSocket) : null;
}

// Drops are logged (so that the office's IT can find a misbehaving device), but at most
// about one line a second: a client reconnecting in a loop must not flood the log either.
const logBudget = new TokenBucket(10, 1);
let unlogged = 0;
function logDrop(conn: EngineConnection, reason: string): void {
  if (!logBudget.take()) {
    unlogged++;
    return;
  }
  const more = unlogged > 0 ? ` (+${unlogged} more not logged)` : '';
  const fields = unlogged > 0 ? { client: conn.remoteAddress, reason, notLogged: unlogged } : { client: conn.remoteAddress, reason };
  unlogged = 0;
  log.warn(fields, `realtime: dropped client ${conn.remoteAddress}: ${reason}${more}`);
}

const byteSize = (data: unknown): number =>
  typeof data === 'string' ? data.length : ArrayBuffer.isView(data) ? data.byteLength : data instanceof ArrayBuffer ? data.byteLength : 0;

/**
 * Watches what the server holds for one engine.io connection and not yet handed to the
 * operating system: packets waiting for the transport, plus the WebSocket's own buffer. A
 * client that does not read its socket makes these grow; past `maxBytes()` the connection
 * is dropped at once, without waiting to flush (it would never flush). Also drops a
 * connection that sends packets of any kind (e.g. refused connects) far faster than any app does.
 */
export class ConnectionGuard {
  private queued = 0;
  private dropped = false;
  private readonly incoming = new TokenBucket(PACKET_BURST, PACKETS_PER_SECOND);

  constructor(
    private readonly conn: EngineConnection,
    private readonly maxBytes: () => number = () => MAX_PENDING_BYTES,
  ) {
    conn.on('packetCreate', (packet: { data?: unknown }) => {
      this.queued += byteSize(packet.data) + PACKET_OVERHEAD_BYTES;
      const pending = this.pendingBytes();
      if (pending > this.maxBytes()) this.drop(`not reading, ${pending} bytes unsent`);
    });
    // engine.io hands its whole queue to the transport at once; what it still holds then is
    // in the WebSocket's buffer (counted by pendingBytes) until the kernel takes it.
    conn.on('flush', () => {
      this.queued = 0;
    });
    conn.on('packet', () => {
      if (!this.incoming.take()) this.drop('too many packets');
    });
  }

  /** Bytes queued for this client in the server's memory. */
  pendingBytes(): number {
    return this.queued + (rawWebSocket(this.conn)?.bufferedAmount ?? 0);
  }

  /** Closes the connection now, discarding whatever is queued for it. */
  drop(reason: string): void {
    if (this.dropped) return;
    this.dropped = true;
    logDrop(this.conn, reason);
    const ws = rawWebSocket(this.conn);
    this.conn.close(true);
    ws?.terminate();
  }
}

/**
 * Per-socket limits on what a client sends (every event, known or not): a rate, at most one
 * unsent answer at a time, and a budget of refusals after which the whole connection is dropped.
 */
export class SocketGuard {
  private readonly events = new TokenBucket(EVENT_BURST, EVENTS_PER_SECOND);
  private readonly strikes = new TokenBucket(STRIKE_BURST, STRIKES_PER_SECOND);
  private answered = false;

  constructor(private readonly connection: ConnectionGuard) {}

  /** Whether an incoming event may be handled; a refusal counts as a strike. */
  admit(): boolean {
    if (this.events.take()) return true;
    this.strike();
    return false;
  }

  /**
   * Whether an acknowledgement may be sent now: not while the previous one may still sit
   * unsent in the server (the client is not reading). A refusal counts as a strike.
   */
  mayAnswer(): boolean {
    if (this.answered && this.connection.pendingBytes() > 0) {
      this.strike();
      return false;
    }
    this.answered = false;
    return true;
  }

  /** Records that an acknowledgement was just queued. */
  answeredNow(): void {
    this.answered = true;
  }

  private strike(): void {
    if (!this.strikes.take()) this.connection.drop('too many requests');
  }
}
