/**
 * Browser audio back-ends for the announcer: clip playback (Web Audio API,
 * falling back to HTMLAudioElement) and window.speechSynthesis.
 *
 * Nothing here touches browser globals at import time; contexts, elements and
 * the manifest are created/fetched lazily on first use.
 */
import { CHIME_CLIP, type VoiceLang } from './sequence';

export interface VoiceClipInfo {
  /** Path relative to the voice base URL, e.g. "vi/3.opus". */
  file: string;
  durationMs: number;
  /** What the clip says (used for speechSynthesis). */
  text: string;
}

export interface VoiceManifest {
  format: string;
  generator?: string;
  languages: Record<VoiceLang, Record<string, VoiceClipInfo>>;
}

/** Plays clips; the announcer awaits each call before starting the next. */
export interface ClipPlayer {
  /** Fetch and decode clips ahead of time. Never rejects. */
  preload(lang: VoiceLang, clipIds: readonly string[]): Promise<void>;
  /** Play clips back to back; resolves when the last one has finished. */
  play(lang: VoiceLang, clipIds: readonly string[]): Promise<void>;
}

export interface SpeechEngine {
  /** True when the platform has a voice for `lang` (vi-VN / en-*). */
  hasVoice(lang: VoiceLang): boolean;
  /** Speak the texts of the given clip ids; resolves when speech ends. */
  say(lang: VoiceLang, clipIds: readonly string[]): Promise<void>;
}

export interface VoiceLibrary {
  url(lang: VoiceLang, clipId: string): Promise<string>;
  text(lang: VoiceLang, clipId: string): Promise<string | undefined>;
  durationMs(lang: VoiceLang, clipId: string): Promise<number | undefined>;
  fetch: typeof fetch;
}

export interface VoiceLibraryOptions {
  /** URL prefix of public/voice as served; default "/voice/". */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Use this manifest instead of fetching `${baseUrl}manifest.json`. */
  manifest?: VoiceManifest;
}

/** Resolves clip ids to URLs/texts through public/voice/manifest.json. */
export function createVoiceLibrary(options: VoiceLibraryOptions = {}): VoiceLibrary {
  const base = (options.baseUrl ?? '/voice/').replace(/\/?$/, '/');
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let manifest: Promise<VoiceManifest | null> | null = options.manifest ? Promise.resolve(options.manifest) : null;

  const load = (): Promise<VoiceManifest | null> => {
    manifest ??= fetchFn(`${base}manifest.json`)
      .then((res) => (res.ok ? (res.json() as Promise<VoiceManifest>) : null))
      .catch(() => null)
      .then((m) => {
        if (m === null) manifest = null; // retry on next use
        return m;
      });
    return manifest;
  };
  const info = async (lang: VoiceLang, id: string) => (await load())?.languages[lang]?.[id];

  return {
    fetch: fetchFn,
    async url(lang, id) {
      const file = (await info(lang, id))?.file ?? `${id === CHIME_CLIP ? 'vi' : lang}/${id}.opus`;
      return base + file;
    },
    text: async (lang, id) => (await info(lang, id))?.text,
    durationMs: async (lang, id) => (await info(lang, id))?.durationMs,
  };
}

export interface ClipPlayerOptions extends VoiceLibraryOptions {
  library?: VoiceLibrary;
  /** Silence between clips, ms (default 90). */
  gapMs?: number;
  /** Silence after the chime, ms (default 300). */
  chimeGapMs?: number;
}

type AudioContextCtor = new () => AudioContext;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, sleep(ms).then(() => undefined)]);
}

/** Web Audio player if AudioContext exists, else HTMLAudioElement player. */
export function createClipPlayer(options: ClipPlayerOptions = {}): ClipPlayer {
  const library = options.library ?? createVoiceLibrary(options);
  const gaps = { gapMs: options.gapMs ?? 90, chimeGapMs: options.chimeGapMs ?? 300 };
  const g = globalThis as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor };
  const Ctor = g.AudioContext ?? g.webkitAudioContext;
  return Ctor ? new WebAudioClipPlayer(library, gaps, Ctor) : new HtmlAudioClipPlayer(library, gaps);
}

interface Gaps {
  gapMs: number;
  chimeGapMs: number;
}

const gapAfter = (id: string, gaps: Gaps) => (id === CHIME_CLIP ? gaps.chimeGapMs : gaps.gapMs);

