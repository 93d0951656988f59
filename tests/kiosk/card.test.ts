import { describe, expect, it } from 'vitest';
import type { CardReadEvent } from '../../shared/cards';
import { cardReadIdOf, cardReducer, NO_CARD, type CardState } from '../../kiosk/useCard';
import { splitBilingual } from '../../kiosk/i18n';

const read: CardReadEvent = { readId: 'r-1', greeting: 'Nguyễn V. A.', verified: true, openDossiers: 0 };

describe('kiosk card state', () => {
  it('goes from reading to the greeting, whose readId the ticket request carries', () => {
    const reading = cardReducer(NO_CARD, { type: 'present' });
    expect(reading).toEqual({ kind: 'reading' });
    expect(cardReadIdOf(reading)).toBeNull();
    const greeted = cardReducer(reading, { type: 'read', read });
    expect(greeted).toEqual({ kind: 'read', read });
    expect(cardReadIdOf(greeted)).toBe('r-1');
  });

  it('keeps the greeting when the reader reports the card again (chip read after the QR scan)', () => {
    const greeted: CardState = { kind: 'read', read };
    expect(cardReducer(greeted, { type: 'present' })).toBe(greeted);
  });

  it('shows the server message of a failed read, and a new card starts reading again', () => {
    const failed = cardReducer({ kind: 'reading' }, {
      type: 'failed',
      event: { reason: 'wrong-key', message: 'Không đọc được thẻ. Xin vui lòng đặt lại thẻ.' },
    });
    expect(failed).toEqual({ kind: 'failed', message: 'Không đọc được thẻ. Xin vui lòng đặt lại thẻ.' });
    expect(cardReadIdOf(failed)).toBeNull();
    expect(cardReducer(failed, { type: 'present' })).toEqual({ kind: 'reading' });
  });

  it('forgets the identity when the card is removed or the kiosk resets', () => {
    const greeted: CardState = { kind: 'read', read };
    expect(cardReducer(greeted, { type: 'removed' })).toBe(NO_CARD);
    expect(cardReducer(greeted, { type: 'forget' })).toBe(NO_CARD);
    expect(cardReadIdOf(cardReducer(greeted, { type: 'removed' }))).toBeNull();
  });
});

describe('server messages on the kiosk', () => {
  it('splits the Vietnamese message from its English part in parentheses', () => {
    expect(splitBilingual('Không đọc được thẻ. Xin vui lòng đặt lại thẻ. (The card could not be read.)')).toEqual({
      vi: 'Không đọc được thẻ. Xin vui lòng đặt lại thẻ.',
      en: 'The card could not be read.',
    });
    expect(splitBilingual('Không đọc được thẻ.')).toEqual({ vi: 'Không đọc được thẻ.', en: null });
    // Parentheses inside the Vietnamese text are not an English part.
    expect(splitBilingual('Thẻ (CCCD) không đọc được.')).toEqual({ vi: 'Thẻ (CCCD) không đọc được.', en: null });
  });
});
