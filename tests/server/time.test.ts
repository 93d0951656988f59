import { describe, expect, it } from 'vitest';
import {
  hhmmToMinutes,
  lastClosingOf,
  localParts,
  openingState,
  serviceDayAt,
  serviceDayOf,
  zonedInstant,
} from '../../server/domain/time';

const HCM = 'Asia/Ho_Chi_Minh';
const hours = [
  { weekday: 1, openMinutes: 450, closeMinutes: 690 },
  { weekday: 1, openMinutes: 810, closeMinutes: 1020 },
  { weekday: 2, openMinutes: 450, closeMinutes: 690 },
];

describe('service day', () => {
  it('is computed in Asia/Ho_Chi_Minh, not UTC', () => {
    // 2026-11-22T17:30Z is 00:30 on the 23rd in Hanoi.
    expect(serviceDayOf(new Date('2026-11-22T17:30:00Z'), HCM)).toBe('2026-11-23');
    expect(serviceDayOf(new Date('2026-11-22T16:59:59Z'), HCM)).toBe('2026-11-22');
  });

  it('starts at the configured hour', () => {
    // 03:00 local on the 23rd still belongs to the 22nd when the day starts at 04:00.
    expect(serviceDayOf(new Date('2026-11-22T20:00:00Z'), HCM, 240)).toBe('2026-11-22');
    expect(serviceDayOf(new Date('2026-11-22T21:00:00Z'), HCM, 240)).toBe('2026-11-23');
  });

  it('compares wall-clock times on daylight-saving switch days', () => {
    // New York springs forward on 2026-03-08 (02:00 EST → 03:00 EDT): 07:30Z is 03:30 EDT.
    expect(serviceDayOf(new Date('2026-03-08T07:30:00Z'), 'America/New_York', 180)).toBe('2026-03-08');
    // …and falls back on 2026-11-01 (02:00 EDT → 01:00 EST): 07:00Z is 02:00 EST, before a 02:30 start.
    expect(serviceDayOf(new Date('2026-11-01T07:00:00Z'), 'America/New_York', 150)).toBe('2026-10-31');
    // Berlin: 01:30Z on 2026-03-29 is 03:30 CEST; 01:15Z on 2026-10-25 is 02:15 CET.
    expect(serviceDayOf(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin', 180)).toBe('2026-03-29');
    expect(serviceDayOf(new Date('2026-10-25T01:15:00Z'), 'Europe/Berlin', 150)).toBe('2026-10-24');
    expect(serviceDayOf(new Date('2026-10-25T01:45:00Z'), 'Europe/Berlin', 150)).toBe('2026-10-25');
  });

  it('converts a wall-clock time of a date to its instant, across a switch', () => {
    expect(zonedInstant('2026-11-23', 17 * 60, HCM).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(zonedInstant('2026-11-23', 24 * 60, HCM).toISOString()).toBe('2026-11-23T17:00:00.000Z');
    expect(zonedInstant('2026-03-29', 17 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-29T15:00:00.000Z');
    expect(zonedInstant('2026-03-28', 17 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-28T16:00:00.000Z');
    expect(lastClosingOf('2026-11-23', HCM, hours)?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(lastClosingOf('2026-11-22', HCM, hours)).toBeNull(); // a Sunday
  });

  it('only moves forward, and changed rules start with the next service day', () => {
    const hcm = { timeZone: HCM, dayStartMinutes: 0 };
    const current = { day: '2026-11-23', rules: hcm };
    // A clock set back a day stays on the day in use.
    expect(serviceDayAt(new Date('2026-11-22T02:00:00Z'), current, hcm)).toBe('2026-11-23');
    // Day start moved to 10:00 at 09:00: still the 23rd, not the 22nd.
    const late = { timeZone: HCM, dayStartMinutes: 600 };
    expect(serviceDayAt(new Date('2026-11-23T02:00:00Z'), current, late)).toBe('2026-11-23');
    // The 23rd ends at midnight under the rules it began with; the 24th then lasts until 10:00 on the 25th.
    expect(serviceDayAt(new Date('2026-11-23T17:00:00Z'), current, late)).toBe('2026-11-24');
    expect(serviceDayAt(new Date('2026-11-25T02:59:00Z'), current, late)).toBe('2026-11-24');
    expect(serviceDayAt(new Date('2026-11-25T03:00:00Z'), current, late)).toBe('2026-11-25');
  });

  it('gives local weekday and time', () => {
    const p = localParts(new Date('2026-11-23T02:05:09Z'), HCM);
    expect(p).toMatchObject({ year: 2026, month: 11, day: 23, hour: 9, minute: 5, second: 9, weekday: 1 });
  });
});

describe('opening hours', () => {
  it('is open inside an interval and closed at lunch', () => {
    expect(openingState(new Date('2026-11-23T02:00:00Z'), HCM, hours).open).toBe(true); // Mon 09:00
    const lunch = openingState(new Date('2026-11-23T05:00:00Z'), HCM, hours); // Mon 12:00
    expect(lunch.open).toBe(false);
    expect(lunch.message).toContain('lúc 13:30 hôm nay');
  });

  it('closes exactly at the closing minute and points to the next day', () => {
    const evening = openingState(new Date('2026-11-23T10:00:00Z'), HCM, hours); // Mon 17:00
    expect(evening.open).toBe(false);
    expect(evening.message).toContain('lúc 07:30 ngày mai');
  });

  it('names the weekday when the next opening is later in the week', () => {
    const wed = openingState(new Date('2026-11-25T02:00:00Z'), HCM, hours); // Wed 09:00
    expect(wed.message).toContain('Thứ Hai');
  });

  it('says so when there are no opening hours at all', () => {
    expect(openingState(new Date(), HCM, []).message).toMatch(/không nhận lấy số/);
  });

  it('parses HH:MM strictly', () => {
    expect(hhmmToMinutes('07:30')).toBe(450);
    expect(hhmmToMinutes('24:00')).toBe(1440);
    expect(() => hhmmToMinutes('7h30')).toThrow();
    expect(() => hhmmToMinutes('10:75')).toThrow();
  });
});
