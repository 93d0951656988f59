/**
 * A 2D scanner in serial (USB-COM) mode reading the card's QR code: lines ended by CR
 * and/or LF, UTF-8. Each good line is a card read with the QR identity (and the parsed QR,
 * for a chip reader at the same place that needs its BAC key); a bad one is rejected with
 * its reason and counted. The port is reopened while the scanner is unplugged.
 */
import { ReaderListeners } from './listeners';
import { LineFramer } from './line-framer';
import { identityFromQr } from './identity';
import { parseCardQr, type CardQr } from './qr';
import { closePort, openSerialPort, type OpenPort, type SerialLike } from './serial';
import type { CardReader, CardReaderConfig, CardReaderEvent, CardReaderListener, CardReaderStatus } from './types';

export interface QrLineReaderOptions {
  config: CardReaderConfig;
  openPort?: OpenPort;
  reopenDelayMs?: number;
}

export type QrScanListener = (qr: CardQr) => void;

export class QrLineCardReader implements CardReader {
  readonly key: string;
  readonly protocol = 'qr-line' as const;
  private readonly listeners = new ReaderListeners();
  private readonly scanListeners = new Set<QrScanListener>();
  private readonly openPort: OpenPort;
  private readonly framer = new LineFramer();
  private running = false;
  private loop: Promise<void> | null = null;
  private port: SerialLike | null = null;
  private connected = false;
  private wake: (() => void) | null = null;
  private lastError: string | null = null;
  private counts = { cardsRead: 0, readFailures: 0, framesRejected: 0 };

  constructor(private readonly options: QrLineReaderOptions) {
    this.key = options.config.key;
    this.openPort = options.openPort ?? openSerialPort;
  }

  on(listener: CardReaderListener): () => void {
    return this.listeners.add(listener);
  }

  /** Every good scan with the whole parsed QR (issue date included, for the BAC key). */
  onScan(listener: QrScanListener): () => void {
    this.scanListeners.add(listener);
    return () => this.scanListeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** A QR scanner needs no key. */
  provideKey(): void {}

  status(): CardReaderStatus {
    return { key: this.key, protocol: this.protocol, connected: this.connected, cardPresent: false, lastError: this.lastError, ...this.counts };
  }

  async close(): Promise<void> {
    this.running = false;
    const port = this.port;
    if (port) await closePort(port);
    this.wake?.();
    await this.loop;
  }

  private emit(event: CardReaderEvent): void {
    this.listeners.emit(event);
  }

  private async run(): Promise<void> {
    let reportedDown = false;
    while (this.running) {
      try {
        const port = await this.openPort(this.options.config.path, this.options.config.baudRate ?? 9600);
        this.port = port;
        this.connected = true;
        this.lastError = null;
        reportedDown = false;
        this.emit({ type: 'reader-connected', reader: this.key, detail: 'QR scanner' });
        await this.session(port);
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
      }
      this.port = null;
      this.framer.reset();
      if (this.running && (this.connected || !reportedDown)) {
        reportedDown = true;
        this.emit({ type: 'reader-disconnected', reader: this.key, reason: this.lastError ?? 'closed' });
      }
      this.connected = false;
      if (this.running) await this.pause(this.options.reopenDelayMs ?? 1000);
    }
  }

  /** Reads lines until the port closes. */
  private session(port: SerialLike): Promise<void> {
    return new Promise((resolve) => {
      const onData = (chunk: Buffer): void => {
        for (const event of this.framer.push(chunk)) {
          if (event.type === 'reject') this.reject(event.reason);
          else this.line(event.bytes);
        }
      };
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

  private line(bytes: Buffer): void {
    const parsed = parseCardQr(bytes);
    if (!parsed.ok) {
      this.reject(parsed.reason);
      return;
    }
    this.counts.cardsRead++;
    for (const listener of [...this.scanListeners]) {
      try {
        listener(parsed.value);
      } catch {
        // As above.
      }
    }
    this.emit({ type: 'card-read', reader: this.key, identity: identityFromQr(parsed.value) });
  }

  private reject(reason: Extract<CardReaderEvent, { type: 'frame-rejected' }>['reason']): void {
    this.counts.framesRejected++;
    this.emit({ type: 'frame-rejected', reader: this.key, reason });
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
