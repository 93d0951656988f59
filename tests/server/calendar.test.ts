import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../server/domain/calendar/workingCalendar';
import { nationalHolidays, NATIONAL_HOLIDAY_YEARS } from '../../server/domain/calendar/nationalHolidays';
import { weekdayOf } from '../../server/domain/time';
import type { ProcessingTime } from '../../shared/catalogue';
import { errorCode, makeFixture } from './fixture';

/** A wall-clock time in Hanoi (UTC+7, no daylight saving). */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
/** An instant as Hanoi wall-clock "yyyy-mm-dd hh:mm". */
const local = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const days = (value: number): ProcessingTime => ({ unit: 'working_days', value });
const hours = (value: number): ProcessingTime => ({ unit: 'working_hours', value });
const SAME_DAY: ProcessingTime = { unit: 'same_day' };

/**
 * The fixture office opens Monday–Friday 07:30–11:30 and 13:30–17:00 and Saturday 07:30–11:30
 * (Saturday is still a day off unless the calendar says otherwise); nothing on Sunday.
 */
function calendar() {
  const f = makeFixture();
  const cal = new WorkingCalendar(f.db, f.config);
  cal.addNationalHolidays(2026);
  cal.setDay({ day: '2026-03-07', kind: 'working', name: 'Làm bù (thứ Bảy)' });
  cal.setDay({ day: '2026-03-15', kind: 'working', name: 'Làm bù (Chủ nhật)' });
  return { f, cal };
}

describe('working days', () => {
  const { cal } = calendar();
  it.each([
    ['2026-11-23', true, 'a Monday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2026-02-16', false, 'Tết (Monday)'],
    ['2026-02-20', false, 'Tết (Friday)'],
    ['2026-02-23', true, 'the Monday after Tết'],
    ['2026-04-27', false, 'the compensatory Monday for Giỗ Tổ on a Sunday'],
    ['2026-09-02', false, 'Quốc khánh'],
    ['2026-03-07', true, 'a compensatory working Saturday'],
  ])('%s is %s (%s)', (day, working) => {
    expect(cal.isWorkingDay(day)).toBe(working);
  });

  it('a working day without opening hours for its weekday works 07:30–11:30 and 13:30–17:00', () => {
    expect(cal.workingIntervals('2026-03-15')).toEqual([
      [450, 690],
      [810, 1020],
    ]);
    expect(cal.workingIntervals('2026-03-07')).toEqual([[450, 690]]);
    expect(cal.workingIntervals('2026-11-28')).toEqual([]);
  });

  it('an office open 00:00–24:00 (the demo office) returns results in administrative hours', () => {
    const f = makeFixture();
    f.config.setOpeningHours([0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, openMinutes: 0, closeMinutes: 1440 })));
    const allDay = new WorkingCalendar(f.db, f.config);
    expect(allDay.workingIntervals('2026-11-23')).toEqual([
      [450, 690],
      [810, 1020],
    ]);
    expect(local(allDay.dueAt(vn('2026-11-23 20:00'), days(1)))).toBe('2026-11-25 17:00');
  });
});

