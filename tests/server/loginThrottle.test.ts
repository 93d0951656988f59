import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/domain/clock';
import { CLIENT_LIMITS, FailureCounter, LoginThrottle, USERNAME_LIMITS } from '../../server/auth/loginThrottle';

const START = '2026-11-23T02:00:00.000Z';

describe('login throttle', () => {
  it('five free failures, then 1 s, 2 s, 4 s … per client, capped at 5 minutes', () => {
    const clock = new ManualClock(START);
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 5; i++) expect(throttle.begin(`user${i}`, '10.0.0.1')).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const wait = throttle.begin(`other${i}`, '10.0.0.1');
      waits.push(wait);
      clock.advance(wait * 1000);
      expect(throttle.begin(`other${i}`, '10.0.0.1')).toBe(0);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
  });

  it('per username the wait is capped at a minute, so the owner elsewhere is not locked out for long', () => {
    const clock = new ManualClock(START);
    const throttle = new LoginThrottle(clock);
    // Guesses at one account from ever new addresses.
    for (let i = 0; i < 20; i++) {
      const wait = throttle.begin('canbo1', `10.1.0.${i}`);
      clock.advance(wait * 1000);
      if (wait > 0) expect(throttle.begin('canbo1', `10.1.0.${i}`)).toBe(0);
    }
    const ownerWait = throttle.begin('CanBo1', '192.168.1.20');
    expect(ownerWait).toBeGreaterThan(0);
    expect(ownerWait).toBeLessThanOrEqual(60);
    clock.advance(ownerWait * 1000);
    expect(throttle.begin('canbo1', '192.168.1.20')).toBe(0);
    throttle.succeeded('canbo1', '192.168.1.20');
    expect(throttle.begin('canbo1', '192.168.1.20')).toBe(0);
  });

  it('a refused attempt is not counted, a success clears both counters, and 15 quiet minutes forget them', () => {
    const clock = new ManualClock(START);
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 5; i++) expect(throttle.begin('admin', '10.0.0.2')).toBe(0);
    expect(throttle.begin('admin', '10.0.0.2')).toBe(1);
    // Refused attempts do not make the wait longer.
    expect(throttle.begin('admin', '10.0.0.2')).toBe(1);
    clock.advance(999);
    expect(throttle.begin('admin', '10.0.0.2')).toBe(1);
    clock.advance(1);
    expect(throttle.begin('admin', '10.0.0.2')).toBe(0);
    throttle.succeeded('admin', '10.0.0.2');
    for (let i = 0; i < 5; i++) expect(throttle.begin('admin', '10.0.0.2')).toBe(0);
    expect(throttle.begin('admin', '10.0.0.2')).toBe(1);
    clock.advanceMinutes(15);
    for (let i = 0; i < 5; i++) expect(throttle.begin('admin', '10.0.0.2')).toBe(0);
    expect(throttle.begin('admin', '10.0.0.2')).toBe(1);
  });

  it('remembers a bounded number of usernames and clients, dropping the longest-quiet ones', () => {
    const clock = new ManualClock(START);
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 25_000; i++) throttle.begin(`spray${i}`, `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    expect(throttle.size).toEqual({ usernames: USERNAME_LIMITS.maxKeys, clients: CLIENT_LIMITS.maxKeys });

    const counter = new FailureCounter({ ...CLIENT_LIMITS, maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'd']) counter.fail(key, 0);
    counter.fail('b', 1);
    counter.fail('e', 2);
    expect(counter.size).toBe(3);
    for (let i = 0; i < 6; i++) counter.fail('b', 3);
    // 'a' and 'c' were dropped (quietest); 'b' is still counted.
    expect(counter.waitMs('b', 3)).toBeGreaterThan(0);
    expect(counter.waitMs('a', 3)).toBe(0);
  });
});
