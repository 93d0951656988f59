import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCallSequence, VOICE_LANGS, type VoiceLang } from '../../../display/voice/sequence';
import type { VoiceManifest } from '../../../display/voice/players';

const voiceDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../public/voice');
const manifest = JSON.parse(readFileSync(join(voiceDir, 'manifest.json'), 'utf8')) as VoiceManifest;

/** Every clip id buildCallSequence can emit for digits, letters and counters. */
function producibleClips(lang: VoiceLang): Set<string> {
  const ids = new Set<string>();
  const numbers = ['0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'];
  const counters: (number | string)[] = [];
  for (let n = 0; n <= 120; n++) counters.push(n, String(n));
  for (const number of numbers) {
    for (const counterNumber of counters) {
      for (const id of buildCallSequence({ number, counterNumber, lang, mode: 'digits' })) ids.add(id);
    }
  }
  return ids;
}

describe('public/voice clips', () => {
  it('manifest is Ogg Opus with both languages', () => {
    expect(manifest.format).toBe('ogg-opus');
    expect(Object.keys(manifest.languages).sort()).toEqual(['en', 'vi']);
  });

  for (const lang of VOICE_LANGS) {
    it(`every clip the sequence builder produces for ${lang} is in the manifest and on disk`, () => {
      const clips = producibleClips(lang);
      expect(clips.size).toBe(3 + 10 + 26 + 30);
      for (const id of clips) {
        const info = manifest.languages[lang][id];
        expect(info, `${lang}/${id} missing from manifest`).toBeDefined();
        if (!info) continue;
        const path = join(voiceDir, info.file);
        expect(existsSync(path), `${path} missing`).toBe(true);
        expect(info.durationMs).toBeGreaterThan(150);
        expect(info.durationMs).toBeLessThan(4000);
        expect(info.text.length).toBeGreaterThan(0);
      }
    });
  }

  it('every listed file is a non-empty Ogg Opus stream and the set is small', () => {
    const files = new Set<string>();
    for (const lang of VOICE_LANGS) for (const info of Object.values(manifest.languages[lang])) files.add(info.file);
    let total = 0;
    for (const file of files) {
      const data = readFileSync(join(voiceDir, file));
      expect(data.subarray(0, 4).toString('latin1'), file).toBe('OggS');
      expect(data.subarray(28, 36).toString('latin1'), file).toBe('OpusHead');
      expect(data.length, file).toBeGreaterThan(500);
      total += statSync(join(voiceDir, file)).size;
    }
    expect(total).toBeLessThan(1024 * 1024);
  });

  it('the chime is shared by both languages and the vi phrases say what they should', () => {
    expect(manifest.languages.en.chime?.file).toBe(manifest.languages.vi.chime?.file);
    expect(manifest.languages.vi['xin-moi']?.text).toBe('Xin mời công dân có số thứ tự');
    expect(manifest.languages.vi['den-quay']?.text).toBe('đến quầy số');
    expect(manifest.languages.vi['num-21']?.text).toBe('hai mươi mốt');
    expect(manifest.languages.en['please-go-to-counter']?.text).toBe('please go to counter');
  });
});
