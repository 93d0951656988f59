import './VietKeyboard.css';

/**
 * An on-screen Vietnamese keyboard for touchscreens (kiosk search, a rating's free-text reason).
 *
 * No Telex or VNI to learn: the citizen types the plain letters, then touches a big key for the
 * letter's form (â ă ê ô ơ ư đ) and one for the tone (sắc, huyền, hỏi, ngã, nặng). A form key
 * changes the last matching letter of the word being typed (a → â, o → ơ, d → đ …); a tone key
 * puts the mark on the right vowel of that word by the usual spelling rules (của, hòa, người,
 * toàn, quý, gì). Each tone key shows the very letter it will produce, so the citizen sees
 * before touching. Touching the same form or tone again takes it off.
 */

export const TONES = ['sac', 'huyen', 'hoi', 'nga', 'nang'] as const;
export type Tone = (typeof TONES)[number];

export const TONE_LABELS: Record<Tone, { vi: string; en: string }> = {
  sac: { vi: 'sắc', en: 'acute' },
  huyen: { vi: 'huyền', en: 'grave' },
  hoi: { vi: 'hỏi', en: 'hook' },
  nga: { vi: 'ngã', en: 'tilde' },
  nang: { vi: 'nặng', en: 'dot' },
};

export const FORMS = ['â', 'ă', 'ê', 'ô', 'ơ', 'ư', 'đ'] as const;
export type Form = (typeof FORMS)[number];

/** Each vowel with no tone, sắc, huyền, hỏi, ngã, nặng. */
const VOWELS: Record<string, string> = {
  a: 'aáàảãạ',
  ă: 'ăắằẳẵặ',
  â: 'âấầẩẫậ',
  e: 'eéèẻẽẹ',
  ê: 'êếềểễệ',
  i: 'iíìỉĩị',
  o: 'oóòỏõọ',
  ô: 'ôốồổỗộ',
  ơ: 'ơớờởỡợ',
  u: 'uúùủũụ',
  ư: 'ưứừửữự',
  y: 'yýỳỷỹỵ',
};

/** toned letter → [vowel without tone, tone index 0..5] */
const TONED = new Map<string, [string, number]>();
for (const [base, forms] of Object.entries(VOWELS)) {
  [...forms].forEach((ch, i) => TONED.set(ch, [base, i]));
}

/** The plain letter a form key changes, and the forms that letter may take. */
const FORM_ROOT: Record<Form, string> = { â: 'a', ă: 'a', ê: 'e', ô: 'o', ơ: 'o', ư: 'u', đ: 'd' };
const WITH_MARK = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);

interface Letter {
  /** lower-case letter without tone (may carry a form: â, ơ, đ …) */
  base: string;
  tone: number;
  upper: boolean;
}

function split(ch: string): Letter {
  const lower = ch.toLowerCase();
  const t = TONED.get(lower);
  return { base: t ? t[0] : lower, tone: t ? t[1] : 0, upper: lower !== ch };
}

/** The vowel `base` with tone `tone` (0..5). */
const toned = (base: string, tone: number): string | undefined => [...(VOWELS[base] ?? '')][tone];

function join(l: Letter): string {
  const ch = toned(l.base, l.tone) ?? l.base;
  return l.upper ? ch.toUpperCase() : ch;
}

const isVowel = (l: Letter | undefined) => l !== undefined && l.base in VOWELS;
/** Where the word being typed begins: after the last space (or any non-letter). */
function wordStart(chars: string[]): number {
  let i = chars.length;
  while (i > 0 && /\p{L}/u.test(chars[i - 1] ?? '')) i--;
  return i;
}

/**
 * The index (within `word`) of the vowel that carries the tone, or -1 when the word has none.
 * Rules: a vowel with a mark (ơ in ươ, ê, â …) takes it; otherwise with a final consonant the
 * last vowel of the group; in an open syllable the middle of three vowels or the first of two
 * (của, mùa, hòa, thủy). "qu" and "gi" before a vowel count as consonants.
 */
export function toneIndex(word: Letter[]): number {
  let end = word.length;
  while (end > 0 && !isVowel(word[end - 1])) end--;
  if (end === 0) return -1;
  let start = end - 1;
  while (start > 0 && isVowel(word[start - 1])) start--;
  const closed = end < word.length;
  const prev = word[start - 1]?.base ?? '';
  const first = word[start]?.base;
  if (end - start > 1 && ((prev === 'q' && first === 'u') || (prev === 'g' && first === 'i'))) {
    start++;
  }
  for (let i = end - 1; i >= start; i--) if (WITH_MARK.has(word[i]?.base ?? '')) return i;
  const n = end - start;
  if (n === 1 || closed) return end - 1;
  if (n >= 3) return start + 1;
  return start;
}

/** The word being typed (as letters) and the text before it. */
function lastWord(text: string): { head: string; word: Letter[] } {
  const chars = [...text];
  const at = wordStart(chars);
  return { head: chars.slice(0, at).join(''), word: chars.slice(at).map(split) };
}

/** The tone of the word (0 = none): the first toned vowel's. */
function wordTone(word: Letter[]): number {
  return word.find((l) => l.tone > 0)?.tone ?? 0;
}

