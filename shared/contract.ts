/**
 * The contract between the server and the apps (kiosk, display, counter, phone page):
 * REST shapes, socket.io namespaces and event names. Server and apps both import this
 * module; it has no runtime dependency of its own.
 */

export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'cancelled',
  'expired',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** 'leader' (Lãnh đạo): reads reports and the dashboard and watches the queue, changes nothing. */
export type Role = 'officer' | 'admin' | 'leader';

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A ticket as anyone may see it: no personal data, no public code. */
export interface PublicTicket {
  id: number;
  number: string;
  serviceId: number;
  status: TicketStatus;
  priority: boolean;
  priorityName: string | null;
  counterId: number | null;
  counterNumber: number | null;
  targetCounterId: number | null;
  issuedAt: string;
  calledAt: string | null;
}

/** A ticket as staff see it. */
export interface StaffTicket extends PublicTicket {
  serviceDay: string;
  priorityId: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  callCount: number;
  officerId: number | null;
  printed: boolean;
}

export interface PublicService {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  prefix: string;
  icon: string;
  active: boolean;
  sortOrder: number;
  fixedCounterId: number | null;
}

export interface ServiceQueueStats {
  serviceId: number;
  waiting: number;
  /** Seconds the oldest waiting ticket has waited, 0 when none. */
  longestWaitSeconds: number;
  /** Minutes a citizen taking a ticket now can expect to wait; null when no counter is open. */
  estimatedWaitMinutes: number | null;
  openCounters: number;
  issuedToday: number;
  remainingToday: number;
}

export type CounterState = 'open' | 'paused' | 'closed';

export interface PublicCounter {
  id: number;
  number: number;
  name: string;
  serviceIds: number[];
  state: CounterState;
  currentTicket: PublicTicket | null;
}

export interface CallRecord {
  id: number;
  ticketId: number;
  number: string;
  serviceId: number;
  counterId: number;
  counterNumber: number;
  counterName: string;
  kind: 'call' | 'recall';
  at: string;
}

export interface PriorityCategory {
  id: number;
  name: string;
  nameEn: string;
  active: boolean;
  sortOrder: number;
}

export interface OfficeInfo {
  name: string;
  agencyCode: string;
  timeZone: string;
  notice: string;
  /** Whether ticket issue is open right now (opening hours). */
  openNow: boolean;
  /** Human message for citizens when closed, Vietnamese. */
  closedMessage: string | null;
  serviceDay: string;
  /** How the TV displays announce calls, and the display profiles (one TV per floor, …). */
  display: DisplaySettings;
}

/** A named TV display scope, chosen on the TV by `/display/?profile=<key>`. */
export interface DisplayProfile {
  key: string;
  name: string;
  /** Counter numbers; empty = every counter (or those serving `services`). */
  counters: number[];
  /** Field codes, prefixes or ids; empty = every field. */
  services: string[];
  muted: boolean;
}

export interface DisplaySettings {
  /** 'speechSynthesis': the browser's own voice where it has one for the language, else the clips. */
  voice: 'clips' | 'speechSynthesis';
  /** Times each call is said, 1–5. */
  repeat: number;
  /** Also say each call in English. */
  english: boolean;
  profiles: DisplayProfile[];
}

export interface QueueSnapshot {
  office: OfficeInfo;
  services: PublicService[];
  counters: PublicCounter[];
  priorities: PriorityCategory[];
  stats: ServiceQueueStats[];
  /** Waiting and called tickets of today, in calling order per field. */
  tickets: PublicTicket[];
  /** The most recent calls, newest first. */
  lastCalls: CallRecord[];
  generatedAt: string;
}

export interface IssueTicketRequest {
  serviceId: number;
  priorityId?: number | null;
}

export interface IssuedTicket {
  ticket: PublicTicket;
  publicCode: string;
  serviceName: string;
  waitingAhead: number;
  estimatedWaitMinutes: number | null;
  /** URL of the phone page for this ticket: absolute when PUBLIC_URL is configured, else relative. */
  trackUrl: string;
  /** What happened at the printer. The ticket is valid even when printing failed. */
  print: PrintOutcome;
}

