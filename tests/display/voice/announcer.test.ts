import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Announcer,
  type AnnouncementRecord,
  type AnnouncerOptions,
  type ClipPlayer,
  type SpeechEngine,
  type VoiceLang,
} from '../../../display/voice/announcer';

const CLIP_MS = 100;

interface PlayEvent {
  lang: VoiceLang;
  clips: string[];
  start: number;
  end: number;
}

/** Fake player: every clip "lasts" CLIP_MS of fake time. */
function fakePlayer(fail?: (clips: readonly string[]) => boolean) {
  const plays: PlayEvent[] = [];
  let active = 0;
  let maxActive = 0;
  const player: ClipPlayer = {
    preload: vi.fn(async () => undefined),
    play: vi.fn(async (lang: VoiceLang, clips: readonly string[]) => {
      active++;
      maxActive = Math.max(maxActive, active);
      const event: PlayEvent = { lang, clips: [...clips], start: Date.now(), end: -1 };
      plays.push(event);
      await new Promise((resolve) => setTimeout(resolve, clips.length * CLIP_MS));
      event.end = Date.now();
      active--;
      if (fail?.(clips)) throw new Error('boom');
    }),
  };
  return { player, plays, maxActive: () => maxActive };
}

function setup(options: Partial<AnnouncerOptions> = {}, fail?: (clips: readonly string[]) => boolean) {
  const fake = fakePlayer(fail);
  const log: AnnouncementRecord[] = [];
  const onChange = vi.fn();
  const announcer = new Announcer({ player: fake.player, speech: null, log, onChange, options });
  return { ...fake, log, onChange, announcer };
}

const call = (id: number, number = `A00${id}`, counterNumber: number | string = id) =>
  ({ id, number, counterNumber, kind: 'call' }) as const;

const states = (log: AnnouncementRecord[], id: number | string) => log.filter((r) => r.id === id).map((r) => r.state);

