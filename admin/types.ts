/**
 * Rows of the admin API (`/api/admin/…`) that shared/contract.ts does not describe, as the
 * server returns them (server/domain/configRepo.ts, server/config/officeSettings.ts).
 */
import type { CounterConfig, DisplaySettings, ServiceConfig } from '../shared/contract';

/** `settings.printer`: every key optional, the server's print service fills in defaults. */
export interface PrinterSettings {
  uri?: string;
  paperWidthDots?: number;
  timeoutMs?: number;
  publicUrl?: string | null;
  thankYou?: string | null;
  headerLines?: string[];
  logoPath?: string | null;
  /** Kiosks with a printer of their own (kiosk opened as /kiosk/?id=<key>). */
  kiosks?: KioskPrinter[];
}

export interface KioskPrinter {
  key: string;
  name: string;
  uri: string;
}

export interface OfficeSettings {
  printer?: PrinterSettings;
  display?: DisplaySettings;
}

/** GET/PUT /api/admin/office. */
export interface AdminOffice {
  name: string;
  agencyCode: string;
  timeZone: string;
  dayStart: string;
  priorityStreakLimit: number;
  callOrder: 'oldest' | 'preference';
  ticketRateLimitPerMinute: number;
  defaultServiceMinutes: number;
  notice: string;
  settings: OfficeSettings;
}

/** One interval of GET/PUT /api/admin/opening-hours (weekday 0 = Sunday). */
export interface OpeningInterval {
  weekday: number;
  open: string;
  close: string;
}

/** /api/admin/services and /api/admin/counters rows. */
export type AdminService = ServiceConfig;
export type AdminCounter = CounterConfig;

/** The printer part of GET /api/admin/health (server/printing/printService.ts `health()`). */
export interface PrinterHealth {
  kind: string;
  target?: string;
  online: boolean;
  paperEnd?: boolean;
  paperNearEnd?: boolean;
  coverOpen?: boolean;
  error: string | null;
  checkedAt?: string;
  lastFault?: { at: string; code: string; message: string } | null;
}

export interface Health {
  ok: boolean;
  time: string;
  serviceDay: string | null;
  db: string;
  uptimeSeconds: number;
  devices: { printer?: PrinterHealth; kioskPrinters?: (PrinterHealth & { kiosk: string; name: string })[] };
}

/** A form's copy of a row: numbers may be empty while the user types (sent as null). */
export type Draft<T> = { [K in keyof T]: Exclude<T[K], undefined> extends number ? T[K] | null : T[K] };

/** The office as a form sends it back (PUT /api/admin/office); the server checks the numbers. */
export type OfficeDraft = Omit<Draft<AdminOffice>, 'settings'> & {
  settings: { printer?: Draft<PrinterSettings>; display?: DisplaySettings };
};
