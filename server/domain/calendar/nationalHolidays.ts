/**
 * Vietnam's public holidays (ngày nghỉ lễ, Tết) by year, for offices working Monday to Friday.
 *
 * verify: true — every year's list is to verify against the Prime Minister's / Ministry of Home
 * Affairs' notice for that year (thongbao nghỉ Tết, nghỉ lễ cho cán bộ, công chức, viên chức)
 * before use. The lists follow Bộ luật Lao động 2019, Điều 112 (as amended for 2 September):
 * Tết Dương lịch 1 day; Tết Âm lịch 5 days (the last day of the lunar year and the first four
 * of the new one, unless the government decides another span); Giỗ Tổ Hùng Vương (10/3 lunar)
 * 1 day; 30/4 and 1/5; Quốc khánh 2/9 and one adjacent day chosen by the government. A holiday
 * falling on a weekend is made up on the next working day(s) (ngày nghỉ bù).
 *
 * Weekend days inside a decided span are listed too (as holidays) so that the admin sees the
 * whole break; they are off anyway. A year not listed here has no list: the admin adds its days
 * by hand.
 */
import type { CalendarDay } from '../../../shared/catalogue';
import { DomainError } from '../errors';

const span = (from: string, to: string, name: string): CalendarDay[] => {
  const out: CalendarDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push({ day: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return out;
};
const one = (day: string, name: string): CalendarDay => ({ day, kind: 'holiday', name });

const HOLIDAYS: Record<number, CalendarDay[]> = {
  2026: [
    // Thursday. verify: any swap making a longer break.
    one('2026-01-01', 'Tết Dương lịch'),
    // Lunar new year (Bính Ngọ) on Tuesday 17 Feb 2026. Span as decided for civil servants:
    // Saturday 14 Feb (27 tháng Chạp) to Sunday 22 Feb (mùng 6). verify.
    ...span('2026-02-14', '2026-02-22', 'Tết Nguyên đán Bính Ngọ'),
    // 10/3 lunar = Sunday 26 April 2026, made up on Monday 27 April.
    one('2026-04-26', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
    one('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương'),
    one('2026-04-30', 'Ngày Chiến thắng (30/4)'),
    one('2026-05-01', 'Ngày Quốc tế Lao động (1/5)'),
    // 2/9 is a Wednesday; the adjacent day taken with it: Tuesday 1/9. verify.
    one('2026-09-01', 'Quốc khánh (ngày liền kề)'),
    one('2026-09-02', 'Quốc khánh (2/9)'),
  ],
  2027: [
    one('2027-01-01', 'Tết Dương lịch'),
    // Lunar new year (Đinh Mùi) on Saturday 6 Feb 2027: Friday 5 Feb (30 Tết) to Tuesday 9 Feb
    // under the Labour Code; Saturday 6 and Sunday 7 are made up on Wednesday 10 and Thursday 11. verify.
    ...span('2027-02-05', '2027-02-09', 'Tết Nguyên đán Đinh Mùi'),
    one('2027-02-10', 'Nghỉ bù Tết Nguyên đán'),
    one('2027-02-11', 'Nghỉ bù Tết Nguyên đán'),
    // 10/3 lunar = Friday 16 April 2027.
    one('2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
    one('2027-04-30', 'Ngày Chiến thắng (30/4)'),
    // Saturday, made up on Monday 3 May.
    one('2027-05-01', 'Ngày Quốc tế Lao động (1/5)'),
    one('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động'),
    // 2/9 is a Thursday; the adjacent day taken with it: Friday 3/9. verify.
    one('2027-09-02', 'Quốc khánh (2/9)'),
    one('2027-09-03', 'Quốc khánh (ngày liền kề)'),
  ],
};

/** The years nationalHolidays knows. */
export const NATIONAL_HOLIDAY_YEARS = Object.keys(HOLIDAYS).map(Number);

export function hasNationalHolidays(year: number): boolean {
  return year in HOLIDAYS;
}

/** The national holidays of `year` (to verify against the year's official notice). */
export function nationalHolidays(year: number): CalendarDay[] {
  const list = HOLIDAYS[year];
  if (!list) {
    throw new DomainError(
      400,
      'year_not_supported',
      `Chưa có danh sách ngày lễ quốc gia năm ${year} (có các năm ${NATIONAL_HOLIDAY_YEARS.join(', ')}); hãy thêm từng ngày. ` +
        `(No national holiday list for ${year}; add the days by hand.)`,
    );
  }
  return list.map((d) => ({ ...d }));
}
