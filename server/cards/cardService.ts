/**
 * The card readers of the office: starts them, routes their events by place (a kiosk or a
 * counter), keeps one read session per place, gives a chip reader the BAC key from a QR
 * scanner at the same place, and stores a citizen only when a read is linked to a ticket.
 * Nothing personal is logged: log lines carry reader keys and fault texts only.
 */
import {
  bacKeyFromQr,
  QrLineCardReader,
  SimulatedCardReader,
  testCard,
  type CardReader,
  type CardReaderConfig,
  type CardReaderEvent,
  type CardIdentity,
} from '../../drivers/card-reader';
import type { Clock } from '../domain/clock';
import type { ConfigRepo } from '../domain/configRepo';
import type { QueueService } from '../domain/queue';
import type { SettingsFault } from '../config/officeSettings';
import { CARD_EVENTS, type CardReadEvent, type CardReaderState, type ChipCheck, type CitizenLinkedEvent } from '../../shared/cards';
import type { CitizenRepo } from './citizenRepo';
import { maskIdNumber, maskName } from './mask';
import { FAILURE_MESSAGES } from './messages';
import { configuredReaders, createReader, type ReaderEnv, type ReaderFactoryOptions } from './readerFactory';
import { ReadSessions, type ReadSession } from './readSessions';
import { idNumberHmac } from './secret';
import { log } from '../log';

export type CardEventName = (typeof CARD_EVENTS)[keyof typeof CARD_EVENTS];
/** A message for the kiosks at one place ('kiosk:' + id, or 'kiosk:' for the kiosk without an id). */
export type KioskListener = (place: string, event: CardEventName, payload: unknown) => void;
export type LinkedListener = (event: CitizenLinkedEvent) => void;

export const kioskPlace = (kioskId: string | null): string => `kiosk:${kioskId ?? ''}`;
const placeOf = (c: CardReaderConfig): string =>
  c.place.kind === 'kiosk' ? kioskPlace(c.place.kioskId) : `counter:${c.place.counterNumber}`;

/** What the kiosk gets for a read: an opaque id and the masked name, nothing else. */
export function readEvent(session: ReadSession, openDossiers = 0): CardReadEvent {
  return {
    readId: session.readId,
    greeting: maskName(session.identity.fullName),
    // Passive authentication passed: the data is the chip's (with a CSCA, also its signature chain).
    verified: session.check === 'verified' || session.check === 'hashes-only',
    openDossiers,
  };
}

export interface CardServiceOptions {
  repo: CitizenRepo;
  config: ConfigRepo;
  queue: QueueService;
  clock: Clock;
  secret: Buffer;
  env?: ReaderEnv;
  factory?: ReaderFactoryOptions;
  sessionTtlMs?: number;
  log?: CardLog;
  /** How many open dossiers (or results to collect) a known citizen has, for the kiosk's greeting. */
  openDossiers?: (citizenId: number) => number;
}

export type CardLog = (level: 'info' | 'warn', line: string) => void;

interface Running {
  config: CardReaderConfig;
  reader: CardReader;
  place: string;
}

