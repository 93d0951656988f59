/**
 * A rating button box on a serial port: reads presses and heartbeats (protocol.ts), drops
 * bad lines (counted, never fatal), counts a bouncing contact's repeated press once, tells
 * which boxes are alive from their heartbeats, and answers each press with A or N. The port
 * is reopened while the box is unplugged. Serial plumbing comes from the card reader driver.
 */
import { LineFramer } from '../card-reader/line-framer';
import { closePort, openSerialPort, type OpenPort, type SerialLike } from '../card-reader/serial';
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
  private readonly openPort: OpenPort;
  private readonly framer = new LineFramer(MAX_LINE_BYTES);
  private readonly now: () => number;
  private readonly heartbeatMs: number;
  private readonly debounceMs: number;
  private readonly lastPress = new Map<string, number>();
  private readonly boxes = new Map<string, { lastSeen: number; online: boolean }>();
  private readonly listeners = new Set<(e: BoxEvent) => void>();
  private handler: PressHandler = () => false;
  private running = false;
  private loop: Promise<void> | null = null;
  private port: SerialLike | null = null;
  private connected = false;
  private lastError: string | null = null;
  private wake: (() => void) | null = null;
  private watch: NodeJS.Timeout | null = null;
  private counts = { presses: 0, debounced: 0, rejected: 0 };

  constructor(private readonly options: ButtonBoxOptions) {
    this.openPort = options.openPort ?? openSerialPort;
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
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    this.watch = setInterval(() => this.checkBoxes(), this.heartbeatMs);
    this.watch.unref();
  }

  async close(): Promise<void> {
    this.running = false;
    if (this.watch) clearInterval(this.watch);
    const port = this.port;
    if (port) await closePort(port);
    this.wake?.();
    await this.loop;
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
      connected: this.connected,
      lastError: this.lastError,
      boxes: [...this.boxes].map(([id, b]) => ({ id, online: b.online, lastSeenAt: new Date(b.lastSeen).toISOString() })),
      counts: { ...this.counts },
    };
  }

  /** Bytes from the box (the port's data handler; tests may call it directly). */
  receive(chunk: Buffer): void {
    for (const event of this.framer.push(chunk)) {
      if (event.type === 'reject') this.reject('line-too-long');
      else this.line(event.bytes);
    }
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
    const port = this.port;
    if (!port?.isOpen) return;
    try {
      port.write(Buffer.from(replyLine(accepted, counter, level), 'latin1'));
    } catch {
      // The box went away; the reopen loop handles it.
    }
  }

  private async run(): Promise<void> {
    let reportedDown = false;
    while (this.running) {
      try {
        const port = await this.openPort(this.options.path, this.options.baudRate ?? 9600);
        this.port = port;
        this.connected = true;
        this.lastError = null;
        reportedDown = false;
        this.emit({ type: 'connected' });
        await this.session(port);
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
      }
      this.port = null;
      this.framer.reset();
      if (this.running && (this.connected || !reportedDown)) {
        reportedDown = true;
        this.emit({ type: 'disconnected', reason: this.lastError ?? 'closed' });
      }
      this.connected = false;
      if (this.running) await this.pause(this.options.reopenDelayMs ?? 1000);
    }
  }

  private session(port: SerialLike): Promise<void> {
    return new Promise((resolve) => {
      const onData = (chunk: Buffer): void => this.receive(chunk);
      port.on('data', onData);
      port.on('error', (error) => {
        this.lastError = error.message;
        void closePort(port);
      });
      port.on('close', () => {
        port.off('data', onData);
        resolve();
      });
      if (!port.isOpen) resolve();
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
