import type { OfficerRepo } from '../auth/officerRepo';
import type { Clock } from '../domain/clock';
import type { ConfigRepo } from '../domain/configRepo';
import type { QueueEvents } from '../domain/events';
import type { QueueService } from '../domain/queue';
import type { PrintService } from '../printing/printService';

/** What the HTTP and realtime layers are given. */
export interface AppContext {
  queue: QueueService;
  config: ConfigRepo;
  officers: OfficerRepo;
  events: QueueEvents;
  clock: Clock;
  printer: PrintService;
  /** Marks the session cookie Secure (set when served over HTTPS). */
  secureCookies: boolean;
  /** Extra device health for /api/health (printer, card reader…). */
  deviceHealth: () => Promise<Record<string, unknown>>;
}
