/**
 * Staff access to citizens' data: the citizen of a counter's current ticket (only for an
 * officer allowed at that counter, and admins), erasure on request, the access log, and
 * the retention purge. Every opening of a citizen's data is recorded.
 */
import type { OfficerInfo } from '../../shared/contract';
import type { CitizenAccessEntry, CounterCitizen } from '../../shared/cards';
import type { Clock } from '../domain/clock';
import type { ConfigRepo } from '../domain/configRepo';
import { DomainError, notFound } from '../domain/errors';
import type { QueueService } from '../domain/queue';
import { readPrivacySettings } from './readerSettings';
import type { CitizenRepo } from './citizenRepo';
import { maskIdNumber } from './mask';
import { idNumberHmac } from './secret';

/** The access log is kept at least this long (it holds masked numbers only). */
export const ACCESS_LOG_MIN_DAYS = 365;
const DAY_MS = 86_400_000;

export class CitizenAccess {
  constructor(
    private readonly repo: CitizenRepo,
    private readonly config: ConfigRepo,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    private readonly secret: Buffer,
  ) {}

  /** GET /api/counters/:id/citizen. */
  counterCitizen(counterId: number, officer: OfficerInfo): CounterCitizen {
    const counter = this.config.counter(counterId);
    const allowed = officer.role === 'admin' || officer.counterIds.length === 0 || officer.counterIds.includes(counter.id);
    if (!allowed) {
      throw new DomainError(403, 'counter_not_allowed', `Bạn không làm việc ở quầy ${counter.number}. (You are not assigned to counter ${counter.number}.)`);
    }
    const ticket = this.queue.tickets.activeAtCounter(counter.id);
    if (!ticket) throw notFound('số đang phục vụ', 'no_current_ticket');
    const found = this.repo.forTicket(ticket.id);
    if (!found) return { ticketId: ticket.id, citizen: null };
    const { citizenId, ...citizen } = found;
    this.repo.logAccess({
      at: this.clock.now().toISOString(),
      officerId: officer.id,
      ticketId: ticket.id,
      action: 'view',
      citizenId,
      idMasked: maskIdNumber(citizen.idNumber),
    });
    return { ticketId: ticket.id, citizen };
  }

  /** Erases one citizen (looked up by the HMAC of the number); false when none is stored. */
  erase(idNumber: string, officer: OfficerInfo): boolean {
    const found = this.repo.idByHmac(idNumberHmac(this.secret, idNumber));
    if (!found) return false;
    this.repo.erase(found.id);
    this.repo.logAccess({ at: this.clock.now().toISOString(), officerId: officer.id, ticketId: null, action: 'erase', citizenId: null, idMasked: '' });
    return true;
  }

  accessLog(limit = 500): CitizenAccessEntry[] {
    return this.repo.accessLog(limit);
  }

  /** Deletes personal data older than settings.privacy.retentionDays; tickets and statistics stay. */
  purge(): { links: number; citizens: number; accessLog: number } {
    const settings = this.config.hasOffice() ? this.config.office().settings : {};
    const days = readPrivacySettings(settings).retentionDays;
    const now = this.clock.now().getTime();
    const cutoff = new Date(now - days * DAY_MS).toISOString();
    const logCutoff = new Date(now - Math.max(days, ACCESS_LOG_MIN_DAYS) * DAY_MS).toISOString();
    return this.repo.purge(cutoff, logCutoff);
  }
}
