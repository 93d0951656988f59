/** Satisfaction rating levels and scales. No runtime dependency. */

/** Every level any scale may use, best first. Stored in ratings.level. */
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'unsatisfied', 'very_unsatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** The levels of each scale size, best first. The default office scale has 3. */
export const SCALE_LEVELS: Record<3 | 4 | 5, RatingLevel[]> = {
  3: ['very_satisfied', 'satisfied', 'unsatisfied'],
  4: ['very_satisfied', 'satisfied', 'neutral', 'unsatisfied'],
  5: ['very_satisfied', 'satisfied', 'neutral', 'unsatisfied', 'very_unsatisfied'],
};

/** "Satisfied" in reports: the top two levels. */
export const SATISFIED_LEVELS: readonly RatingLevel[] = ['very_satisfied', 'satisfied'];

export const RATING_SOURCES = ['tablet', 'buttons', 'keypad'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];

/** The levels that ask the citizen why (preset reasons and an optional text). */
export const REASON_LEVELS: readonly RatingLevel[] = ['unsatisfied', 'very_unsatisfied'];

export type ScaleSize = 3 | 4 | 5;

/** A level as shown: its words in Vietnamese and English and its colour (#rrggbb). */
export interface RatingLevelLabel {
  key: RatingLevel;
  vi: string;
  en: string;
  color: string;
}

/** A preset reason for the lower levels: a stable key and its words. */
export interface RatingReason {
  key: string;
  vi: string;
  en: string;
}

/** The default words and colours of every level (the office may change them). */
export const DEFAULT_LEVEL_LABELS: Record<RatingLevel, RatingLevelLabel> = {
  very_satisfied: { key: 'very_satisfied', vi: 'Rất hài lòng', en: 'Very satisfied', color: '#1b7f3b' },
  satisfied: { key: 'satisfied', vi: 'Hài lòng', en: 'Satisfied', color: '#3f9c2f' },
  neutral: { key: 'neutral', vi: 'Bình thường', en: 'Neutral', color: '#c99a06' },
  unsatisfied: { key: 'unsatisfied', vi: 'Không hài lòng', en: 'Unsatisfied', color: '#d0581a' },
  very_unsatisfied: { key: 'very_unsatisfied', vi: 'Rất không hài lòng', en: 'Very unsatisfied', color: '#b3261e' },
};

export const DEFAULT_REASONS: RatingReason[] = [
  { key: 'attitude', vi: 'Thái độ phục vụ', en: 'Attitude of the staff' },
  { key: 'long_wait', vi: 'Thời gian chờ lâu', en: 'Long wait' },
  { key: 'unclear_guidance', vi: 'Hướng dẫn chưa rõ ràng', en: 'Unclear guidance' },
  { key: 'slow_handling', vi: 'Giải quyết chậm', en: 'Slow handling' },
  { key: 'other', vi: 'Khác', en: 'Other' },
];

/** The scale the rating page shows: the office's levels, best first, and the reasons. */
export interface RatingScaleView {
  size: ScaleSize;
  levels: RatingLevelLabel[];
  reasons: RatingReason[];
  /** Whether the reasons screen offers a free text (on-screen keyboard). */
  allowText: boolean;
  /** How long the faces stay up after a visit ends, and the thank-you, in seconds. */
  wakeSeconds: number;
  thanksSeconds: number;
}

/** socket.io namespace of the rating tablets (/rate/?counter=N). */
export const RATE_NAMESPACE = '/rate';

/** Header that carries a paired tablet's device token on its HTTP requests. */
export const RATE_DEVICE_HEADER = 'x-rating-device';

/** Events on RATE_NAMESPACE (server → tablet) and on the staff namespace (pairing requests). */
export const RATE_EVENTS = {
  /** Not paired: the code to confirm at the counter. */
  pairing: 'rate:pairing',
  /** Confirmed: the device token, to keep and reconnect with. */
  paired: 'rate:paired',
  /** The token was refused (unpaired by an admin, replaced): forget it. */
  unpaired: 'rate:unpaired',
  /** Paired: the counter, who serves there now and the scale. Sent on connect and on changes. */
  state: 'rate:state',
  /** A visit just ended at this counter: ask for its rating. */
  wake: 'rate:wake',
  /** Staff namespace: a tablet asks to be paired with a counter, or the request ended. */
  staffPairing: 'rating:pairing',
} as const;

export interface RatePairingEvent {
  code: string;
  expiresAt: string;
  counter: { number: number; name: string };
}

export interface RateStateEvent {
  counter: { id: number; number: number; name: string };
  /** The name of the officer who called last at this counter today, or null. */
  officerName: string | null;
  paused: boolean;
  scale: RatingScaleView;
}

export interface RateWakeEvent {
  ticketId: number;
  /** The ticket's number (not personal data), shown small. */
  number: string;
  finishedAt: string;
}

/** Staff namespace: the pending request of a counter (null = none any more). */
export interface StaffPairingEvent {
  counterId: number;
  request: { code: string; expiresAt: string } | null;
}

/** POST /api/rate: a tablet's (or its keypad's) rating. */
export interface RateRequest {
  ticketId?: number | null;
  level: RatingLevel;
  source: 'tablet' | 'keypad';
}

export interface RateResponse {
  id: number;
  ticketId: number | null;
  level: RatingLevel;
  /** The level asks for reasons (POST /api/rate/:id/reasons). */
  askReasons: boolean;
}

/** A stored rating as the admin sees it (no personal data). */
export interface RatingRecord {
  id: number;
  at: string;
  serviceDay: string;
  counterNumber: number;
  ticketNumber: string | null;
  dossierId: number | null;
  officerName: string | null;
  serviceName: string | null;
  level: RatingLevel;
  scaleSize: number;
  reasons: string[];
  reasonText: string;
  source: RatingSource;
}

/** GET /api/admin/ratings: the ratings of some days, counted. */
export interface RatingSummary {
  from: string;
  to: string;
  /** Ratings tied to a visit, per level. */
  counts: Partial<Record<RatingLevel, number>>;
  /** Presses outside any visit's window (counted apart, never in the share). */
  anonymous: Partial<Record<RatingLevel, number>>;
  /** (very satisfied + satisfied) / rated visits, 0–1; null when nothing was rated. */
  satisfiedShare: number | null;
  recent: RatingRecord[];
}

/** The button box and paired tablets as the admin sees them. */
export interface RatingButtonsState {
  configured: boolean;
  path: string | null;
  connected: boolean;
  lastError: string | null;
  boxes: { id: string; online: boolean; lastSeenAt: string }[];
  counts: { presses: number; debounced: number; rejected: number };
}

export interface RatingDeviceView {
  id: number;
  counterId: number;
  counterNumber: number;
  pairedAt: string;
  pairedBy: string | null;
  lastSeenAt: string | null;
  online: boolean;
}

/** Pending pairing requests (from tablets not yet paired), for the admin. */
export interface RatingPairingView {
  counterId: number;
  counterNumber: number;
  code: string;
  expiresAt: string;
}
