/**
 * A serial device that speaks in lines (a QR scanner in USB-COM mode, a rating button box):
 * opens the port, frames the bytes into lines (LineFramer, bounded), and reopens the port
 * after a pause while the device is unplugged. One "disconnected" is reported per outage,
 * however many reopen attempts fail.
 */
import { LineFramer } from './line-framer';
import { closePort, openSerialPort, type OpenPort, type SerialLike } from './serial';

export interface ReopeningLinesOptions {
  path: string;
  baudRate: number;
  openPort?: OpenPort;
  /** The pause before reopening a closed or missing port (default 1 s). */
  reopenDelayMs?: number;
  /** The longest line accepted; longer ones are rejected as 'line-too-long'. */
  maxLineBytes?: number;
  onLine(bytes: Buffer): void;
  onTooLong(): void;
  onConnected(): void;
  onDisconnected(reason: string): void;
}

export class ReopeningLines {
  private readonly openPort: OpenPort;
  private readonly framer: LineFramer;
  private running = false;
  private loop: Promise<void> | null = null;
  private port: SerialLike | null = null;
  private wake: (() => void) | null = null;
  connected = false;
  lastError: string | null = null;

  constructor(private readonly o: ReopeningLinesOptions) {
    this.openPort = o.openPort ?? openSerialPort;
    this.framer = new LineFramer(o.maxLineBytes);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async close(): Promise<void> {
    this.running = false;
    const port = this.port;
    if (port) await closePort(port);
    this.wake?.();
    await this.loop;
  }

  /** Bytes from the device, framed into lines (the port's data handler). */
  receive(chunk: Buffer): void {
    for (const event of this.framer.push(chunk)) {
      if (event.type === 'reject') this.o.onTooLong();
      else this.o.onLine(event.bytes);
    }
  }

  /** Writes to the device when its port is open; false when it is not (or the write failed). */
  write(bytes: Buffer): boolean {
    const port = this.port;
    if (!port?.isOpen) return false;
    try {
      port.write(bytes);
      return true;
    } catch {
      // The device went away; the reopen loop handles it.
      return false;
    }
  }

  private async run(): Promise<void> {
    let reportedDown = false;
    while (this.running) {
      try {
        const port = await this.openPort(this.o.path, this.o.baudRate);
        this.port = port;
        this.connected = true;
        this.lastError = null;
        reportedDown = false;
        this.o.onConnected();
        await this.session(port);
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
      }
      this.port = null;
      this.framer.reset();
      if (this.running && (this.connected || !reportedDown)) {
        reportedDown = true;
        this.o.onDisconnected(this.lastError ?? 'closed');
      }
      this.connected = false;
      if (this.running) await this.pause(this.o.reopenDelayMs ?? 1000);
    }
  }

  /** Reads lines until the port closes. */
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
