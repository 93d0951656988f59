import { describe, expect, it } from 'vitest';
import type { CitizenView } from '../../shared/cards';
import { citizenFor, concernsTicket } from '../../counter/useCitizen';

const citizen: CitizenView = {
  fullName: 'Nguyễn Văn An',
  birthDate: '01/02/1990',
  gender: 'Nam',
  idNumber: '001090012345',
  check: 'verified',
  readAt: '2026-11-30T08:00:00.000Z',
};

describe('the citizen on the counter page', () => {
  it('shows an answer only for the ticket it is about', () => {
    expect(citizenFor({ ticketId: 7, citizen }, 7)).toBe(citizen);
    // A slow answer for the previous ticket never shows on the next one.
    expect(citizenFor({ ticketId: 6, citizen }, 7)).toBeNull();
    expect(citizenFor({ ticketId: 7, citizen }, null)).toBeNull();
    expect(citizenFor({ ticketId: 7, citizen: null }, 7)).toBeNull();
    expect(citizenFor(null, 7)).toBeNull();
  });

  it('reloads on a link event for this ticket or this counter only', () => {
    expect(concernsTicket({ ticketId: 7, counterId: null }, 1, 7)).toBe(true);
    expect(concernsTicket({ ticketId: 9, counterId: 1 }, 1, 7)).toBe(true);
    expect(concernsTicket({ ticketId: 9, counterId: 2 }, 1, 7)).toBe(false);
    expect(concernsTicket({ ticketId: 9, counterId: null }, 1, null)).toBe(false);
  });
});
