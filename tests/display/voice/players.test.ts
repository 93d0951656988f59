import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createClipPlayer,
  createVoiceLibrary,
  HtmlAudioClipPlayer,
  WebAudioClipPlayer,
  type VoiceManifest,
} from '../../../display/voice/players';
import { createSpeechEngine, joinClipTexts, pickVoice } from '../../../display/voice/speech';

const manifest: VoiceManifest = {
  format: 'ogg-opus',
  languages: {
    vi: {
      chime: { file: 'vi/chime.opus', durationMs: 1000, text: '(chime)' },
      'xin-moi': { file: 'vi/xin-moi.opus', durationMs: 2000, text: 'Xin mời công dân có số thứ tự' },
      a: { file: 'vi/a.opus', durationMs: 400, text: 'a' },
      '1': { file: 'vi/1.opus', durationMs: 300, text: 'một' },
      'den-quay': { file: 'vi/den-quay.opus', durationMs: 900, text: 'đến quầy số' },
      'num-3': { file: 'vi/num-3.opus', durationMs: 400, text: 'ba' },
    },
    en: { chime: { file: 'vi/chime.opus', durationMs: 1000, text: '(chime)' } },
  },
};

function fakeFetch() {
  return vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.endsWith('manifest.json')) return new Response(JSON.stringify(manifest));
    return new Response(new Uint8Array([1, 2, 3]));
  });
}

