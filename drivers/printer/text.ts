import type { SKRSContext2D } from '@napi-rs/canvas';

/** NFC (Vietnamese letters become single code points), no control characters, single spaces. */
export function clean(text: string): string {
  let plain = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.charCodeAt(0);
    plain += (code < 0x20 && code !== 0x0a) || code === 0x7f ? ' ' : ch;
  }
  return plain
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

/** Greedy word wrap; a word wider than the line is broken between characters, so nothing is clipped. */
export function wrapText(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const out: string[] = [];
  const fits = (s: string): boolean => ctx.measureText(s).width <= maxWidth;
  for (const para of clean(text).split('\n')) {
    let line = '';
    for (const word of para.split(' ').filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = '';
      if (fits(word)) {
        line = word;
        continue;
      }
      for (const ch of word) {
        if (line && !fits(line + ch)) {
          out.push(line);
          line = ch;
        } else {
          line += ch;
        }
      }
    }
    if (line) out.push(line);
  }
  return out;
}