function placeTone(word: Letter[], tone: number): Letter[] | null {
  const plain = word.map((l) => ({ ...l, tone: 0 }));
  if (tone === 0) return plain;
  const at = toneIndex(plain);
  const target = plain[at];
  if (!target) return null;
  plain[at] = { ...target, tone };
  return plain;
}

/**
 * The text after touching a tone key: the mark goes on the right vowel of the last word; the
 * same tone again takes it off. Null when the last word has no vowel.
 */
export function applyTone(text: string, tone: Tone): string | null {
  const { head, word } = lastWord(text);
  const t = TONES.indexOf(tone) + 1;
  const next = placeTone(word, wordTone(word) === t ? 0 : t);
  return next ? head + next.map(join).join('') : null;
}

/**
 * The text after touching a form key: the last letter of the word that can take the form
 * changes (a → â, ô → ơ, d → đ; â again → a), keeping its tone. Null when none can.
 */
export function applyForm(text: string, form: Form): string | null {
  const { head, word } = lastWord(text);
  const root = FORM_ROOT[form];
  for (let i = word.length - 1; i >= 0; i--) {
    const l = word[i];
    if (!l) continue;
    const ofRoot = l.base === root || FORM_ROOT[l.base as Form] === root;
    if (!ofRoot) continue;
    const changed = [...word];
    changed[i] = { ...l, base: l.base === form ? root : form };
    // The tone may belong on another vowel now (nguời → người).
    const placed = placeTone(changed, wordTone(word)) ?? changed;
    return head + placed.map(join).join('');
  }
  return null;
}

/** The letter a tone key shows: the toned vowel of the last word, or the plain mark on "a". */
export function tonePreview(text: string, tone: Tone): { label: string; enabled: boolean } {
  const { word } = lastWord(text);
  const t = TONES.indexOf(tone) + 1;
  const target = word[toneIndex(word)];
  if (!target) return { label: toned('a', t) ?? '', enabled: false };
  return { label: join({ ...target, tone: t, upper: false }), enabled: true };
}

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

export function VietKeyboard(props: {
  value: string;
  onChange(v: string): void;
  onEnter?(): void;
  maxLength?: number;
}) {
  const { value, maxLength } = props;
  const set = (next: string | null) => {
    if (next === null) return;
    if (maxLength !== undefined && [...next].length > maxLength) return;
    props.onChange(next);
  };
  const type = (ch: string) => set(value + ch);
  const backspace = () => props.onChange([...value].slice(0, -1).join(''));
  const full = maxLength !== undefined && [...value].length >= maxLength;
  // A key acts on pointer down (no lost taps when a finger slides); Enter/Space from a
  // keyboard still reach onClick.
  const key = (label: string, onPress: () => void, extra: { cls?: string; disabled?: boolean; name?: string; sub?: string } = {}) => (
    <button
      type="button"
      key={extra.name ?? label}
      class={`vk-key${extra.cls ? ` ${extra.cls}` : ''}`}
      data-key={extra.name ?? label}
      disabled={extra.disabled}
      onPointerDown={(e) => {
        e.preventDefault();
        onPress();
      }}
      onClick={(e) => {
        // A pointer press already acted (detail > 0); a keyboard "click" has detail 0.
        if (e.detail === 0) onPress();
      }}
    >
      <span class="vk-main">{label}</span>
      {extra.sub && <span class="vk-sub">{extra.sub}</span>}
    </button>
  );
  return (
    <div class="vk" role="group" aria-label="Bàn phím tiếng Việt (Vietnamese keyboard)">
      {ROWS.map((row) => (
        <div class="vk-row" key={row}>
          {[...row].map((ch) => key(ch, () => type(ch), { disabled: full }))}
          {row === 'zxcvbnm' && key('⌫', backspace, { cls: 'vk-wide', name: 'backspace', sub: 'Xóa', disabled: value === '' })}
        </div>
      ))}
      <div class="vk-row vk-marks" aria-label="Chữ có dấu (Letter forms)">
        <span class="vk-caption">
          Chữ <span class="vk-en">Letter</span>
        </span>
        {FORMS.map((f) => key(f, () => set(applyForm(value, f)), { cls: 'vk-mark', name: `form-${f}`, disabled: applyForm(value, f) === null }))}
      </div>
      <div class="vk-row vk-marks" aria-label="Dấu thanh (Tone marks)">
        <span class="vk-caption">
          Dấu <span class="vk-en">Tone</span>
        </span>
        {TONES.map((tone) => {
          const p = tonePreview(value, tone);
          return key(p.label, () => set(applyTone(value, tone)), {
            cls: 'vk-mark vk-tone',
            name: `tone-${tone}`,
            sub: TONE_LABELS[tone].vi,
            disabled: !p.enabled,
          });
        })}
      </div>
      <div class="vk-row">
        {key('Dấu cách', () => type(' '), { cls: 'vk-space', name: 'space', sub: 'Space', disabled: full || value === '' || value.endsWith(' ') })}
        {props.onEnter && key('Xong', () => props.onEnter?.(), { cls: 'vk-enter', name: 'enter', sub: 'Done' })}
      </div>
    </div>
  );
}
