import { describe, expect, it } from 'vitest';
import { openingState, serviceDayOf, localParts, hhmmToMinutes } from '../../server/domain/time';

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
