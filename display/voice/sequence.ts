/**
 * Clip-sequence building for voice calls. Pure functions, no browser APIs.
 *
 * Clip ids match the files produced by tools/voice/generate.sh and listed in
 * public/voice/manifest.json:
 *   chime                  shared three-tone chime
 *   xin-moi / den-quay     vi phrases ("Xin mời công dân có số thứ tự", "đến quầy số")
 *   ticket-number / please-go-to-counter   en phrases
 *   0 … 9                  digits
 *   a … z                  Latin letter names (ticket prefixes)
 *   num-1 … num-30         counter numbers as number words
 */

export type VoiceLang = 'vi' | 'en';

export const VOICE_LANGS: readonly VoiceLang[] = ['vi', 'en'];

export const CHIME_CLIP = 'chime';

/** Counter numbers in 1…COUNTER_WORDS_MAX are spoken as number words. */
export const COUNTER_WORDS_MAX = 30;

export const PHRASE_CLIPS: Readonly<Record<VoiceLang, { intro: string; toCounter: string }>> = {
  vi: { intro: 'xin-moi', toCounter: 'den-quay' },
  en: { intro: 'ticket-number', toCounter: 'please-go-to-counter' },
};

export interface CallSequenceInput {
  number: string;
  counterNumber: number | string;
  lang: VoiceLang;
  mode: 'digits';
}

/**
 * Clip id for one character of a ticket/counter number, or null when the
 * character is not spoken (separators such as '-', ' ', '.').
 * Vietnamese diacritics are folded (Đ → d, Ă → a) so a stray accented prefix
 * still reads as its base letter.
 */
export function charClip(ch: string): string | null {
  const folded = ch
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
  return /^[0-9a-z]$/.test(folded) ? folded : null;
}

function spell(text: string): string[] {
  const clips: string[] = [];
  for (const ch of text) {
    const clip = charClip(ch);
    if (clip !== null) clips.push(clip);
  }
  return clips;
}

/** Clips for a counter number: number words for 1…30, otherwise spelled out. */
export function counterClips(counterNumber: number | string): string[] {
  const text = String(counterNumber).trim();
  if (/^\d+$/.test(text)) {
    const n = Number.parseInt(text, 10);
    if (n >= 1 && n <= COUNTER_WORDS_MAX) return [`num-${n}`];
    return spell(String(n));
  }
  return spell(text);
}

/**
 * Clip ids, in order, for one call:
 * chime, intro phrase, each character of the number, "to counter" phrase,
 * counter number.
 *
 * buildCallSequence({ number: 'A012', counterNumber: 3, lang: 'vi', mode: 'digits' })
 *   → ['chime', 'xin-moi', 'a', '0', '1', '2', 'den-quay', 'num-3']
 */
export function buildCallSequence(input: CallSequenceInput): string[] {
  const phrases = PHRASE_CLIPS[input.lang];
  return [
    CHIME_CLIP,
    phrases.intro,
    ...spell(input.number),
    phrases.toCounter,
    ...counterClips(input.counterNumber),
  ];
}

/** Every clip id a call sequence can use in `lang` (for preloading). */
export function allClipIds(lang: VoiceLang): string[] {
  const ids = [CHIME_CLIP, PHRASE_CLIPS[lang].intro, PHRASE_CLIPS[lang].toCounter];
  for (let d = 0; d <= 9; d++) ids.push(String(d));
  for (let c = 'a'.charCodeAt(0); c <= 'z'.charCodeAt(0); c++) ids.push(String.fromCharCode(c));
  for (let n = 1; n <= COUNTER_WORDS_MAX; n++) ids.push(`num-${n}`);
  return ids;
}
