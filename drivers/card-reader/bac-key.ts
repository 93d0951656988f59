/**
 * The BAC key input for a card, from what the QR code or an officer gives: the ID number,
 * the birth date, and the expiry date(s) to try (the QR code carries no expiry).
 */
import { candidateExpiries, cardExpiry } from './expiry';
import type { CalendarDate } from './dates';
import type { CardQr } from './qr';
import type { BacKeyInput } from './types';

/** From a QR read: the expiry by the law's rule; for a card that never expires, the candidates. */
export function bacKeyFromQr(qr: CardQr, today: CalendarDate): BacKeyInput {
  const expiry = cardExpiry(qr.birthDate, qr.issueDate);
  return {
    idNumber: qr.idNumber,
    birthDate: qr.birthDate,
    expiryDates: expiry.kind === 'date' ? [expiry.date] : candidateExpiries(qr.birthDate, today),
  };
}

/** From an ID number and birth date typed by an officer: the candidate expiries in order. */
export function bacKeyFromTyped(idNumber: string, birthDate: CalendarDate, today: CalendarDate): BacKeyInput {
  if (!/^\d{12}$/.test(idNumber)) throw new RangeError('the ID number has 12 digits');
  return { idNumber, birthDate, expiryDates: candidateExpiries(birthDate, today) };
}
