import { describe, expect, it } from 'vitest';
import type { DisplaySettings, PublicCounter, PublicService, QueueSnapshot } from '../../shared/contract';
import { effectiveOptions, parseOptions, resolveScope, sameOptions } from '../../display/options';

const settings: DisplaySettings = {
  voice: 'speechSynthesis',
  repeat: 3,
  english: true,
  profiles: [
    { key: 'tang-1', name: 'Tầng 1', counters: [1, 2], services: [], muted: false },
    { key: 'dat-dai', name: 'Đất đai', counters: [], services: ['b'], muted: true },
  ],
};

const service = (id: number, code: string, prefix: string) => ({ id, code, prefix, sortOrder: id }) as PublicService;
const counter = (id: number, number: number, serviceIds: number[]) => ({ id, number, serviceIds }) as PublicCounter;
const snap = {
  services: [service(1, 'TP', 'A'), service(2, 'DD', 'B'), service(3, 'HT', 'C')],
  counters: [counter(11, 1, [1]), counter(12, 2, [2]), counter(13, 3, [2, 3])],
} as QueueSnapshot;

describe('display options', () => {
  it('reads the URL; absent options stay null so the office settings decide', () => {
    expect(parseOptions('')).toEqual({
      profile: null,
      counters: null,
      services: null,
      muted: null,
      repeat: null,
      english: null,
    });
    expect(parseOptions('?profile=Tang-1&counters=2,x,3&services=b,tp&mute=0&repeat=9&en=1')).toEqual({
      profile: 'tang-1',
      counters: [2, 3],
      services: ['B', 'TP'],
      muted: false,
      repeat: 5,
      english: true,
    });
  });

  it('without a URL option the office settings apply; defaults without settings', () => {
    expect(effectiveOptions(parseOptions(''), undefined)).toMatchObject({ muted: false, repeat: 2, english: false, voice: 'clips' });
    expect(effectiveOptions(parseOptions(''), settings)).toMatchObject({
      counters: null,
      services: null,
      repeat: 3,
      english: true,
      voice: 'speechSynthesis',
      profileName: null,
      missingProfile: null,
    });
  });

  it('a profile sets counters, fields and mute; the URL overrides each of them', () => {
    const floor = effectiveOptions(parseOptions('?profile=tang-1'), settings);
    expect(floor).toMatchObject({ counters: [1, 2], services: null, muted: false, profileName: 'Tầng 1' });
    expect(resolveScope(snap, floor).counters.map((c) => c.number)).toEqual([1, 2]);
    // The waiting counts of the fields those counters serve; calls by counter only.
    expect(resolveScope(snap, floor).services.map((s) => s.code)).toEqual(['TP', 'DD']);
    expect(resolveScope(snap, floor).showsCall({ counterNumber: 2, serviceId: 3 })).toBe(true);
    expect(resolveScope(snap, floor).showsCall({ counterNumber: 3, serviceId: 2 })).toBe(false);
    // A counter number that does not exist shows no counter, and every field.
    const none = resolveScope(snap, { counters: [9], services: null });
    expect([none.counters.length, none.services.length]).toEqual([0, 3]);

    const land = effectiveOptions(parseOptions('?profile=dat-dai'), settings);
    expect(land).toMatchObject({ counters: null, services: ['B'], muted: true });
    const scope = resolveScope(snap, land);
    expect(scope.services.map((s) => s.code)).toEqual(['DD']);
    expect(scope.counters.map((c) => c.number)).toEqual([2, 3]);
    expect(scope.showsCall({ counterNumber: 3, serviceId: 3 })).toBe(false);
    expect(scope.showsCall({ counterNumber: 3, serviceId: 2 })).toBe(true);

    expect(effectiveOptions(parseOptions('?profile=dat-dai&mute=0&counters=3&repeat=1'), settings)).toMatchObject({
      counters: [3],
      services: ['B'],
      muted: false,
      repeat: 1,
    });
  });

  it('an unknown profile shows everything and says so', () => {
    const o = effectiveOptions(parseOptions('?profile=tang-9'), settings);
    expect(o).toMatchObject({ counters: null, services: null, profileName: null, missingProfile: 'tang-9' });
    expect(resolveScope(snap, o).counters).toHaveLength(3);
  });

  it('compares options by value', () => {
    const a = effectiveOptions(parseOptions('?profile=tang-1'), settings);
    const b = effectiveOptions(parseOptions('?profile=tang-1'), structuredClone(settings));
    expect(sameOptions(a, b)).toBe(true);
    expect(sameOptions(a, effectiveOptions(parseOptions('?profile=tang-1'), { ...settings, repeat: 1 }))).toBe(false);
  });
});
