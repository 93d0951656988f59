/**
 * The shapes of the reports as the API returns them and the admin page shows them. No runtime
 * dependency (the admin bundle imports these types).
 */

export const GROUP_BYS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const REPORT_KINDS = ['tickets', 'times', 'satisfaction', 'dossiers'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * How a column's numbers read: a count; a share (0..1, shown as a percentage); a duration in
 * whole seconds (shown and exported in minutes); text.
 */
export type ColumnKind = 'text' | 'count' | 'share' | 'seconds';

export interface ReportColumn {
  key: string;
  vi: string;
  en: string;
  kind: ColumnKind;
}

export type Cell = string | number | null;

export interface ReportTable {
  /** Stable key: the CSV download names it (?table=key) and the XLSX sheet is titled after it. */
  key: string;
  vi: string;
  en: string;
  columns: ReportColumn[];
  rows: Cell[][];
}

export interface ReportFilters {
  serviceId: number | null;
  counterId: number | null;
  officerId: number | null;
}

export interface Report {
  kind: ReportKind;
  vi: string;
  en: string;
  /** Service days, yyyy-mm-dd, both included. */
  from: string;
  to: string;
  groupBy: GroupBy;
  filters: ReportFilters;
  /** When it was computed (ISO). */
  generatedAt: string;
  tables: ReportTable[];
}

/** What the filters and the print heading need: names only (no personal data of citizens). */
export interface ReportMeta {
  officeName: string;
  timeZone: string;
  /** Today's service day. */
  today: string;
  services: { id: number; name: string }[];
  counters: { id: number; number: number; name: string }[];
  officers: { id: number; name: string }[];
  /** Set when the database holds `npm run seed:demo` data. */
  demo: { createdAt: string; months: number } | null;
}

/** The live "today" dashboard. */
export interface TodaySummary {
  day: string;
  at: string;
  fields: { serviceId: number; name: string; waiting: number; longestWaitSeconds: number; issued: number; served: number }[];
  waiting: number;
  /** The longest current wait of any waiting ticket, seconds; and when that ticket was issued. */
  longestWaitSeconds: number;
  oldestWaitingSince: string | null;
  counters: { open: number; paused: number; closed: number; serving: number };
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  /** Mean waiting time of today's served tickets, seconds (null when none). */
  meanWaitSeconds: number | null;
  ratings: { count: number; satisfied: number; share: number | null; anonymous: number };
  demo: boolean;
}
