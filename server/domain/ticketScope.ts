import type { ConfigRepo, Counter } from './configRepo';
import { conflict } from './errors';
import type { TicketRow } from './ticketRepo';

/**
 * Whether a counter may act on a ticket it names by id (transfer, cancel, return). A ticket
 * called or serving at another counter belongs to that counter, whoever asks. A waiting
 * ticket belongs to the counters serving its field and to the counter it was sent to; a
 * no-show to the counters serving its field and to the counter that called it.
 * Throws a 409 DomainError when not.
 */
export function checkTicketScope(t: TicketRow, counter: Counter, config: ConfigRepo): void {
  const serves = counter.serviceIds.includes(t.serviceId);
  switch (t.status) {
    case 'called':
    case 'serving': {
      if (t.counterId === counter.id) return;
      const other = t.counterId != null ? config.counter(t.counterId).number : '?';
      throw conflict(
        'ticket_at_other_counter',
        `Số ${t.number} đang ở quầy ${other}; chỉ quầy đó mới thao tác được với số này. ` +
          `(Ticket ${t.number} is at counter ${other}.)`,
        { counterId: t.counterId },
      );
    }
    case 'waiting':
      if (serves || t.targetCounterId === counter.id) return;
      break;
    case 'no_show':
      if (serves || t.counterId === counter.id) return;
      break;
    default:
      return;
  }
  throw conflict(
    'ticket_not_for_counter',
    `Quầy ${counter.number} không phục vụ lĩnh vực của số ${t.number}. ` +
      `(Counter ${counter.number} does not serve the field of ticket ${t.number}.)`,
  );
}
