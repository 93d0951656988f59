/**
 * A rating button box on a serial port: reads presses and heartbeats (protocol.ts), drops
 * bad lines (counted, never fatal), counts a bouncing contact's repeated press once, tells
 * which boxes are alive from their heartbeats, and answers each press with A or N. The port
 * is reopened while the box is unplugged. Serial plumbing comes from the card reader driver.
 */
import { ReopeningLines } from '../card-reader/reopening-lines';
import type { OpenPort } from '../card-reader/serial';
import { MAX_LINE_BYTES, parseBoxLine, replyLine, type RejectReason } from './protocol';

export interface ButtonBoxOptions {
  path: string;
  baudRate?: number;
  openPort?: OpenPort;
  /** The boxes' heartbeat period; a box is offline after 3 periods without one. */
  heartbeatMs?: number;
  /** The same counter and level again within this time is one press. */
  debounceMs?: number;
  reopenDelayMs?: number;
  now?: () => number;
}

/** A press that passed the checks; resolve true when recorded (the box is answered A), else false (N). */
export type PressHandler = (press: { counter: number; level: number }) => boolean | Promise<boolean>;

export type BoxEvent =
  | { type: 'connected' }
  | { type: 'disconnected'; reason: string }
  | { type: 'rejected'; reason: RejectReason }
  | { type: 'debounced'; counter: number; level: number }
  | { type: 'box-online'; box: string }
  | { type: 'box-offline'; box: string };

export interface ButtonBoxState {
  path: string;
  connected: boolean;
  lastError: string | null;
  boxes: { id: string; online: boolean; lastSeenAt: string }[];
  counts: { presses: number; debounced: number; rejected: number };
}

export class ButtonBox {
  private readonly lines: ReopeningLines;
  private readonly now: () => number;
  private readonly heartbeatMs: number;
  private readonly debounceMs: number;
  private readonly lastPress = new Map<string, number>();
  private readonly boxes = new Map<string, { lastSeen: number; online: boolean }>();
  private readonly listeners = new Set<(e: BoxEvent) => void>();
  private handler: PressHandler = () => false;
  private watch: NodeJS.Timeout | null = null;
  private counts = { presses: 0, debounced: 0, rejected: 0 };

  constructor(private readonly options: ButtonBoxOptions) {
    this.lines = new ReopeningLines({
      path: options.path,
      baudRate: options.baudRate ?? 9600,
      openPort: options.openPort,
      reopenDelayMs: options.reopenDelayMs,
      maxLineBytes: MAX_LINE_BYTES,
      onLine: (bytes) => this.line(bytes),
      onTooLong: () => this.reject('line-too-long'),
      onConnected: () => this.emit({ type: 'connected' }),
      onDisconnected: (reason) => this.emit({ type: 'disconnected', reason }),
    });
    this.now = options.now ?? Date.now;
    this.heartbeatMs = options.heartbeatMs ?? 5000;
    this.debounceMs = options.debounceMs ?? 1000;
  }

  onPress(handler: PressHandler): void {
    this.handler = handler;
  }

  on(listener: (e: BoxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.watch) return;
    this.lines.start();
    this.watch = setInterval(() => this.checkBoxes(), this.heartbeatMs);
    this.watch.unref();
  }

  async close(): Promise<void> {
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
    await this.lines.close();
  }

  /** Boxes whose last heartbeat is older than 3 periods are offline. */
  checkBoxes(): void {
    const t = this.now();
    for (const [id, b] of this.boxes) {
      const online = t - b.lastSeen <= 3 * this.heartbeatMs;
      if (online !== b.online) {
        b.online = online;
        this.emit(online ? { type: 'box-online', box: id } : { type: 'box-offline', box: id });
      }
    }
  }

  state(): ButtonBoxState {
    this.checkBoxes();
    return {
      path: this.options.path,
      connected: this.lines.connected,
      lastError: this.lines.lastError,
      boxes: [...this.boxes].map(([id, b]) => ({ id, online: b.online, lastSeenAt: new Date(b.lastSeen).toISOString() })),
      counts: { ...this.counts },
    };
  }

  /** Bytes from the box (the port's data handler; tests may call it directly). */
  receive(chunk: Buffer): void {
    this.lines.receive(chunk);
  }

  private emit(e: BoxEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's failure never stops the box.
      }
    }
  }

  private reject(reason: RejectReason): void {
    this.counts.rejected++;
    this.emit({ type: 'rejected', reason });
  }

  private line(bytes: Buffer): void {
    const parsed = parseBoxLine(bytes);
    if (!parsed.ok) return this.reject(parsed.reason);
    const t = this.now();
    const f = parsed.frame;
    if (f.type === 'heartbeat') {
      const known = this.boxes.get(f.box);
      this.boxes.set(f.box, { lastSeen: t, online: known?.online ?? false });
      this.checkBoxes();
      return;
    }
    const key = `${f.counter}:${f.level}`;
    const last = this.lastPress.get(key);
    this.lastPress.set(key, t);
    if (last !== undefined && t - last < this.debounceMs) {
      this.counts.debounced++;
      this.emit({ type: 'debounced', counter: f.counter, level: f.level });
      return;
    }
    if (this.lastPress.size > 5000) this.forgetOldPresses(t);
    this.counts.presses++;
    void Promise.resolve()
      .then(() => this.handler({ counter: f.counter, level: f.level }))
      .catch(() => false)
      .then((ok) => this.reply(ok, f.counter, f.level));
  }

  private forgetOldPresses(t: number): void {
    for (const [k, at] of this.lastPress) if (t - at >= this.debounceMs) this.lastPress.delete(k);
  }

  private reply(accepted: boolean, counter: number, level: number): void {
    this.lines.write(Buffer.from(replyLine(accepted, counter, level), 'latin1'));
  }
}
