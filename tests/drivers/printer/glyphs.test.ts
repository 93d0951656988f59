import { readFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { cssFont, ensureFonts, fontFilePath, type FontWeightName } from '../../../drivers/printer/fonts';
import { DEFAULT_THANK_YOU, QR_CAPTION, renderTicket } from '../../../drivers/printer/render';
import { referenceJob } from './fixtures';
import { glyphLookup } from './ttf-cmap';

const LOWER =
  'a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ' +
  'ơ ờ ớ ở ỡ ợ u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ đ';
const VOWELS = LOWER.split(' ');
const ALL = [...VOWELS, ...VOWELS.map((c) => c.toUpperCase())];
/** Every Vietnamese letter, both cases, plus Đ/đ, as one field name. */
const FIELD_NAME = ALL.join('');
const WEIGHTS: FontWeightName[] = ['regular', 'bold', 'heavy'];

/** Rendered ink of a single character in one of the ticket fonts, as a string key. */
function inkOf(ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>, weight: FontWeightName, ch: string): string {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 96, 96);
  ctx.fillStyle = '#000';
  ctx.font = cssFont(weight, 56);
  ctx.fillText(ch, 16, 72);
  const data = ctx.getImageData(0, 0, 96, 96).data;
  let bits = '';
  for (let i = 0; i < data.length; i += 4) bits += data[i]! < 128 ? '1' : '0';
  return bits;
}

describe('Vietnamese glyph coverage', () => {
  it('covers the 12 vowels in all 6 tones plus đ, in both cases (146 letters)', () => {
    expect(ALL).toHaveLength(146);
    expect(new Set(ALL).size).toBe(146);
    expect(ALL).toContain('Đ');
    expect(ALL).toContain('Ỵ');
  });

  it('every weight of the bundled font maps every code point used on a ticket to a real glyph', () => {
    const text = FIELD_NAME + 'SỐ THỨ TỰ Ưu tiên: Thời gian: Số người chờ trước: ' + QR_CAPTION + DEFAULT_THANK_YOU + '–0123456789/:';
    for (const weight of WEIGHTS) {
      const lookup = glyphLookup(readFileSync(fontFilePath(weight)));
      const missing = [...new Set(text.normalize('NFC'))].filter((ch) => lookup(ch.codePointAt(0)!) === 0);
      expect(missing, `${weight} is missing glyphs`).toEqual([]);
      expect(lookup(0xe000), 'private-use control sample must be missing').toBe(0);
    }
  });

  it('renders each letter alone with ink that differs from a known-missing code point (U+E000)', () => {
    ensureFonts();
    const ctx = createCanvas(96, 96).getContext('2d');
    for (const weight of WEIGHTS) {
      const tofu = inkOf(ctx, weight, '\uE000');
      const seen = new Map<string, string>();
      for (const ch of ALL) {
        const ink = inkOf(ctx, weight, ch);
        expect(ink.includes('1'), `${ch} (${weight}) has no ink`).toBe(true);
        expect(ink === tofu, `${ch} (${weight}) renders like a missing glyph`).toBe(false);
        expect(seen.get(ink), `${ch} (${weight}) renders like ${seen.get(ink)}`).toBeUndefined();
        seen.set(ink, ch);
      }
    }
  });

  it('prints a ticket whose field name holds every letter, in NFC or decomposed (NFD) input', () => {
    const nfc = renderTicket(referenceJob({ serviceName: FIELD_NAME }), 576);
    const nfd = renderTicket(referenceJob({ serviceName: FIELD_NAME.normalize('NFD') }), 576);
    expect(Buffer.from(nfd.mono).equals(Buffer.from(nfc.mono))).toBe(true);
    expect(nfc.height).toBeGreaterThan(renderTicket(referenceJob(), 576).height);
  });
});
