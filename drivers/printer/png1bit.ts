import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

/**
 * Encodes a packed 1-bit bitmap (1 = black, MSB first, rows of ceil(width / 8) bytes,
 * the GS v 0 layout) as a 1-bit greyscale PNG.
 */
export function encodeMonoPng(mono: Uint8Array, width: number, height: number): Buffer {
  const rowBytes = Math.ceil(width / 8);
  if (mono.length < rowBytes * height) throw new RangeError('Bitmap is smaller than width x height');
  const raw = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    const src = y * rowBytes;
    const dst = y * (rowBytes + 1) + 1; // filter byte 0 (None) precedes each row
    for (let i = 0; i < rowBytes; i++) raw[dst + i] = ~(mono[src + i] ?? 0) & 0xff; // PNG grey: 1 = white
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // colour type: greyscale
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
