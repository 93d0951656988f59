import { describe, expect, it } from 'vitest';
import { allClipIds, buildCallSequence, charClip, counterClips } from '../../../display/voice/sequence';

describe('buildCallSequence', () => {
  it('A012 to counter 3 (vi)', () => {
    expect(buildCallSequence({ number: 'A012', counterNumber: 3, lang: 'vi', mode: 'digits' })).toEqual([
      'chime',
      'xin-moi',
      'a',
      '0',
      '1',
      '2',
      'den-quay',
      'num-3',
    ]);
  });

  it('1012 to counter 12 (vi)', () => {
    expect(buildCallSequence({ number: '1012', counterNumber: 12, lang: 'vi', mode: 'digits' })).toEqual([
      'chime',
      'xin-moi',
      '1',
      '0',
      '1',
      '2',
      'den-quay',
      'num-12',
    ]);
  });

  it('counter 45 is spelled digit by digit', () => {
    expect(buildCallSequence({ number: 'B7', counterNumber: 45, lang: 'vi', mode: 'digits' })).toEqual([
      'chime',
      'xin-moi',
      'b',
      '7',
      'den-quay',
      '4',
      '5',
    ]);
  });

  it('uses the English phrases for en', () => {
    expect(buildCallSequence({ number: 'C05', counterNumber: '30', lang: 'en', mode: 'digits' })).toEqual([
      'chime',
      'ticket-number',
      'c',
      '0',
      '5',
      'please-go-to-counter',
      'num-30',
    ]);
  });

  it('ignores separators, folds case and Vietnamese diacritics', () => {
    expect(buildCallSequence({ number: ' đ-1 x', counterNumber: '07', lang: 'vi', mode: 'digits' }).slice(2)).toEqual([
      'd',
      '1',
      'x',
      'den-quay',
      'num-7',
    ]);
    expect(charClip('Ă')).toBe('a');
    expect(charClip('-')).toBeNull();
  });

  it('counter numbers outside 1–30 and non-numeric counters are spelled', () => {
    expect(counterClips(0)).toEqual(['0']);
    expect(counterClips(31)).toEqual(['3', '1']);
    expect(counterClips(100)).toEqual(['1', '0', '0']);
    expect(counterClips('12A')).toEqual(['1', '2', 'a']);
    expect(counterClips(1)).toEqual(['num-1']);
  });

  it('allClipIds covers chime, phrases, digits, letters and numbers', () => {
    const ids = allClipIds('vi');
    expect(ids).toHaveLength(3 + 10 + 26 + 30);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['chime', 'xin-moi', 'den-quay', '0', '9', 'a', 'z', 'num-1', 'num-30']));
  });
});
