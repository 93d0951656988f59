/**
 * The embedded default reader: the real Pn532CardReader driving a SimulatedPn532 (with a
 * SimulatedChip placed on it) over an in-memory serial link, so `npm start` runs the same
 * framing, BAC, secure messaging and passive authentication as a real reader. Placing a
 * test card also gives the reader the card's BAC key, as its QR code scanned at the same
 * place would.
 */
import { EventEmitter } from 'node:events';
import { bacKeyFromQr } from './bac-key';
import { parseCardQr } from './qr';
import { Pn532CardReader, type Pn532ReaderOptions } from './pn532-reader';
import type { SerialLike } from './serial';
import { SimulatedPn532 } from './simulated-pn532';
import type { SimulatedChip } from './simulated-chip';
import { testCardChip, testCardCsca, testCardQrLine, type TestCard } from './test-cards';
import type { BacKeyInput, CardReader, CardReaderConfig, CardReaderListener, CardReaderStatus } from './types';

/** One end of an in-memory serial link: bytes written reach the device on the next tick, and back. */
class MemorySerialPort extends EventEmitter implements SerialLike {
  isOpen = true;

  constructor(private readonly toDevice: (bytes: Buffer) => void) {
    super();
  }

  write(data: Buffer): boolean {
    const copy = Buffer.from(data);
    setImmediate(() => this.isOpen && this.toDevice(copy));
    return true;
  }

  /** Bytes from the device. */
  deliver(bytes: Buffer): void {
    const copy = Buffer.from(bytes);
    setImmediate(() => this.isOpen && this.emit('data', copy));
  }

  close(callback?: (error?: Error | null) => void): void {
    if (this.isOpen) {
      this.isOpen = false;
      this.emit('close');
    }
    callback?.(null);
  }
}

export interface SimulatedReaderOptions {
  config: CardReaderConfig;
  pollIntervalMs?: number;
  /** PN532 link timing (see Pn532ReaderOptions). */
  link?: Pn532ReaderOptions['link'];
  /** The date used to compute the expiry for the BAC key (today by default). */
  today?: () => { year: number; month: number; day: number };
}

export interface PlaceCardOptions {
  /** Give the reader a key that the chip refuses (as a misread QR would). */
  wrongKey?: boolean;
}

export class SimulatedCardReader implements CardReader {
  readonly key: string;
  readonly protocol = 'simulated' as const;
  private readonly reader: Pn532CardReader;
  private device: SimulatedPn532 | null = null;
  private placed: { card: TestCard; chip: SimulatedChip } | null = null;

  constructor(private readonly options: SimulatedReaderOptions) {
    this.key = options.config.key;
    const readerOptions: Pn532ReaderOptions = {
      config: options.config,
      cscas: [testCardCsca()],
      pollIntervalMs: options.pollIntervalMs ?? 250,
      reopenDelayMs: 500,
      link: options.link,
      openPort: async () => {
        const port: MemorySerialPort = new MemorySerialPort((bytes) => device.receive(bytes));
        const device = new SimulatedPn532((bytes) => port.deliver(bytes), { asleep: true });
        if (this.placed) device.placeCard(this.placed.chip);
        this.device = device;
        return port;
      },
    };
    this.reader = new Pn532CardReader(readerOptions);
  }

  /** The card lying on the reader, if any. */
  get card(): TestCard | null {
    return this.placed?.card ?? null;
  }

  /** The chip model of the card lying on the reader (tests may watch or break it). */
  get chip(): SimulatedChip | null {
    return this.placed?.chip ?? null;
  }

  /** Lays a test card on the reader and gives the reader its key. */
  placeCard(card: TestCard, options: PlaceCardOptions = {}): void {
    const chip = testCardChip(card);
    this.placed = { card, chip };
    this.device?.placeCard(chip);
    const qr = parseCardQr(testCardQrLine(card));
    if (!qr.ok) throw new Error(`test card QR: ${qr.reason}`);
    const now = new Date();
    const today = this.options.today?.() ?? { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
    const key = bacKeyFromQr(qr.value, today);
    this.reader.provideKey(options.wrongKey ? { ...key, expiryDates: key.expiryDates.map((d) => ({ ...d, year: d.year + 1 })) } : key);
  }

  removeCard(): void {
    this.placed = null;
    this.device?.placeCard(null);
  }

  on(listener: CardReaderListener): () => void {
    return this.reader.on(listener);
  }

  start(): Promise<void> {
    return this.reader.start();
  }

  provideKey(key: BacKeyInput): void {
    this.reader.provideKey(key);
  }

  status(): CardReaderStatus {
    return { ...this.reader.status(), protocol: this.protocol };
  }

  close(): Promise<void> {
    return this.reader.close();
  }
}
