/**
 * A minimal DER writer, for the simulated card's files (DG1, DG13, EF.SOD). Definite
 * lengths up to 0xFFFF, one- or two-byte tags: what these small structures need.
 */
export type DerPart = Uint8Array | string;

export function der(tag: number, ...parts: DerPart[]): Buffer {
  const value = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
  const n = value.length;
  if (n > 0xffff) throw new RangeError('DER value too long');
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  const tagBytes = tag > 0xff ? Buffer.from([tag >> 8, tag & 0xff]) : Buffer.from([tag]);
  return Buffer.concat([tagBytes, length, value]);
}

export const derSequence = (...parts: DerPart[]): Buffer => der(0x30, ...parts);
export const derSet = (...parts: DerPart[]): Buffer => der(0x31, ...parts);
export const derOctets = (bytes: Uint8Array): Buffer => der(0x04, bytes);
export const derUtf8 = (text: string): Buffer => der(0x0c, text);
export const derPrintable = (text: string): Buffer => der(0x13, text);

/** A small non-negative INTEGER (0–0x7FFF). */
export function derInteger(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fff) throw new RangeError('small integers only');
  return der(0x02, n < 0x80 ? Buffer.from([n]) : Buffer.from([n >> 8, n & 0xff]));
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function derOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = arcs;
  const bytes: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const base128: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) base128.unshift((v & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return der(0x06, Buffer.from(bytes));
}