export class CardService {
  private running: Running[] = [];
  private faults: SettingsFault[] = [];
  private readonly kioskListeners = new Set<KioskListener>();
  private readonly linkedListeners = new Set<LinkedListener>();
  private readonly readerListeners = new Set<() => void>();
  private readonly sessions: ReadSessions;
  private readonly log: CardLog;
  private signature = '';
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly o: CardServiceOptions) {
    this.log = o.log ?? ((level, line) => log[level](line));
    this.sessions = new ReadSessions((s) => this.toKiosk(s.place, CARD_EVENTS.removed, {}), o.sessionTtlMs);
  }

  get repo(): CitizenRepo {
    return this.o.repo;
  }

  onKiosk(listener: KioskListener): () => void {
    this.kioskListeners.add(listener);
    return () => this.kioskListeners.delete(listener);
  }

  onLinked(listener: LinkedListener): () => void {
    this.linkedListeners.add(listener);
    return () => this.linkedListeners.delete(listener);
  }

  /** Called after the running readers changed (kiosks are told whether a reader is at their place). */
  onReaders(listener: () => void): () => void {
    this.readerListeners.add(listener);
    return () => this.readerListeners.delete(listener);
  }

  /** Whether a reader stands at this kiosk's place (the kiosk then hints that a card may be laid). */
  hasReaderAt(kioskId: string | null): boolean {
    const place = kioskPlace(kioskId);
    return this.running.some((r) => r.place === place);
  }

  /** Starts the configured readers (again, when the configuration changed); calls run one at a time. */
  start(): Promise<void> {
    const run = this.queue.then(() => this.apply());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(): Promise<void> {
    const settings = this.o.config.hasOffice() ? this.o.config.office().settings : {};
    const { readers, faults } = configuredReaders(settings, this.o.env ?? {});
    this.faults = faults;
    const signature = JSON.stringify(readers);
    if (signature === this.signature) return;
    for (const f of faults) this.log('warn', `card reader: ${f.setting} ignored: ${f.message}`);
    await this.stopReaders();
    this.signature = signature;
    this.running = readers.map((config) => ({ config, reader: createReader(config, this.o.factory), place: placeOf(config) }));
    for (const r of this.running) {
      r.reader.on((event) => this.handle(r, event));
      if (r.reader instanceof QrLineCardReader) r.reader.onScan((qr) => this.keyFromQr(r, qr));
      await r.reader.start();
    }
    for (const l of this.readerListeners) l();
  }

  async close(): Promise<void> {
    await this.queue;
    this.sessions.clear();
    await this.stopReaders();
  }

  private async stopReaders(): Promise<void> {
    const old = this.running;
    this.running = [];
    this.signature = '';
    await Promise.all(old.map((r) => r.reader.close()));
  }

  reader(key: string): CardReader | undefined {
    return this.running.find((r) => r.reader.key === key)?.reader;
  }

  states(): CardReaderState[] {
    return this.running.map(({ config, reader }) => {
      const s = reader.status();
      return {
        key: s.key,
        protocol: config.protocol,
        place: config.place,
        connected: s.connected,
        cardPresent: s.cardPresent || (reader instanceof SimulatedCardReader && reader.card !== null),
        cardsRead: s.cardsRead,
        readFailures: s.readFailures,
        framesRejected: s.framesRejected,
        lastError: s.lastError,
      };
    });
  }

  /** Environment variables ignored at start (reported in /api/health). */
  settingsFaults(): SettingsFault[] {
    return [...this.faults];
  }

  /** Lays a test card on a simulated reader; false when the reader is not a simulated one. */
  placeTestCard(key: string, preset: number, options: { wrongKey?: boolean } = {}): boolean {
    const reader = this.reader(key);
    if (!(reader instanceof SimulatedCardReader)) return false;
    reader.placeCard(testCard(preset), options);
    return true;
  }

  removeTestCard(key: string): boolean {
    const reader = this.reader(key);
    if (!(reader instanceof SimulatedCardReader)) return false;
    reader.removeCard();
    return true;
  }

  /** The kiosk's current read, if any (a kiosk that reconnects gets its greeting again). */
  currentRead(kioskId: string | null): ReadSession | undefined {
    return this.sessions.current(kioskPlace(kioskId));
  }

  /**
   * The stored citizen of the card read now at this kiosk, for its dossier lookup: `readId`
   * must be that kiosk's current read (so only a card on this reader lists its dossiers).
   * Null for an unknown, expired or other kiosk's read; citizenId null for a citizen never stored.
   */
  citizenAtKiosk(readId: string, kioskId: string | null): { citizenId: number | null } | null {
    const session = this.sessions.use(kioskPlace(kioskId), readId);
    if (!session) return null;
    return { citizenId: this.o.repo.idByHmac(idNumberHmac(this.o.secret, session.identity.idNumber))?.id ?? null };
  }

  /**
   * Links a ticket issued at a kiosk to the card read there, when `readId` is that kiosk's
   * current read; an unknown, expired or other kiosk's readId links nothing.
   */
  linkFromKiosk(readId: string, kioskId: string | null, ticketId: number): boolean {
    const place = kioskPlace(kioskId);
    const session = this.sessions.use(place, readId);
    if (!session) return false;
    this.store(session.identity, session.check, ticketId, place);
    return true;
  }

  private store(
    identity: CardIdentity,
    check: ChipCheck,
    ticketId: number,
    source: string,
    officerId: number | null = null,
    counterId: number | null = null,
  ): void {
    const at = this.o.clock.now().toISOString();
    const citizenId = this.o.repo.storeAndLink(idNumberHmac(this.o.secret, identity.idNumber), identity, check, ticketId, source, at);
    if (officerId !== null) {
      this.o.repo.logAccess({ at, officerId, ticketId, action: 'link', citizenId, idMasked: maskIdNumber(identity.idNumber) });
    }
    for (const l of [...this.linkedListeners]) l({ ticketId, counterId });
  }

  private toKiosk(place: string, event: CardEventName, payload: unknown): void {
    if (!place.startsWith('kiosk:')) return;
    for (const l of [...this.kioskListeners]) l(place, event, payload);
  }

  private hasChipReader(place: string): CardReader | undefined {
    return this.running.find((r) => r.place === place && r.config.protocol !== 'qr-line')?.reader;
  }

  /** A QR scan where a chip reader stands gives that reader the card's BAC key. */
  private keyFromQr(r: Running, qr: Parameters<typeof bacKeyFromQr>[0]): void {
    const chip = this.hasChipReader(r.place);
    if (!chip) return;
    const now = this.o.clock.now();
    chip.provideKey(bacKeyFromQr(qr, { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() }));
  }

  private handle(r: Running, event: CardReaderEvent): void {
    try {
      this.route(r, event);
    } catch (error) {
      this.log('warn', `card reader ${r.reader.key}: ${event.type} not handled: ${error instanceof Error ? error.name : 'error'}`);
    }
  }

  private route(r: Running, event: CardReaderEvent): void {
    switch (event.type) {
      case 'reader-connected':
        this.log('info', `card reader ${r.reader.key} connected (${event.detail})`);
        return;
      case 'reader-disconnected':
        this.log('warn', `card reader ${r.reader.key} disconnected: ${event.reason}`);
        return;
      case 'frame-rejected':
        return;
      case 'card-present':
        this.toKiosk(r.place, CARD_EVENTS.present, { reader: r.reader.key });
        return;
      case 'card-removed':
        if (this.sessions.end(r.place) || r.place.startsWith('kiosk:')) this.toKiosk(r.place, CARD_EVENTS.removed, {});
        return;
      case 'card-read-failed':
        this.sessions.end(r.place);
        this.log('warn', `card reader ${r.reader.key}: read failed (${event.reason})`);
        this.toKiosk(r.place, CARD_EVENTS.failed, { reason: event.reason, message: FAILURE_MESSAGES[event.reason] });
        return;
      case 'card-read':
        // A QR scan where a chip reader stands only gave the key: the chip read follows.
        if (r.config.protocol === 'qr-line' && this.hasChipReader(r.place)) return;
        this.cardRead(r, event.identity);
        return;
    }
  }

  private cardRead(r: Running, identity: CardIdentity): void {
    const check: ChipCheck = identity.source === 'qr' ? 'qr-only' : (identity.chip ?? 'failed');
    if (r.config.place.kind === 'counter') {
      this.readAtCounter(r.config.place.counterNumber, identity, check);
      return;
    }
    const session = this.sessions.open(r.place, identity, check, this.o.clock.now());
    const known = this.o.openDossiers ? this.o.repo.idByHmac(idNumberHmac(this.o.secret, identity.idNumber)) : undefined;
    this.toKiosk(r.place, CARD_EVENTS.read, readEvent(session, known && this.o.openDossiers ? this.o.openDossiers(known.id) : 0));
  }

  /** A card read at a counter belongs to that counter's current ticket (none: nothing is kept). */
  private readAtCounter(counterNumber: number, identity: CardIdentity, check: ChipCheck): void {
    const counter = this.o.config.counters().find((c) => c.number === counterNumber && c.active);
    const ticket = counter ? this.o.queue.tickets.activeAtCounter(counter.id) : undefined;
    if (!counter || !ticket) {
      this.log('warn', `card reader at counter ${counterNumber}: no current ticket, read not kept`);
      return;
    }
    this.store(identity, check, ticket.id, `counter:${counterNumber}`, ticket.officerId, counter.id);
  }
}
