import type { CallRecord, TicketAction } from '../../shared/contract';
import type { TicketRow } from './ticketRepo';
import { errorMessage, log } from '../log';

/** What happened in the queue, in the past tense. The realtime layer maps these to socket events. */
export type QueueEvent =
  | { type: 'ticketIssued'; ticket: TicketRow }
  | { type: 'ticketCalled'; ticket: TicketRow; call: CallRecord }
  | { type: 'ticketChanged'; ticket: TicketRow; action: TicketAction }
  | { type: 'counterChanged'; counterId: number }
  | { type: 'configChanged' };

/** Receives the events of one committed transaction together, in the order they happened. */
export type QueueListener = (events: QueueEvent[]) => void;

/** A tiny synchronous event bus; listeners run after the transaction has committed. */
export class QueueEvents {
  private readonly listeners = new Set<QueueListener>();

  on(listener: QueueListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(events: QueueEvent[]): void {
    if (events.length === 0) return;
    for (const l of this.listeners) {
      try {
        l(events);
      } catch (err) {
        log.error({ err: errorMessage(err) }, 'queue event listener failed');
      }
    }
  }
}
