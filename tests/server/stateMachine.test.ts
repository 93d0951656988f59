import { describe, expect, it } from 'vitest';
import { TRANSITIONS, canTransition, nextStatus } from '../../server/domain/ticketStateMachine';
import { TICKET_STATUSES, type TicketAction } from '../../shared/contract';
import { DomainError } from '../../server/domain/errors';

describe('ticket state machine', () => {
  it('allows exactly the documented transitions', () => {
    const allowed: Record<TicketAction, string[]> = {
      issue: [],
      call: ['waiting'],
      recall: ['called', 'serving'],
      start: ['called'],
      finish: ['called', 'serving'],
      no_show: ['called'],
      return: ['no_show'],
      transfer: ['waiting', 'called', 'serving'],
      cancel: ['waiting'],
      expire: ['waiting', 'called', 'no_show'],
    };
    for (const action of Object.keys(TRANSITIONS) as TicketAction[]) {
      for (const from of TICKET_STATUSES) {
        expect(canTransition(action, from), `${action} from ${from}`).toBe(allowed[action].includes(from));
      }
    }
  });

  it('throws a 409 with a Vietnamese message on an illegal transition', () => {
    try {
      nextStatus('start', 'done', 'A012');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).status).toBe(409);
      expect((e as DomainError).message).toContain('A012');
      expect((e as DomainError).message).toContain('đã xong');
    }
  });

  it('keeps the status on recall and moves it otherwise', () => {
    expect(nextStatus('recall', 'serving', 'A1')).toBe('serving');
    expect(nextStatus('transfer', 'serving', 'A1')).toBe('waiting');
    expect(nextStatus('expire', 'no_show', 'A1')).toBe('expired');
  });
});
