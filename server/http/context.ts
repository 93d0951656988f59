import type { AuditLog } from '../audit/auditLog';
import type { OfficerRepo } from '../auth/officerRepo';
import type { Clock } from '../domain/clock';
import type { ConfigRepo } from '../domain/configRepo';
import type { QueueEvents } from '../domain/events';
import type { QueueService } from '../domain/queue';
import type { PrintService } from '../printing/printService';
import type { BackupService } from '../ops/backupService';
import type { Cards } from '../cards';
import type { ReportService } from '../domain/reports/reportService';
import type { DossierSync } from '../domain/dossiers/syncImport';
import type { Ratings } from '../domain/ratings';
import type { PublicDossierLookup } from '../domain/dossiers/publicLookup';
import type { DossierService } from '../domain/dossiers/dossierService';

import type { ProcedureRepo } from '../domain/catalogue/procedureRepo';
import type { WorkingCalendar } from '../domain/calendar/workingCalendar';

/** What the HTTP and realtime layers are given. */
export interface AppContext {
  queue: QueueService;
  config: ConfigRepo;
  officers: OfficerRepo;
  /** Who changed what: configuration, officers, logins, reprints, cancels, manual calls. */
  audit: AuditLog;
  events: QueueEvents;
  clock: Clock;
  printer: PrintService;
  /** Database backups: the schedule, backup now, the list. */
  backups: BackupService;
  /** Chip ID card readers and the citizens' data read from them (docs/card-reader.md). */
  cards: Cards;
  /** Satisfaction ratings: the service, paired tablets and the button box (docs/ratings.md). */
  ratings: Ratings;
  /** Public dossier status (kiosk lookup, phone pages): never personal data. */
  dossierLookup: PublicDossierLookup;
  /** Dossiers received at the counters: codes, statuses, tickets, receipt slips (docs/dossiers.md). */
  dossiers: DossierService;
  /** The sync API with the province's system: its keys, the dossier import, the admin's dossier list. */
  dossierSync: DossierSync;
  /** The procedure catalogue (thủ tục hành chính): search, details, admin edits (docs/catalogue.md). */
  procedures: ProcedureRepo;
  /** Working days, holidays and due dates of processing times (docs/catalogue.md). */
  calendar: WorkingCalendar;
  /** Reports and the live dashboard (docs/reports.md). */
  reports: ReportService;
  /** Marks the session cookie Secure (set when served over HTTPS). */
  secureCookies: boolean;
  /** Extra device health for /api/health (printer, card reader…). */
  deviceHealth: () => Promise<Record<string, unknown>>;
}
