import { describe, expect, it } from 'vitest';
import { dayToText, textToDay } from '../../shared/dayText';

describe('dates as dd/mm/yyyy', () => {
  it('writes yyyy-mm-dd as dd/mm/yyyy', () => {
    expect(dayToText('2026-11-05')).toBe('05/11/2026');
    expect(dayToText('')).toBe('');
    expect(dayToText('2026-1-5')).toBe('');
  });

  it('reads dd/mm/yyyy, d/m/yyyy and other separators, only real calendar dates', () => {
    expect(textToDay('05/11/2026')).toBe('2026-11-05');
    expect(textToDay(' 5/1/2026 ')).toBe('2026-01-05');
    expect(textToDay('29.02.2028')).toBe('2028-02-29');
    expect(textToDay('31-12-2026')).toBe('2026-12-31');
    for (const bad of ['29/02/2026', '31/04/2026', '00/01/2026', '01/13/2026', '01/00/2026', '1/1/26', '2026-11-05', '11/05', '', 'abc', '01/01/1899', '01/01/3000']) {
      expect(textToDay(bad), bad).toBeNull();
    }
  });

  it('reads back what it writes for every day of a leap year', () => {
    for (let t = Date.UTC(2028, 0, 1); t < Date.UTC(2029, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      expect(textToDay(dayToText(day))).toBe(day);
    }
  });
});
