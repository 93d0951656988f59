/**
 * Strict ESC/POS decoder for tests: turns a byte stream into commands and throws on any byte
 * sequence it does not know, so stray or malformed output fails loudly.
 */
export type EscPosCommand =
  | { op: 'init' }
  | { op: 'align'; value: 'left' | 'center' | 'right' }
  | { op: 'feed-lines'; lines: number }
  | { op: 'feed-dots'; dots: number }
  | { op: 'line-spacing'; dots: number | null }
  | { op: 'bold'; on: boolean }
  | { op: 'print-mode'; mode: number }
  | { op: 'code-page'; page: number }
  | { op: 'text'; text: string }
  | { op: 'lf' }
  | { op: 'raster'; mode: number; widthBytes: number; height: number; data: Buffer }
  | { op: 'qr'; fn: number; data: Buffer }
  | { op: 'cut'; partial: boolean; feed: number | null }
  | { op: 'status-request'; n: number }
  | { op: 'paper-status-request'; n: number };

export class EscPosDecodeError extends Error {}

const ALIGN = ['left', 'center', 'right'] as const;

export function decodeEscPos(bytes: Uint8Array): EscPosCommand[] {
  const out: EscPosCommand[] = [];
  let i = 0;
  const need = (n: number, what: string): void => {
    if (i + n > bytes.length) throw new EscPosDecodeError(`Truncated ${what} at offset ${i}`);
  };
  const at = (k: number): number => bytes[i + k]!;
  const fail = (what: string): never => {
    const hex = Array.from(bytes.subarray(i, i + 6), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new EscPosDecodeError(`Unknown ${what} at offset ${i}: ${hex}`);
  };

  while (i < bytes.length) {
    const b = at(0);
    if (b === 0x1b) {
      need(2, 'ESC');
      const c = at(1);
      if (c === 0x40) {
        out.push({ op: 'init' });
        i += 2;
      } else if (c === 0x32) {
        out.push({ op: 'line-spacing', dots: null });
        i += 2;
      } else if ([0x61, 0x64, 0x4a, 0x33, 0x45, 0x21, 0x74].includes(c)) {
        need(3, 'ESC command');
        const n = at(2);
        if (c === 0x61) {
          if (![0, 1, 2, 48, 49, 50].includes(n)) fail('ESC a argument');
          out.push({ op: 'align', value: ALIGN[n % 48]! });
        } else if (c === 0x64) out.push({ op: 'feed-lines', lines: n });
        else if (c === 0x4a) out.push({ op: 'feed-dots', dots: n });
        else if (c === 0x33) out.push({ op: 'line-spacing', dots: n });
        else if (c === 0x45) out.push({ op: 'bold', on: (n & 1) === 1 });
        else if (c === 0x21) out.push({ op: 'print-mode', mode: n });
        else out.push({ op: 'code-page', page: n });
        i += 3;
      } else fail('ESC command');
    } else if (b === 0x1d) {
      need(2, 'GS');
      const c = at(1);
      if (c === 0x76) {
        need(8, 'GS v 0 header');
        if (at(2) !== 0x30) fail('GS v function');
        const mode = at(3);
        if (mode > 3 && (mode < 48 || mode > 51)) fail('GS v 0 mode');
        const widthBytes = at(4) | (at(5) << 8);
        const height = at(6) | (at(7) << 8);
        if (widthBytes === 0 || height === 0) fail('empty GS v 0 raster');
        const size = widthBytes * height;
        need(8 + size, 'GS v 0 raster data');
        out.push({ op: 'raster', mode: mode % 48, widthBytes, height, data: Buffer.from(bytes.subarray(i + 8, i + 8 + size)) });
        i += 8 + size;
      } else if (c === 0x28) {
        need(5, 'GS ( header');
        if (at(2) !== 0x6b) fail('GS ( function');
        const len = at(3) | (at(4) << 8);
        need(5 + len, 'GS ( k body');
        if (len < 2 || at(5) !== 0x31) fail('GS ( k symbol (only QR, cn = 49, is known)');
        out.push({ op: 'qr', fn: at(6), data: Buffer.from(bytes.subarray(i + 7, i + 5 + len)) });
        i += 5 + len;
      } else if (c === 0x56) {
        need(3, 'GS V');
        const m = at(2);
        if ([0, 1, 48, 49].includes(m)) {
          out.push({ op: 'cut', partial: m % 48 === 1, feed: null });
          i += 3;
        } else if ([65, 66, 97, 98, 103, 104].includes(m)) {
          need(4, 'GS V with feed');
          out.push({ op: 'cut', partial: m % 2 === 0, feed: at(3) });
          i += 4;
        } else fail('GS V mode');
      } else if (c === 0x72) {
        need(3, 'GS r');
        out.push({ op: 'paper-status-request', n: at(2) });
        i += 3;
      } else fail('GS command');
    } else if (b === 0x10) {
      need(3, 'DLE');
      if (at(1) !== 0x04 || ![1, 2, 3, 4].includes(at(2))) fail('DLE command');
      out.push({ op: 'status-request', n: at(2) });
      i += 3;
    } else if (b === 0x0a) {
      out.push({ op: 'lf' });
      i += 1;
    } else if (b >= 0x20 && b < 0x7f) {
      let j = i;
      while (j < bytes.length && bytes[j]! >= 0x20 && bytes[j]! < 0x7f) j++;
      out.push({ op: 'text', text: Buffer.from(bytes.subarray(i, j)).toString('latin1') });
      i = j;
    } else fail('byte');
  }
  return out;
}

export interface Bitmap {
  width: number;
  height: number;
  /** Packed 1-bit rows, 1 = black, MSB first. */
  data: Buffer;
}

/** Stacks all raster commands (bands of the same width, printed one below the other) into one bitmap. */
export function assembleRaster(commands: EscPosCommand[]): Bitmap {
  const bands = commands.filter((c): c is Extract<EscPosCommand, { op: 'raster' }> => c.op === 'raster');
  if (bands.length === 0) throw new EscPosDecodeError('No raster image in the stream');
  const widthBytes = bands[0]!.widthBytes;
  for (const band of bands) {
    if (band.widthBytes !== widthBytes) throw new EscPosDecodeError('Raster bands have different widths');
    if (band.mode !== 0) throw new EscPosDecodeError('Raster band is not in normal (1:1) mode');
  }
  return {
    width: widthBytes * 8,
    height: bands.reduce((h, band) => h + band.height, 0),
    data: Buffer.concat(bands.map((band) => band.data)),
  };
}

export function pixel(bitmap: Bitmap, x: number, y: number): boolean {
  const byte = bitmap.data[y * (bitmap.width >> 3) + (x >> 3)] ?? 0;
  return (byte & (0x80 >> (x & 7))) !== 0;
}
