/**
 * The contract between the server's chip-card (CCCD) side and the apps: the kiosk's card
 * channel, the officer's view of the citizen on a ticket, and the admin's reader and
 * privacy routes. Personal data appears only in `CitizenView` (officer serving that
 * ticket, admins) and as a masked greeting on the kiosk; never on /public, the TV, the
 * phone page or in a log line.
 */

/** socket.io namespace of kiosks with a card reader. No login; a kiosk joins by its id. */
export const KIOSK_NAMESPACE = '/kiosk';

/** Events on the kiosk namespace (server → kiosk), only to the kiosk at the reader's place. */
export const CARD_EVENTS = {
  /** A card was laid on the reader; reading it takes a second or two. */
  present: 'card:present',
  /** The card was read (and, for a chip read, verified). */
  read: 'card:read',
  /** The card could not be read; `message` is for the citizen, in Vietnamese. */
  failed: 'card:failed',
  /** The card was taken off the reader (or the read expired): forget the greeting. */
  removed: 'card:removed',
  /**
   * On connect and whenever it changes: whether a reader is configured at this kiosk's place
   * (the kiosk shows "Có thể đặt thẻ CCCD lên đầu đọc" only then). Payload: CardReaderPresence.
   */
  reader: 'card:reader',
} as const;

export interface CardReaderPresence {
  present: boolean;
}

/** Sent by the kiosk on connect (as `auth` of the socket handshake): which kiosk it is. */
export interface KioskHandshake {
  /** The kiosk's id from its URL (/kiosk/?id=sanh-1); null for the kiosk without an id. */
  kioskId: string | null;
}

export interface CardPresentEvent {
  reader: string;
}

export interface CardReadEvent {
  /**
   * An opaque, unguessable id of this read, valid while the card lies on the reader and at
   * most 30 s after the last touch: sent back with POST /api/tickets as `cardReadId` to
   * link the ticket to the citizen. It carries no personal data.
   */
  readId: string;
  /** The masked name for the greeting: "Nguyễn V. A." (family name, initials). */
  greeting: string;
  /** True when the chip's data was verified (passive authentication). */
  verified: boolean;
  /** This citizen's open dossiers and results waiting to be collected (0 for a first visit). */
  openDossiers: number;
}

export interface CardFailedEvent {
  reason: string;
  /** For the citizen, Vietnamese first: "Không đọc được thẻ. Xin vui lòng đặt lại thẻ." */
  message: string;
}

/** How the chip's data was checked: signature chain to the CSCA, hashes only, or failed. */
export type ChipCheck = 'verified' | 'hashes-only' | 'failed' | 'qr-only';

/** The citizen on a ticket as the officer serving it (or an admin) sees it. */
export interface CitizenView {
  fullName: string;
  /** dd/MM/yyyy */
  birthDate: string;
  gender: 'Nam' | 'Nữ';
  /** The full 12-digit ID number for the officer serving the ticket and admins. */
  idNumber: string;
  check: ChipCheck;
  /** When the card was read (ISO). */
  readAt: string;
}

/** Only the masked form, for lists where the full data is not needed. */
export interface MaskedCitizen {
  /** "Nguyễn V. A." */
  name: string;
  /** "0010****2345" */
  idNumber: string;
  check: ChipCheck;
}

/** The citizen of the counter's current ticket: GET /api/counters/:id/citizen. */
export interface CounterCitizen {
  ticketId: number;
  citizen: CitizenView | null;
}

/** Staff namespace event: a card was linked to the current ticket of a counter. */
export const CITIZEN_LINKED_EVENT = 'ticket:citizen';
export interface CitizenLinkedEvent {
  ticketId: number;
  counterId: number | null;
}

/** A card reader's state, as admins see it. */
export interface CardReaderState {
  key: string;
  protocol: 'pn532' | 'qr-line' | 'simulated';
  /** "kiosk" (kioskId null = the kiosk without an id) or "counter". */
  place: { kind: 'kiosk'; kioskId: string | null } | { kind: 'counter'; counterNumber: number };
  connected: boolean;
  cardPresent: boolean;
  cardsRead: number;
  readFailures: number;
  framesRejected: number;
  lastError: string | null;
}

/** One time staff opened a citizen's data. */
export interface CitizenAccessEntry {
  at: string;
  officerId: number;
  officerName: string;
  ticketId: number | null;
  ticketNumber: string | null;
  action: 'view' | 'link' | 'erase';
  /** Masked: "0010****2345". */
  idNumber: string;
}
