/**
 * The card's expiry date, which the QR code does not carry but BAC needs.
 *
 * Luật Căn cước công dân 2014 Art. 21 (CCCD): the card is changed at 25, 40 and 60.
 * Luật Căn cước 2023 Art. 21 (Căn cước cards, issued from 1/7/2024): at 14, 25, 40, 60.
 * A card issued within 2 years before one of those ages runs to the next one; the expiry
 * is the holder's birthday in that year; a card issued from 58 on does not expire.
 */
import { anniversary, compareDates, type CalendarDate } from './dates';

export type CardKind = 'cccd' | 'can-cuoc';

export type Expiry = { kind: 'date'; date: CalendarDate; age: number } | { kind: 'none' };

/** Căn cước cards are issued from 1 July 2024 (Luật Căn cước 2023 in force). */
export const CAN_CUOC_FROM: CalendarDate = { year: 2024, month: 7, day: 1 };

export function cardKindForIssueDate(issueDate: CalendarDate): CardKind {
  return compareDates(issueDate, CAN_CUOC_FROM) >= 0 ? 'can-cuoc' : 'cccd';
}

export function changeAges(kind: CardKind): readonly number[] {
  return kind === 'can-cuoc' ? [14, 25, 40, 60] : [25, 40, 60];
}

/** The expiry of a card issued on `issueDate` (kind from the issue date unless given). */
export function cardExpiry(birthDate: CalendarDate, issueDate: CalendarDate, kind = cardKindForIssueDate(issueDate)): Expiry {
  for (const age of changeAges(kind)) {
    // Skip an age when the card is issued on or after the birthday two years before it.
    if (compareDates(issueDate, anniversary(birthDate, birthDate.year + age - 2)) < 0) {
      return { kind: 'date', date: anniversary(birthDate, birthDate.year + age), age };
    }
  }
  return { kind: 'none' };
}

/**
 * When the issue date is unknown (an officer typed the ID and birth date): the expiries
 * the card may carry, the likeliest first. 1) the next change age after today; 2) the one
 * after it, if today is within 2 years before the next (the card may come from that
 * window); 3) the last change age already passed (a card that has just expired).
 */
export function candidateExpiries(birthDate: CalendarDate, today: CalendarDate): CalendarDate[] {
  const ages = changeAges('can-cuoc');
  const next = ages.findIndex((age) => compareDates(anniversary(birthDate, birthDate.year + age), today) > 0);
  const out: CalendarDate[] = [];
  const at = (age: number): CalendarDate => anniversary(birthDate, birthDate.year + age);
  const nextAge = next >= 0 ? ages[next] : undefined;
  if (nextAge !== undefined) {
    out.push(at(nextAge));
    const after = ages[next + 1];
    if (after !== undefined && compareDates(today, at(nextAge - 2)) >= 0) out.push(at(after));
  }
  const passed = next >= 0 ? ages[next - 1] : ages[ages.length - 1];
  if (passed !== undefined) out.push(at(passed));
  return out;
}
