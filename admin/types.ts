/**
 * Rows of the admin API (`/api/admin/…`) that shared/contract.ts does not describe, as the
 * server returns them (server/domain/configRepo.ts, server/config/officeSettings.ts).
 */
import type { CounterConfig, DisplaySettings, ServiceConfig } from '../shared/contract';
import type { CardReaderState } from '../shared/cards';

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

/** One entry of `settings.cardReaders` (drivers/card-reader/types.ts CardReaderConfig). */
export interface CardReaderSetting {
  key: string;
  protocol: CardReaderState['protocol'];
  /** Serial port path, e.g. /dev/ttyUSB0 (unused by the simulated reader). */
  path: string;
  /** Default 115200 for pn532, 9600 for qr-line. */
  baudRate?: number;
  place: CardReaderState['place'];
}

export interface OfficeSettings {
  printer?: PrinterSettings;
  display?: DisplaySettings;
  cardReaders?: CardReaderSetting[];
  backup?: BackupSettings;
}

/** `settings.backup` (server/config/backupSettings.ts). */
export interface BackupSettings {
  /** "HH:MM" in the office's zone. */
  time: string;
  keepDays: number;
  /** An absolute folder (USB disk, network share) that receives a copy of each backup. */
  copyTo: string | null;
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
  /** Raised by every save; sent back with a save so that an outdated one is refused (409 stale_version). */
  version: number;
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
  settings: { printer?: Draft<PrinterSettings>; display?: DisplaySettings; cardReaders?: CardReaderSetting[]; backup?: Draft<BackupSettings> };
};
