/**
 * The public interface of the card-reader driver, for the server side. Every reader
 * (PN532 chip reader, QR scanner on a serial port, simulated) emits these typed events.
 * Identities carry only what the service needs: never the face, the address or a chip dump.
 */
import type { CalendarDate } from './dates';
import type { FrameRejectReason } from './pn532-frame';
import type { QrFailure } from './qr';
import type { ChipVerification } from './sod';

export type ReaderProtocol = 'pn532' | 'qr-line' | 'simulated';

/** Where a reader stands: at a kiosk (null = the kiosk without an id) or at a counter. */
export type ReaderPlace = { kind: 'kiosk'; kioskId: string | null } | { kind: 'counter'; counterNumber: number };

export interface CardReaderConfig {
  key: string;
  protocol: ReaderProtocol;
  /** Serial port path, e.g. /dev/ttyUSB0 (unused by the simulated reader). */
  path: string;
  /** 115200 by default for pn532, 9600 for qr-line. */
  baudRate?: number;
  place: ReaderPlace;
}

/** The identity read from a card, minimal by design. */
export interface CardIdentity {
  /** The 12-digit ID number. */
  idNumber: string;
  fullName: string;
  birthDate: CalendarDate;
  gender: 'Nam' | 'Nữ';
  /** 'chip' when read over BAC, 'qr' when only the printed QR code was scanned. */
  source: 'chip' | 'qr';
  /** Passive authentication of a chip read; null for a QR read. */
  chip: ChipVerification | null;
}

/** The BAC key material, from a QR scan, an MRZ reader or typed by an officer. */
export interface BacKeyInput {
  idNumber: string;
  birthDate: CalendarDate;
  /** Candidate expiry dates, tried in order (see expiry.ts). */
  expiryDates: CalendarDate[];
}

export type CardReadFailure =
  /** Every candidate key was refused (6300): the chip cannot be opened with this data. */
  | 'wrong-key'
  /** A card is present but no QR scan or typed data gave its key yet. */
  | 'no-key'
  /** The card left the field during the read. */
  | 'card-removed'
  /** The reader or the card stopped answering. */
  | 'timeout'
  /** The card is not an eMRTD (SELECT of the ICAO application refused). */
  | 'not-an-id-card'
  /** Secure messaging broke (bad MAC, unexpected status). */
  | 'protocol-error'
  /** A data group does not parse or its check digits are wrong. */
  | 'bad-data'
  /** Passive authentication failed: the data does not match the signed hashes. */
  | 'not-authentic';

export type CardReaderEvent =
  | { type: 'reader-connected'; reader: string; detail: string }
  | { type: 'reader-disconnected'; reader: string; reason: string }
  | { type: 'card-present'; reader: string }
  | { type: 'card-read'; reader: string; identity: CardIdentity }
  | { type: 'card-read-failed'; reader: string; reason: CardReadFailure; message: string }
  | { type: 'card-removed'; reader: string }
  | { type: 'frame-rejected'; reader: string; reason: FrameRejectReason | QrFailure | 'line-too-long' };

export type CardReaderListener = (event: CardReaderEvent) => void;

/** Counters and state for /api/health. */
export interface CardReaderStatus {
  key: string;
  protocol: ReaderProtocol;
  connected: boolean;
  cardPresent: boolean;
  lastError: string | null;
  cardsRead: number;
  readFailures: number;
  framesRejected: number;
}

export interface CardReader {
  readonly key: string;
  readonly protocol: ReaderProtocol;
  /** Subscribes to events; returns the unsubscribe function. */
  on(listener: CardReaderListener): () => void;
  /** Opens the port and keeps reopening it while the reader is unplugged. */
  start(): Promise<void>;
  /** Gives a chip reader the key for the card on it (or the next card). */
  provideKey(key: BacKeyInput): void;
  status(): CardReaderStatus;
  close(): Promise<void>;
}