/** Decodes every clip once into an AudioBuffer and schedules them gaplessly. */
export class WebAudioClipPlayer implements ClipPlayer {
  private ctx: AudioContext | null = null;
  private readonly buffers = new Map<string, Promise<AudioBuffer | null>>();

  constructor(
    private readonly library: VoiceLibrary,
    private readonly gaps: Gaps,
    private readonly Ctor: AudioContextCtor,
  ) {}

  private context(): AudioContext {
    this.ctx ??= new this.Ctor();
    return this.ctx;
  }

  private async buffer(lang: VoiceLang, id: string): Promise<AudioBuffer | null> {
    const url = await this.library.url(lang, id);
    let entry = this.buffers.get(url);
    if (!entry) {
      entry = this.library
        .fetch(url)
        .then((res) => {
          if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
          return res.arrayBuffer();
        })
        .then((data) => this.context().decodeAudioData(data))
        .catch((err: unknown) => {
          console.warn('[voice] cannot load clip', url, err);
          this.buffers.delete(url); // retry next time
          return null;
        });
      this.buffers.set(url, entry);
    }
    return entry;
  }

  async preload(lang: VoiceLang, clipIds: readonly string[]): Promise<void> {
    await Promise.all(clipIds.map((id) => this.buffer(lang, id)));
  }

  async play(lang: VoiceLang, clipIds: readonly string[]): Promise<void> {
    const ctx = this.context();
    const loaded = await Promise.all(clipIds.map(async (id) => ({ id, buf: await this.buffer(lang, id) })));
    const clips = loaded.filter((c): c is { id: string; buf: AudioBuffer } => c.buf !== null);
    if (clips.length === 0) throw new Error('no playable clips');
    if (ctx.state !== 'running') await withTimeout(ctx.resume().catch(() => undefined), 1000);
    if (ctx.state !== 'running') {
      throw new Error('AudioContext is not running (autoplay blocked? start Chromium with --autoplay-policy=no-user-gesture-required)');
    }
    let at = ctx.currentTime + 0.05;
    let last: AudioBufferSourceNode | null = null;
    for (const { id, buf } of clips) {
      const src = ctx.createBufferSource();
      src.buffer = buf;
      src.connect(ctx.destination);
      src.start(at);
      at += buf.duration + gapAfter(id, this.gaps) / 1000;
      last = src;
    }
    const totalMs = (at - ctx.currentTime) * 1000;
    const lastSource = last;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, totalMs + 1500); // in case 'ended' never fires
      if (lastSource) {
        lastSource.onended = () => {
          clearTimeout(timer);
          resolve();
        };
      }
    });
  }
}

/** Fallback: one cached <audio> element per clip, played one after another. */
export class HtmlAudioClipPlayer implements ClipPlayer {
  private readonly elements = new Map<string, HTMLAudioElement>();

  constructor(
    private readonly library: VoiceLibrary,
    private readonly gaps: Gaps,
  ) {}

  private element(url: string): HTMLAudioElement {
    let el = this.elements.get(url);
    if (!el) {
      el = new Audio(url);
      el.preload = 'auto';
      this.elements.set(url, el);
    }
    return el;
  }

  async preload(lang: VoiceLang, clipIds: readonly string[]): Promise<void> {
    for (const id of clipIds) this.element(await this.library.url(lang, id));
  }

  async play(lang: VoiceLang, clipIds: readonly string[]): Promise<void> {
    for (const [i, id] of clipIds.entries()) {
      const prev = clipIds[i - 1];
      if (prev !== undefined) await sleep(gapAfter(prev, this.gaps));
      const el = this.element(await this.library.url(lang, id));
      const limitMs = ((await this.library.durationMs(lang, id)) ?? 5000) + 2000;
      await playElement(el, limitMs);
    }
  }
}

function playElement(el: HTMLAudioElement, limitMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      el.removeEventListener('ended', done);
      el.removeEventListener('error', done);
    };
    // 'error' (a broken clip) is skipped rather than fatal
    const done = () => {
      cleanup();
      resolve();
    };
    const timer = setTimeout(done, limitMs);
    el.addEventListener('ended', done);
    el.addEventListener('error', done);
    el.currentTime = 0;
    el.play().catch((err: unknown) => {
      cleanup(); // e.g. NotAllowedError when autoplay is blocked
      reject(err instanceof Error ? err : new Error(String(err)));
    });
  });
}