export interface PrintOutcome {
  ok: boolean;
  /**
   * 'printed', 'simulated', 'none' (the office has no ticket printer: show the number and QR
   * on screen), or a fault: 'offline', 'timeout', 'paper_end', 'cover_open', 'io'.
   */
  code: string;
  /** Vietnamese message for the citizen when printing failed, else null. */
  message: string | null;
}

/** GET /api/t/:code: one ticket for its citizen's phone page. */
export interface PhoneTicketView {
  ticket: PublicTicket;
  serviceName: string;
  officeName: string;
  waitingAhead: number;
  estimatedWaitMinutes: number | null;
}

export interface CounterView {
  counter: PublicCounter;
  current: StaffTicket | null;
  noShows: StaffTicket[];
}

export interface OfficerInfo {
  id: number;
  name: string;
  username: string;
  role: Role;
  active: boolean;
  counterIds: number[];
  /** The password was generated or set by an admin: its owner must choose a new one before anything else (absent = no). */
  mustChangePassword?: boolean;
}

/** socket.io namespaces. */
export const NAMESPACES = {
  /** Read-only: displays, kiosks, phone pages. No login. */
  public: '/public',
  /** Counters: needs the session cookie of a logged-in officer. */
  staff: '/staff',
} as const;

/** Events the server emits. */
export const EVENTS = {
  snapshot: 'snapshot',
  ticketIssued: 'ticket:issued',
  ticketCalled: 'ticket:called',
  ticketUpdated: 'ticket:updated',
  counterUpdated: 'counter:updated',
  statsUpdated: 'stats:updated',
} as const;

export interface TicketIssuedEvent {
  ticket: PublicTicket;
}
/**
 * A call or recall. On /public it is the only message a call sends: it carries the
 * counter's new state, the ticket the counter just finished (if any) and fresh stats.
 */
export type TicketCalledEvent = CallRecord & {
  ticket: PublicTicket;
  counter: PublicCounter | null;
  previous: PublicTicket | null;
  stats: ServiceQueueStats[] | null;
};
export interface TicketUpdatedEvent {
  ticket: PublicTicket;
  action: TicketAction;
}
export interface CounterUpdatedEvent {
  counter: PublicCounter;
}

export type TicketAction =
  | 'issue'
  | 'call'
  | 'recall'
  | 'start'
  | 'finish'
  | 'no_show'
  | 'return'
  | 'transfer'
  | 'cancel'
  | 'expire';

export interface ServerToClientEvents {
  [EVENTS.snapshot]: (snapshot: QueueSnapshot) => void;
  [EVENTS.ticketIssued]: (event: TicketIssuedEvent) => void;
  [EVENTS.ticketCalled]: (event: TicketCalledEvent) => void;
  [EVENTS.ticketUpdated]: (event: TicketUpdatedEvent) => void;
  [EVENTS.counterUpdated]: (event: CounterUpdatedEvent) => void;
  /** Sent at most every 200 ms after changes, never per ticket. */
  [EVENTS.statsUpdated]: (stats: ServiceQueueStats[]) => void;
}

/** Client → server: a client may ask for a fresh snapshot at any time (acked). */
export interface ClientToServerEvents {
  'snapshot:get': (ack: (snapshot: QueueSnapshot) => void) => void;
}

/** A field (lĩnh vực) as configured; rows of /api/admin/services. */
export interface ServiceConfig {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  icon: string;
  prefix: string;
  firstNumber: number;
  lastNumber: number;
  step: number;
  digits: number;
  dailyMax: number | null;
  fixedCounterId: number | null;
  active: boolean;
  sortOrder: number;
}

/** A counter as configured; rows of /api/admin/counters. */
export interface CounterConfig {
  id: number;
  number: number;
  name: string;
  active: boolean;
  paused: boolean;
  /** Fields served, in order of preference. */
  serviceIds: number[];
}