describe('dueAt', () => {
  const { cal } = calendar();
  it.each([
    // [received (Hanoi), time, due (Hanoi), why]
    ['2026-11-23 09:00', SAME_DAY, '2026-11-23 17:00', 'same day: the closing time'],
    ['2026-11-23 06:45', SAME_DAY, '2026-11-23 17:00', 'same day, before opening'],
    ['2026-11-23 17:00', SAME_DAY, '2026-11-24 17:00', 'at closing: the next working day'],
    ['2026-11-23 18:30', SAME_DAY, '2026-11-24 17:00', 'after closing: the next working day'],
    ['2026-11-28 09:00', SAME_DAY, '2026-11-30 17:00', 'on a Saturday off: Monday'],
    ['2026-11-26 10:00', days(3), '2026-12-01 17:00', 'Thursday + 3 working days crosses the weekend'],
    ['2026-11-27 16:59', days(1), '2026-11-30 17:00', 'Friday before closing + 1: Monday'],
    ['2026-11-27 17:00', days(1), '2026-12-01 17:00', 'Friday at closing counts from Monday: + 1 is Tuesday'],
    ['2026-02-13 10:00', days(1), '2026-02-23 17:00', 'Friday before Tết + 1: the Monday after Tết'],
    ['2026-02-13 16:59', days(3), '2026-02-25 17:00', 'Friday before Tết + 3'],
    ['2026-02-13 17:00', days(3), '2026-02-26 17:00', 'Friday before Tết at closing + 3'],
    ['2026-02-18 09:00', days(1), '2026-02-24 17:00', 'received during Tết: counts from the Monday after'],
    ['2026-03-06 10:00', days(1), '2026-03-07 11:30', 'Friday + 1: the compensatory Saturday, its closing'],
    ['2026-03-07 11:45', SAME_DAY, '2026-03-09 17:00', 'after the compensatory Saturday closed: Monday'],
    ['2026-03-15 09:00', SAME_DAY, '2026-03-15 17:00', 'a working Sunday without hours: 17:00'],
    ['2026-04-24 10:00', days(1), '2026-04-28 17:00', 'Friday + 1 skips Giỗ Tổ (Sunday) and its Monday off'],
    ['2026-04-29 15:00', days(2), '2026-05-05 17:00', 'over 30/4 and 1/5 and the weekend'],
    ['2026-11-23 09:00', hours(8), '2026-11-24 09:30', '8 working hours skip the lunch break and the night'],
    ['2026-11-23 12:00', hours(4), '2026-11-24 08:00', 'received at lunch: counted from 13:30'],
    ['2026-11-23 13:30', hours(3), '2026-11-23 16:30', 'inside one interval'],
    ['2026-11-28 10:00', hours(2), '2026-11-30 09:30', 'received on a Saturday off: from Monday 07:30'],
    ['2026-02-13 16:00', hours(2), '2026-02-23 08:30', 'the last hour before Tết, the rest after it'],
    ['2026-03-06 16:00', hours(5), '2026-03-07 11:30', '1 h on Friday, 4 h on the compensatory Saturday'],
    ['2026-03-06 16:00', hours(6), '2026-03-09 08:30', 'through the compensatory Saturday into Monday'],
  ])('%s + %j → %s (%s)', (received, time, due) => {
    expect(local(cal.dueAt(vn(received), time))).toBe(due);
  });

  it('follows the admin: a holiday added later moves the due date', () => {
    const { cal: c } = calendar();
    expect(local(c.dueAt(vn('2026-11-23 09:00'), days(1)))).toBe('2026-11-24 17:00');
    c.setDay({ day: '2026-11-24', kind: 'holiday', name: 'Nghỉ đột xuất' });
    expect(local(c.dueAt(vn('2026-11-23 09:00'), days(1)))).toBe('2026-11-25 17:00');
    expect(c.removeDay('2026-11-24')).toBe(true);
    expect(local(c.dueAt(vn('2026-11-23 09:00'), days(1)))).toBe('2026-11-24 17:00');
  });

  it('sees changes made through another instance on the same database', () => {
    const { f, cal: a } = calendar();
    const b = new WorkingCalendar(f.db, f.config);
    expect(b.isWorkingDay('2026-11-24')).toBe(true);
    a.setDay({ day: '2026-11-24', kind: 'holiday', name: 'Nghỉ' });
    expect(b.isWorkingDay('2026-11-24')).toBe(false);
  });

  it('refuses a change based on an older calendar version', () => {
    const { cal: c } = calendar();
    const v = c.version();
    c.setDay({ day: '2026-12-31', kind: 'holiday', name: 'Nghỉ' }, v);
    expect(errorCode(() => c.setDay({ day: '2026-12-30', kind: 'holiday', name: 'Nghỉ' }, v))).toBe('409 stale_version');
    expect(c.day('2026-12-30')).toBeNull();
  });
});

describe('national holidays', () => {
  it('knows 2026 and 2027, each with its Vietnamese names, on the expected days', () => {
    expect(NATIONAL_HOLIDAY_YEARS).toEqual(expect.arrayContaining([2026, 2027]));
    const y26 = nationalHolidays(2026).map((d) => d.day);
    expect(y26).toEqual(expect.arrayContaining(['2026-01-01', '2026-02-17', '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02']));
    const y27 = nationalHolidays(2027);
    expect(y27.map((d) => d.day)).toEqual(
      expect.arrayContaining(['2027-01-01', '2027-02-05', '2027-02-10', '2027-02-11', '2027-04-16', '2027-05-03', '2027-09-02']),
    );
    // 1 May 2027 is a Saturday: made up on Monday 3 May.
    expect(weekdayOf('2027-05-01')).toBe(6);
    expect(y27.find((d) => d.day === '2027-05-03')?.name).toContain('Nghỉ bù');
    for (const d of [...nationalHolidays(2026), ...y27]) {
      expect(d.kind).toBe('holiday');
      expect(d.name.length).toBeGreaterThan(3);
    }
  });

  it('adding a year keeps the days the admin set and adds the rest once', () => {
    const f = makeFixture();
    const cal = new WorkingCalendar(f.db, f.config);
    cal.setDay({ day: '2027-01-01', kind: 'holiday', name: 'Tết Dương lịch (đơn vị)' });
    const added = cal.addNationalHolidays(2027);
    expect(added.map((d) => d.day)).not.toContain('2027-01-01');
    expect(cal.day('2027-01-01')?.name).toBe('Tết Dương lịch (đơn vị)');
    expect(cal.addNationalHolidays(2027)).toEqual([]);
    expect(cal.year(2027)).toHaveLength(nationalHolidays(2027).length);
  });

  it('an unknown year is a clear 400', () => {
    const f = makeFixture();
    const cal = new WorkingCalendar(f.db, f.config);
    expect(errorCode(() => cal.addNationalHolidays(2035))).toBe('400 year_not_supported');
    expect(cal.year(2035)).toEqual([]);
  });
});
