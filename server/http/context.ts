import type { AuditLog } from '../audit/auditLog';
import type { OfficerRepo } from '../auth/officerRepo';
import type { Clock } from '../domain/clock';
import type { ConfigRepo } from '../domain/configRepo';
import type { QueueEvents } from '../domain/events';
import type { QueueService } from '../domain/queue';
import type { PrintService } from '../printing/printService';
import type { BackupService } from '../ops/backupService';
import type { Cards } from '../cards';

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
  /** Marks the session cookie Secure (set when served over HTTPS). */
  secureCookies: boolean;
  /** Extra device health for /api/health (printer, card reader…). */
  deviceHealth: () => Promise<Record<string, unknown>>;
}
