/**
 * window.speechSynthesis back-end for the announcer (voice: 'speechSynthesis').
 * Used only when the platform has a voice for the language; the announcer
 * falls back to the pre-recorded clips otherwise.
 */
import { CHIME_CLIP, type VoiceLang } from './sequence';
import { createVoiceLibrary, type SpeechEngine, type VoiceLibrary } from './players';

const LANG_PREFIX: Record<VoiceLang, string> = { vi: 'vi', en: 'en' };

/** Best platform voice for `lang`: exact vi-VN / en-US first, local voices preferred. */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], lang: VoiceLang): SpeechSynthesisVoice | undefined {
  const norm = (v: SpeechSynthesisVoice) => v.lang.toLowerCase().replace('_', '-');
  const matching = voices.filter((v) => norm(v).split('-')[0] === LANG_PREFIX[lang]);
  const exact = lang === 'vi' ? 'vi-vn' : 'en-us';
  const score = (v: SpeechSynthesisVoice) => (norm(v) === exact ? 2 : 0) + (v.localService ? 1 : 0);
  return [...matching].sort((a, b) => score(b) - score(a))[0];
}

/** Join clip texts; spelled characters get commas so engines read them one by one. */
export function joinClipTexts(parts: readonly { id: string; text: string }[]): string {
  const single = /^[0-9a-z]$/;
  return parts.reduce((acc, part, i) => {
    if (i === 0) return part.text;
    const prev = parts[i - 1];
    const sep = prev && single.test(prev.id) && single.test(part.id) ? ', ' : ' ';
    return acc + sep + part.text;
  }, '');
}

export interface SpeechEngineOptions {
  library?: VoiceLibrary;
  synth?: SpeechSynthesis;
  Utterance?: typeof SpeechSynthesisUtterance;
  rate?: number;
}

/** window.speechSynthesis engine, or null when the platform has none. */
export function createSpeechEngine(options: SpeechEngineOptions = {}): SpeechEngine | null {
  const g = globalThis as { speechSynthesis?: SpeechSynthesis; SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance };
  const synth = options.synth ?? g.speechSynthesis;
  const Utterance = options.Utterance ?? g.SpeechSynthesisUtterance;
  if (!synth || !Utterance) return null;
  const library = options.library ?? createVoiceLibrary();
  synth.getVoices(); // Chromium loads voices lazily; this starts loading them

  return {
    hasVoice: (lang) => pickVoice(synth.getVoices(), lang) !== undefined,
    async say(lang, clipIds) {
      const voice = pickVoice(synth.getVoices(), lang);
      if (!voice) throw new Error(`no speechSynthesis voice for ${lang}`);
      const ids = clipIds.filter((id) => id !== CHIME_CLIP);
      const parts = await Promise.all(ids.map(async (id) => ({ id, text: (await library.text(lang, id)) ?? id })));
      const text = joinClipTexts(parts);
      const utterance = new Utterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = options.rate ?? 0.9;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, text.length * 150 + 5000); // Chromium sometimes never fires 'end'
        utterance.onend = () => {
          clearTimeout(timer);
          resolve();
        };
        utterance.onerror = (ev) => {
          clearTimeout(timer);
          reject(new Error(`speechSynthesis error: ${ev.error}`));
        };
        synth.speak(utterance);
      });
    },
  };
}
