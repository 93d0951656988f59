/**
 * The PN532 chip reader: opens the port (and reopens it while unplugged), wakes the
 * PN532 up, configures it, polls for a card (Type A, then Type B), and reads a card
 * present once it has the BAC key (from a QR scan or typed data) — emitting typed events.
 */
import { ReaderListeners } from './listeners';
import type crypto from 'node:crypto';
import { CardReadError, identityFromFiles, readCardFiles, type Transceive } from './card-session';
import { Pn532Error, Pn532Link, DEFAULT_LINK_OPTIONS, type Pn532LinkOptions } from './pn532-link';
import { closePort, openSerialPort, type OpenPort, type SerialLike } from './serial';
import type {
  BacKeyInput,
  CardReader,
  CardReaderConfig,
  CardReaderEvent,
  CardReaderListener,
  CardReaderStatus,
} from './types';

export interface Pn532ReaderOptions {
  config: CardReaderConfig;
  openPort?: OpenPort;
  /** Trusted CSCA certificates; none = passive authentication by hashes only. */
  cscas?: readonly crypto.X509Certificate[];
  pollIntervalMs?: number;
  reopenDelayMs?: number;
  /** A key not used within this time is forgotten. */
  keyTtlMs?: number;
  /** Bound on one APDU exchange with the card. */
  apduTimeoutMs?: number;
  link?: Partial<Pn532LinkOptions>;
}

const CMD = {
  samConfiguration: 0x14,
  getFirmwareVersion: 0x02,
  setParameters: 0x12,
  rfConfiguration: 0x32,
  inListPassiveTarget: 0x4a,
  inDataExchange: 0x40,
  inRelease: 0x52,
} as const;
/** The largest card answer accepted over MI chaining. */
const MAX_CHAINED_ANSWER = 4096;

export class Pn532CardReader implements CardReader {
  readonly key: string;
  readonly protocol = 'pn532' as const;
  private readonly listeners = new ReaderListeners();
  private readonly openPort: OpenPort;
  private running = false;
  private loop: Promise<void> | null = null;
  private link: Pn532Link | null = null;
  private connected = false;
  private cardPresent = false;
  private attempted = false;
  private bacKey: { key: BacKeyInput; at: number } | null = null;
  /** Counts provideKey calls: a key given while a poll was on the wire is not the old card's. */
  private keyGeneration = 0;
  private wake: (() => void) | null = null;
  private lastError: string | null = null;
  private counts = { cardsRead: 0, readFailures: 0, framesRejected: 0 };

  constructor(private readonly options: Pn532ReaderOptions) {
    this.key = options.config.key;
    this.openPort = options.openPort ?? openSerialPort;
  }

  on(listener: CardReaderListener): () => void {
    return this.listeners.add(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  provideKey(key: BacKeyInput): void {
    this.bacKey = { key, at: Date.now() };
    this.keyGeneration++;
    this.attempted = false;
    this.wake?.();
  }

  status(): CardReaderStatus {
    return {
      key: this.key,
      protocol: this.protocol,
      connected: this.connected,
      cardPresent: this.cardPresent,
      lastError: this.lastError,
      ...this.counts,
    };
  }

  async close(): Promise<void> {
    this.running = false;
    this.link?.close();
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
        const port = await this.openPort(this.options.config.path, this.options.config.baudRate ?? 115200);
        await this.session(port);
        reportedDown = false;
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
      }
      if (this.connected) {
        this.connected = false;
        reportedDown = true;
        this.emit({ type: 'reader-disconnected', reader: this.key, reason: this.lastError ?? 'closed' });
      } else if (!reportedDown && this.running) {
        reportedDown = true;
        this.emit({ type: 'reader-disconnected', reader: this.key, reason: this.lastError ?? 'cannot open' });
      }
      if (this.cardPresent) {
        this.cardPresent = false;
        this.emit({ type: 'card-removed', reader: this.key });
      }
      if (this.running) await this.pause(this.options.reopenDelayMs ?? 1000);
    }
  }

