import { describe, expect, it } from 'vitest';
import { isoDate, type CalendarDate } from '../../../drivers/card-reader/dates';
import { candidateExpiries, cardExpiry, cardKindForIssueDate } from '../../../drivers/card-reader/expiry';

const d = (iso: string): CalendarDate => {
  const [year = 0, month = 0, day = 0] = iso.split('-').map(Number);
  return { year, month, day };
};

// Worked by hand from Luật CCCD 2014 Art. 21 and Luật Căn cước 2023 Art. 21
// (CARD-READER.md §4): skip an age when issued on or after the birthday 2 years before it.
describe('card expiry', () => {
  it.each<[string, string, string | null, string]>([
    ['1999-03-15', '2021-04-20', '2024-03-15', 'CCCD at 22 runs to 25'],
    ['1996-05-10', '2021-06-01', '2036-05-10', 'CCCD at 25 runs to 40'],
    ['1997-08-01', '2021-04-01', '2037-08-01', 'CCCD at 23 years 8 months skips 25'],
    ['1998-04-01', '2021-04-01', '2038-04-01', 'issued on the 23rd birthday skips 25'],
    ['1998-04-01', '2021-03-31', '2023-04-01', 'issued the day before the 23rd birthday runs to 25'],
    ['1982-07-15', '2021-07-15', '2042-07-15', 'CCCD at 39 skips 40'],
    ['1964-02-01', '2022-01-31', '2024-02-01', 'issued the day before 58 runs to 60'],
    ['1963-01-20', '2021-02-01', null, 'issued at 58 never expires'],
    ['1950-06-06', '2021-06-06', null, 'issued at 71 never expires'],
    ['2012-09-09', '2024-08-01', '2026-09-09', 'Căn cước at 11 runs to 14'],
    ['2011-09-09', '2024-08-01', '2036-09-09', 'Căn cước at 12 skips 14'],
    ['2010-07-10', '2024-07-10', '2035-07-10', 'Căn cước at 14 runs to 25'],
    ['2000-02-29', '2024-07-01', '2040-02-29', 'Căn cước at 24 skips 25, leap year expiry'],
    ['2000-02-29', '2020-01-01', '2025-02-28', '29 February birthday in a common year'],
  ])('born %s, issued %s → %s (%s)', (birth, issue, expected) => {
    const e = cardExpiry(d(birth), d(issue));
    expect(e.kind === 'date' ? isoDate(e.date) : null).toBe(expected);
  });

  it('uses 14 only for Căn cước cards (issued from 1 July 2024)', () => {
    expect(cardKindForIssueDate(d('2024-06-30'))).toBe('cccd');
    expect(cardKindForIssueDate(d('2024-07-01'))).toBe('can-cuoc');
    const e = cardExpiry(d('2011-01-01'), d('2023-01-01'), 'cccd');
    expect(e.kind === 'date' && isoDate(e.date)).toBe('2036-01-01');
  });

  it.each([
    ['1999-03-15', ['2039-03-15', '2024-03-15']],
    ['1987-01-10', ['2027-01-10', '2047-01-10', '2012-01-10']],
    ['1960-05-05', ['2020-05-05']],
    ['2014-01-01', ['2028-01-01', '2039-01-01']],
    ['2013-01-01', ['2027-01-01', '2038-01-01']],
  ])('candidate expiries for a holder born %s on 2026-11-30', (birth, expected) => {
    expect(candidateExpiries(d(birth), d('2026-11-30')).map(isoDate)).toEqual(expected);
  });
});