/** Minimal AudioContext: decode gives 0.5 s buffers; sources end when currentTime passes. */
class FakeAudioContext {
  static instances: FakeAudioContext[] = [];
  state: AudioContextState = 'suspended';
  currentTime = 10;
  destination = {};
  started: { at: number; buffer: unknown }[] = [];
  constructor() {
    FakeAudioContext.instances.push(this);
  }
  async resume() {
    this.state = 'running';
  }
  async decodeAudioData() {
    return { duration: 0.5 };
  }
  createBufferSource() {
    const node = {
      buffer: null as unknown,
      onended: null as null | (() => void),
      connect: () => undefined,
      start: (at: number) => {
        this.started.push({ at, buffer: node.buffer });
        setTimeout(() => node.onended?.(), (at - this.currentTime + 0.5) * 1000);
      },
    };
    return node;
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeAudioContext.instances = [];
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('createVoiceLibrary', () => {
  it('fetches the manifest once and resolves urls, texts and the shared chime', async () => {
    const fetch = fakeFetch();
    const lib = createVoiceLibrary({ baseUrl: '/static/voice', fetch });
    expect(await lib.url('en', 'chime')).toBe('/static/voice/vi/chime.opus');
    expect(await lib.url('vi', 'xin-moi')).toBe('/static/voice/vi/xin-moi.opus');
    expect(await lib.text('vi', '1')).toBe('một');
    expect(await lib.durationMs('vi', 'num-3')).toBe(400);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('falls back to conventional paths without a manifest, and retries it later', async () => {
    const fetch = vi.fn(async () => new Response('nope', { status: 404 }));
    const lib = createVoiceLibrary({ fetch });
    expect(await lib.url('en', 'num-7')).toBe('/voice/en/num-7.opus');
    expect(await lib.url('en', 'chime')).toBe('/voice/vi/chime.opus');
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('WebAudioClipPlayer', () => {
  it('decodes each clip once and schedules clips back to back with gaps', async () => {
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const fetch = fakeFetch();
    const player = createClipPlayer({ fetch, gapMs: 100, chimeGapMs: 300 });
    expect(player).toBeInstanceOf(WebAudioClipPlayer);
    expect(FakeAudioContext.instances).toHaveLength(0); // lazy: nothing created yet

    await player.preload('vi', ['chime', 'a', '1']);
    let done = false;
    const playing = player.play('vi', ['chime', 'a', '1']).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2000);
    await playing;
    expect(done).toBe(true);

    const ctx = FakeAudioContext.instances[0]!;
    expect(ctx.started.map((s) => Number(s.at.toFixed(3)))).toEqual([10.05, 10.85, 11.45]);
    expect(fetch).toHaveBeenCalledTimes(4); // manifest + three clips, decoded once
  });

  it('rejects when the AudioContext cannot start (autoplay blocked)', async () => {
    class BlockedContext extends FakeAudioContext {
      override async resume() {
        await new Promise(() => undefined);
      }
    }
    const player = new WebAudioClipPlayer(createVoiceLibrary({ fetch: fakeFetch() }), { gapMs: 0, chimeGapMs: 0 }, BlockedContext as unknown as new () => AudioContext);
    const result = player.play('vi', ['a']).catch((err: Error) => err.message);
    await vi.advanceTimersByTimeAsync(1500);
    expect(await result).toMatch(/autoplay-policy=no-user-gesture-required/);
  });
});

describe('HtmlAudioClipPlayer', () => {
  it('plays one cached <audio> element per clip, in order', async () => {
    const played: string[] = [];
    class FakeAudio extends EventTarget {
      preload = '';
      currentTime = 0;
      constructor(public src: string) {
        super();
      }
      play() {
        played.push(this.src);
        setTimeout(() => this.dispatchEvent(new Event('ended')), 400);
        return Promise.resolve();
      }
    }
    vi.stubGlobal('Audio', FakeAudio);
    const player = createClipPlayer({ fetch: fakeFetch(), gapMs: 50 });
    expect(player).toBeInstanceOf(HtmlAudioClipPlayer);
    const playing = player.play('vi', ['a', '1', 'a']);
    await vi.advanceTimersByTimeAsync(5000);
    await playing;
    expect(played).toEqual(['/voice/vi/a.opus', '/voice/vi/1.opus', '/voice/vi/a.opus']);
  });
});

describe('speechSynthesis engine', () => {
  const voice = (lang: string, localService = false) => ({ lang, localService, name: lang }) as SpeechSynthesisVoice;

  it('picks a Vietnamese voice only when one exists', () => {
    expect(pickVoice([voice('en-US'), voice('vi_VN', true)], 'vi')?.lang).toBe('vi_VN');
    expect(pickVoice([voice('en-GB'), voice('en-US')], 'en')?.lang).toBe('en-US');
    expect(pickVoice([voice('en-US')], 'vi')).toBeUndefined();
  });

  it('joins clip texts, separating spelled characters with commas', () => {
    const parts = ['xin-moi', 'a', '1', 'den-quay', 'num-3'].map((id) => ({ id, text: manifest.languages.vi[id]!.text }));
    expect(joinClipTexts(parts)).toBe('Xin mời công dân có số thứ tự a, một đến quầy số ba');
  });

  it('speaks the manifest texts with the vi-VN voice and resolves on end', async () => {
    const spoken: { text: string; lang: string }[] = [];
    class FakeUtterance {
      voice: SpeechSynthesisVoice | null = null;
      lang = '';
      rate = 1;
      onend: (() => void) | null = null;
      onerror: ((ev: { error: string }) => void) | null = null;
      constructor(public text: string) {}
    }
    const synth = {
      getVoices: () => [voice('vi-VN')],
      speak: (u: FakeUtterance) => {
        spoken.push({ text: u.text, lang: u.lang });
        setTimeout(() => u.onend?.(), 10);
      },
    };
    const engine = createSpeechEngine({
      library: createVoiceLibrary({ manifest }),
      synth: synth as unknown as SpeechSynthesis,
      Utterance: FakeUtterance as unknown as typeof SpeechSynthesisUtterance,
    });
    expect(engine?.hasVoice('vi')).toBe(true);
    expect(engine?.hasVoice('en')).toBe(false);
    const saying = engine?.say('vi', ['chime', 'xin-moi', 'a', 'den-quay', 'num-3']);
    await vi.advanceTimersByTimeAsync(20);
    await saying;
    expect(spoken).toEqual([{ text: 'Xin mời công dân có số thứ tự a đến quầy số ba', lang: 'vi-VN' }]);
  });

  it('is null without window.speechSynthesis', () => {
    expect(createSpeechEngine()).toBeNull();
  });
});
