/**
 * ICAO 9303-11 Basic Access Control primitives: key derivation, 3DES, retail MAC.
 *
 * OpenSSL 3 has no single-DES cipher without the legacy provider: single DES(K1) is
 * 'des-ede-cbc' with the key K1‖K1, and 3DES (two keys) is 'des-ede-cbc' with K1‖K2.
 */
import crypto from 'node:crypto';

const ZERO_IV = Buffer.alloc(8);

/** ISO 9797-1 padding method 2: 80 then zeros up to a multiple of 8 (always adds a byte). */
export function pad(data: Uint8Array): Buffer {
  const padLength = 8 - (data.length % 8);
  const out = Buffer.alloc(data.length + padLength);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

/** Removes padding method 2; undefined when the padding is malformed. */
export function unpad(data: Uint8Array): Buffer | undefined {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0x00 && data.length - i <= 8) i--;
  if (i < 0 || data[i] !== 0x80 || data.length - i > 8) return undefined;
  return Buffer.from(data.subarray(0, i));
}

/** Sets each byte's low bit so that the byte has odd parity (DES key parity). */
export function adjustParity(key: Uint8Array): Buffer {
  const out = Buffer.from(key);
  for (let i = 0; i < out.length; i++) {
    const b = out[i] ?? 0;
    let ones = 0;
    for (let bit = 1; bit < 0x100; bit <<= 1) if (b & bit && bit !== 1) ones++;
    out[i] = (b & 0xfe) | (ones % 2 === 0 ? 1 : 0);
  }
  return out;
}

function checkKey(key: Uint8Array): void {
  if (key.length !== 16) throw new RangeError(`a 3DES key has 16 bytes, got ${key.length}`);
}

function desEde(key: Uint8Array, data: Uint8Array, encrypt: boolean, iv: Uint8Array = ZERO_IV): Buffer {
  if (data.length % 8 !== 0) throw new RangeError('DES input is not a multiple of 8 bytes');
  const cipher = encrypt
    ? crypto.createCipheriv('des-ede-cbc', key, iv)
    : crypto.createDecipheriv('des-ede-cbc', key, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** Two-key 3DES in CBC mode with a zero IV (no padding added). */
export function tdesEncrypt(key: Uint8Array, data: Uint8Array): Buffer {
  checkKey(key);
  return desEde(key, data, true);
}

export function tdesDecrypt(key: Uint8Array, data: Uint8Array): Buffer {
  checkKey(key);
  return desEde(key, data, false);
}

/**
 * ISO 9797-1 MAC algorithm 3 ("retail MAC") with padding method 2: single-DES CBC with
 * K1 over all blocks, then the last result is decrypted with K2 and encrypted with K1.
 */
export function retailMac(key: Uint8Array, message: Uint8Array): Buffer {
  checkKey(key);
  const k1 = key.subarray(0, 8);
  const padded = pad(message);
  const k1k1 = Buffer.concat([k1, k1]);
  const head = padded.subarray(0, padded.length - 8);
  const last = Buffer.from(padded.subarray(padded.length - 8));
  let chain: Buffer = ZERO_IV;
  if (head.length > 0) {
    const cbc = desEde(k1k1, head, true);
    chain = cbc.subarray(cbc.length - 8);
  }
  for (let i = 0; i < 8; i++) last[i] = (last[i] ?? 0) ^ (chain[i] ?? 0);
  const single = desEde(k1k1, last, true);
  const k2 = key.subarray(8, 16);
  const d = desEde(Buffer.concat([k2, k2]), single, false);
  return desEde(k1k1, d, true);
}

export function sha1(data: Uint8Array): Buffer {
  return crypto.createHash('sha1').update(data).digest();
}

/** Kseed = the first 16 bytes of SHA-1(MRZ information). */
export function keySeed(mrzInformation: string): Buffer {
  return sha1(Buffer.from(mrzInformation, 'ascii')).subarray(0, 16);
}

/** KDF of 9303-11 §9.7.1 for 3DES: SHA-1(seed ‖ counter)[0..16], parity adjusted. */
export function deriveKey(seed: Uint8Array, counter: 1 | 2): Buffer {
  const c = Buffer.from([0, 0, 0, counter]);
  return adjustParity(sha1(Buffer.concat([seed, c])).subarray(0, 16));
}

export interface KeyPair {
  kEnc: Buffer;
  kMac: Buffer;
}

export function deriveKeys(seed: Uint8Array): KeyPair {
  return { kEnc: deriveKey(seed, 1), kMac: deriveKey(seed, 2) };
}

/** The document basic access keys from the MRZ information string. */
export function basicAccessKeys(mrzInformation: string): KeyPair & { seed: Buffer } {
  const seed = keySeed(mrzInformation);
  return { seed, ...deriveKeys(seed) };
}

/** Constant-time comparison of two byte arrays. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
