/**
 * A 2D scanner in serial (USB-COM) mode reading the card's QR code: lines ended by CR
 * and/or LF, UTF-8. Each good line is a card read with the QR identity (and the parsed QR,
 * for a chip reader at the same place that needs its BAC key); a bad one is rejected with
 * its reason and counted. The port is reopened while the scanner is unplugged.
 */
import { ReaderListeners } from './listeners';
import { identityFromQr } from './identity';
import { parseCardQr, type CardQr } from './qr';
import { ReopeningLines } from './reopening-lines';
import type { OpenPort } from './serial';
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
  private readonly lines: ReopeningLines;
  private counts = { cardsRead: 0, readFailures: 0, framesRejected: 0 };

  constructor(options: QrLineReaderOptions) {
    this.key = options.config.key;
    this.lines = new ReopeningLines({
      path: options.config.path,
      baudRate: options.config.baudRate ?? 9600,
      openPort: options.openPort,
      reopenDelayMs: options.reopenDelayMs,
      onLine: (bytes) => this.line(bytes),
      onTooLong: () => this.reject('line-too-long'),
      onConnected: () => this.emit({ type: 'reader-connected', reader: this.key, detail: 'QR scanner' }),
      onDisconnected: (reason) => this.emit({ type: 'reader-disconnected', reader: this.key, reason }),
    });
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
    this.lines.start();
  }

  /** A QR scanner needs no key. */
  provideKey(): void {}

  status(): CardReaderStatus {
    return {
      key: this.key,
      protocol: this.protocol,
      connected: this.lines.connected,
      cardPresent: false,
      lastError: this.lines.lastError,
      ...this.counts,
    };
  }

  close(): Promise<void> {
    return this.lines.close();
  }

  private emit(event: CardReaderEvent): void {
    this.listeners.emit(event);
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
        // A listener's failure never stops the reader.
      }
    }
    this.emit({ type: 'card-read', reader: this.key, identity: identityFromQr(parsed.value) });
  }

  private reject(reason: Extract<CardReaderEvent, { type: 'frame-rejected' }>['reason']): void {
    this.counts.framesRejected++;
    this.emit({ type: 'frame-rejected', reader: this.key, reason });
  }
}