  /** One open port: initialise, then poll until the port goes or the reader closes. */
  private async session(port: SerialLike): Promise<void> {
    const link = new Pn532Link(
      {
        write: (data) => port.write(data),
        onData: (listener) => {
          port.on('data', listener);
          return () => port.off('data', listener);
        },
      },
      { ...DEFAULT_LINK_OPTIONS, ...this.options.link },
      (reason) => {
        this.counts.framesRejected++;
        this.emit({ type: 'frame-rejected', reader: this.key, reason });
      },
    );
    this.link = link;
    port.on('close', () => link.close());
    port.on('error', (error) => {
      this.lastError = error.message;
      link.close();
    });
    try {
      link.wakeUp();
      await link.command(CMD.samConfiguration, Buffer.from([0x01, 0x14, 0x01]));
      const fw = await link.command(CMD.getFirmwareVersion);
      // Automatic ATR_RES and RATS: the PN532 does the ISO 14443-4 activation itself.
      await link.command(CMD.setParameters, Buffer.from([0x14]));
      // MxRtyATR 0xFF, MxRtyPSL 1, MxRtyPassiveActivation 2: InListPassiveTarget returns at once.
      await link.command(CMD.rfConfiguration, Buffer.from([0x05, 0xff, 0x01, 0x02]));
      this.connected = true;
      this.lastError = null;
      const version = fw.length >= 3 ? `PN5${(fw[0] ?? 0).toString(16)} v${fw[1]}.${fw[2]}` : 'PN532';
      this.emit({ type: 'reader-connected', reader: this.key, detail: version });
      while (this.running && port.isOpen) {
        await this.pollOnce(link);
        if (this.running) await this.pause(this.options.pollIntervalMs ?? 250);
      }
    } finally {
      link.close();
      this.link = null;
      await closePort(port);
    }
  }

  private async pollOnce(link: Pn532Link): Promise<void> {
    const generation = this.keyGeneration;
    let found = await link.command(CMD.inListPassiveTarget, Buffer.from([0x01, 0x00]));
    if ((found[0] ?? 0) < 1) found = await link.command(CMD.inListPassiveTarget, Buffer.from([0x01, 0x03, 0x00]));
    const present = (found[0] ?? 0) >= 1;
    if (present && !this.cardPresent) {
      this.cardPresent = true;
      this.attempted = false;
      this.emit({ type: 'card-present', reader: this.key });
    } else if (!present && this.cardPresent) {
      this.cardPresent = false;
      this.attempted = false;
      // The removed card's key is forgotten, not one given for the next card meanwhile.
      if (generation === this.keyGeneration) this.bacKey = null;
      this.emit({ type: 'card-removed', reader: this.key });
    }
    if (this.bacKey && Date.now() - this.bacKey.at > (this.options.keyTtlMs ?? 60_000)) this.bacKey = null;
    if (present && !this.attempted && this.bacKey) {
      this.attempted = true;
      await this.readCard(link, this.bacKey.key);
    }
    if (present) await link.command(CMD.inRelease, Buffer.from([0x00]));
  }

  private async readCard(link: Pn532Link, key: BacKeyInput): Promise<void> {
    const timeout = this.options.apduTimeoutMs ?? 1500;
    const transceive: Transceive = async (apdu) => {
      let answer = await link.command(CMD.inDataExchange, Buffer.concat([Buffer.from([0x01]), apdu]), timeout);
      const parts: Buffer[] = [];
      let total = 0;
      for (;;) {
        const status = answer[0] ?? 0xff;
        if ((status & 0x3f) !== 0) {
          const removed = status === 0x01 || status === 0x0a || status === 0x27 || status === 0x29;
          throw new CardReadError(removed ? 'card-removed' : 'protocol-error', `InDataExchange status ${status.toString(16)}`);
        }
        parts.push(answer.subarray(1));
        total += answer.length - 1;
        if (total > MAX_CHAINED_ANSWER) throw new CardReadError('protocol-error', 'card answer too long');
        if ((status & 0x40) === 0) return Buffer.concat(parts);
        answer = await link.command(CMD.inDataExchange, Buffer.from([0x01]), timeout);
      }
    };
    try {
      const identity = identityFromFiles(await readCardFiles(transceive, key), this.options.cscas ?? []);
      this.counts.cardsRead++;
      this.bacKey = null;
      this.emit({ type: 'card-read', reader: this.key, identity });
    } catch (error) {
      this.counts.readFailures++;
      if (error instanceof CardReadError) {
        this.emit({ type: 'card-read-failed', reader: this.key, reason: error.reason, message: error.message });
      } else if (error instanceof Pn532Error && error.code === 'timeout') {
        this.emit({ type: 'card-read-failed', reader: this.key, reason: 'timeout', message: error.message });
      } else throw error;
    }
  }

  /** Sleeps, or returns early on provideKey/close. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