async function drain(announcer: Announcer) {
  await vi.runAllTimersAsync();
  await announcer.idle();
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T08:00:00Z'));
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Announcer', () => {
  it('announces queued calls in order with the lifecycle queued → started → finished', async () => {
    const { announcer, plays, log, onChange } = setup({ repeat: 1 });
    announcer.enqueue(call(1));
    announcer.enqueue(call(2));
    announcer.enqueue(call(3, '1012', 12));
    await drain(announcer);
    expect(plays.map((p) => p.clips)).toEqual([
      ['chime', 'xin-moi', 'a', '0', '0', '1', 'den-quay', 'num-1'],
      ['chime', 'xin-moi', 'a', '0', '0', '2', 'den-quay', 'num-2'],
      ['chime', 'xin-moi', '1', '0', '1', '2', 'den-quay', 'num-12'],
    ]);
    for (const id of [1, 2, 3]) expect(states(log, id)).toEqual(['queued', 'started', 'finished']);
    expect(log.find((r) => r.id === 3 && r.state === 'finished')).toMatchObject({
      number: '1012',
      counterNumber: 12,
      kind: 'call',
      voice: 'clips',
      clips: ['chime', 'xin-moi', '1', '0', '1', '2', 'den-quay', 'num-12'],
    });
    expect(onChange).toHaveBeenCalledTimes(9);
  });

  it('never overlaps: a call enqueued during playback waits for every repeat of the first', async () => {
    const { announcer, plays, log, maxActive } = setup({ repeat: 2, repeatGapMs: 500 });
    announcer.enqueue(call(1));
    await vi.advanceTimersByTimeAsync(150); // first pass is playing
    expect(announcer.enqueue(call(2))).toBe(true);
    expect(states(log, 2)).toEqual(['queued']);

    await vi.advanceTimersByTimeAsync(800 + 500); // pass 1 ends, gap, pass 2 still playing
    expect(states(log, 1)).toEqual(['queued', 'started']);
    expect(states(log, 2)).toEqual(['queued']);

    await drain(announcer);
    const finished1 = log.find((r) => r.id === 1 && r.state === 'finished');
    const started2 = log.find((r) => r.id === 2 && r.state === 'started');
    expect(finished1 && started2 && started2.at >= finished1.at).toBe(true);
    expect(maxActive()).toBe(1);
    for (let i = 1; i < plays.length; i++) expect(plays[i]!.start).toBeGreaterThanOrEqual(plays[i - 1]!.end);
  });

  it('repeats the sentence `repeat` times, chime only before the first, with a gap', async () => {
    const { announcer, plays } = setup({ repeat: 3, repeatGapMs: 700 });
    announcer.enqueue(call(1, 'B12', 45));
    await drain(announcer);
    expect(plays).toHaveLength(3);
    expect(plays[0]!.clips).toEqual(['chime', 'xin-moi', 'b', '1', '2', 'den-quay', '4', '5']);
    expect(plays[1]!.clips).toEqual(['xin-moi', 'b', '1', '2', 'den-quay', '4', '5']);
    expect(plays[2]!.clips).toEqual(plays[1]!.clips);
    expect(plays[1]!.start - plays[0]!.end).toBe(700);
    expect(plays[2]!.start - plays[1]!.end).toBe(700);
  });

  it('defaults to 2 repeats and clamps nonsense', () => {
    const { announcer } = setup();
    expect(announcer.options.repeat).toBe(2);
    announcer.setOptions({ repeat: 0 });
    expect(announcer.options.repeat).toBe(1);
    announcer.setOptions({ repeat: Number.NaN });
    expect(announcer.options.repeat).toBe(2);
  });

  it('muted: calls are recorded as skipped and not played; unmuting resumes', async () => {
    const { announcer, plays, log } = setup({ repeat: 1 });
    announcer.setOptions({ muted: true });
    announcer.enqueue(call(1));
    await drain(announcer);
    expect(plays).toHaveLength(0);
    expect(log.filter((r) => r.id === 1).map((r) => [r.state, r.reason])).toEqual([
      ['queued', undefined],
      ['skipped', 'muted'],
    ]);
    announcer.setOptions({ muted: false });
    announcer.enqueue(call(2));
    await drain(announcer);
    expect(plays).toHaveLength(1);
    expect(states(log, 2)).toEqual(['queued', 'started', 'finished']);
  });

  it('muting during an announcement stops after the current pass', async () => {
    const { announcer, plays, log } = setup({ repeat: 3 });
    announcer.enqueue(call(1));
    announcer.enqueue(call(2));
    await vi.advanceTimersByTimeAsync(100);
    announcer.setOptions({ muted: true });
    await drain(announcer);
    expect(plays).toHaveLength(1);
    expect(states(log, 1)).toEqual(['queued', 'started', 'finished']);
    expect(log.find((r) => r.id === 2 && r.state === 'skipped')?.reason).toBe('muted');
  });

  it('dedupes: the same call id is announced once, even if resent later', async () => {
    const { announcer, plays, log } = setup({ repeat: 1 });
    expect(announcer.enqueue(call(7))).toBe(true);
    expect(announcer.enqueue(call(7))).toBe(false);
    await drain(announcer);
    expect(announcer.enqueue({ ...call(7), id: '7' })).toBe(false);
    await drain(announcer);
    expect(plays).toHaveLength(1);
    expect(states(log, 7)).toEqual(['queued', 'started', 'finished']);
  });

  it('bounds the queue: drops the oldest waiting calls beyond maxQueue', async () => {
    const { announcer, plays, log } = setup({ repeat: 1 });
    for (let id = 1; id <= 15; id++) announcer.enqueue(call(id));
    expect(announcer.pending).toBe(10); // call 1 is playing, 2–5 were dropped
    await drain(announcer);
    const dropped = log.filter((r) => r.state === 'skipped').map((r) => [r.id, r.reason]);
    expect(dropped).toEqual([2, 3, 4, 5].map((id) => [id, 'dropped']));
    expect(plays.map((p) => p.clips.at(-1))).toEqual([1, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((n) => `num-${n}`));
    expect(log.filter((r) => r.state === 'finished').map((r) => r.id)).toEqual([1, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('a failing player marks the call skipped (error) and moves on', async () => {
    const { announcer, log } = setup({ repeat: 2 }, (clips) => clips.includes('num-1'));
    announcer.enqueue(call(1));
    announcer.enqueue(call(2));
    await drain(announcer);
    expect(log.filter((r) => r.id === 1).map((r) => r.reason ?? r.state)).toEqual(['queued', 'started', 'error']);
    expect(states(log, 2)).toEqual(['queued', 'started', 'finished']);
  });

  it('speaks a second language after each pass when secondLang is set', async () => {
    const { announcer, plays } = setup({ repeat: 1, secondLang: 'en' });
    announcer.enqueue(call(1, 'A1', 3));
    await drain(announcer);
    expect(plays.map((p) => [p.lang, p.clips])).toEqual([
      ['vi', ['chime', 'xin-moi', 'a', '1', 'den-quay', 'num-3']],
      ['en', ['ticket-number', 'a', '1', 'please-go-to-counter', 'num-3']],
    ]);
  });

  it("voice 'speechSynthesis' uses the platform voice if one exists, else the clips", async () => {
    const fake = fakePlayer();
    const said: string[][] = [];
    let hasVi = true;
    const speech: SpeechEngine = {
      hasVoice: (lang) => lang === 'vi' && hasVi,
      say: async (_lang, clips) => {
        said.push([...clips]);
      },
    };
    const log: AnnouncementRecord[] = [];
    const announcer = new Announcer({ player: fake.player, speech, log, options: { repeat: 1, voice: 'speechSynthesis' } });
    announcer.enqueue(call(1, 'A1', 3));
    await drain(announcer);
    expect(fake.plays.map((p) => p.clips)).toEqual([['chime']]);
    expect(said).toEqual([['xin-moi', 'a', '1', 'den-quay', 'num-3']]);
    expect(log.at(-1)).toMatchObject({ state: 'finished', voice: 'speechSynthesis' });

    hasVi = false;
    announcer.enqueue(call(2, 'A2', 3));
    await drain(announcer);
    expect(fake.plays.at(-1)?.clips).toEqual(['chime', 'xin-moi', 'a', '2', 'den-quay', 'num-3']);
    expect(log.at(-1)).toMatchObject({ state: 'finished', voice: 'clips' });
  });

  it('pushes lifecycle records to window.__qsAnnouncements by default', async () => {
    const fake = fakePlayer();
    vi.stubGlobal('window', {});
    try {
      const announcer = new Announcer({ player: fake.player, speech: null, options: { repeat: 1 } });
      announcer.enqueue({ id: 'ev-9', number: 'C009', counterNumber: '4', kind: 'recall' });
      await drain(announcer);
      const records = (globalThis as { window?: Window }).window?.__qsAnnouncements ?? [];
      expect(records.map((r) => r.state)).toEqual(['queued', 'started', 'finished']);
      expect(records[0]).toMatchObject({ id: 'ev-9', number: 'C009', counterNumber: '4', kind: 'recall' });
      expect(records[0]?.at).toBe(Date.parse('2025-03-01T08:00:00Z'));
      expect(records[0]?.clips).toEqual(['chime', 'xin-moi', 'c', '0', '0', '9', 'den-quay', 'num-4']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('preload asks the player for every clip of the configured languages', async () => {
    const { announcer, player } = setup({ secondLang: 'en' });
    await announcer.preload();
    expect(player.preload).toHaveBeenCalledTimes(2);
    expect(vi.mocked(player.preload).mock.calls.map((c) => [c[0], c[1].length])).toEqual([
      ['vi', 69],
      ['en', 69],
    ]);
  });
});
