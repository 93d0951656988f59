/** A minimal DER writer for building test fixtures (independent of the driver's reader). */
export function der(tag: number, ...parts: (Uint8Array | string)[]): Buffer {
  const value = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
  const n = value.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  const tagBytes = tag > 0xff ? Buffer.from([tag >> 8, tag & 0xff]) : Buffer.from([tag]);
  return Buffer.concat([tagBytes, length, value]);
}

export const seq = (...parts: (Uint8Array | string)[]): Buffer => der(0x30, ...parts);
export const set = (...parts: (Uint8Array | string)[]): Buffer => der(0x31, ...parts);
export const int = (n: number): Buffer => der(0x02, Buffer.from([n]));
export const utf8 = (s: string): Buffer => der(0x0c, s);
export const printable = (s: string): Buffer => der(0x13, s);
