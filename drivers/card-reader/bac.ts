/**
 * ICAO 9303-11 §9.7 BAC mutual authentication: the terminal's cryptogram (E.IFD, M.IFD),
 * the check of the chip's answer (E.IC, M.IC), and the session keys and SSC.
 */
import crypto from 'node:crypto';
import { deriveKeys, retailMac, sameBytes, tdesDecrypt, tdesEncrypt, type KeyPair } from './bac-crypto';
import { xor } from './bytes';

export interface BacChallenge {
  /** 8 bytes from GET CHALLENGE. */
  rndIc: Uint8Array;
  /** 8 random bytes of the terminal. */
  rndIfd: Uint8Array;
  /** 16 random bytes of the terminal's key material. */
  kIfd: Uint8Array;
}

export interface SessionKeys {
  ksEnc: Buffer;
  ksMac: Buffer;
  /** Send sequence counter: RND.IC[4..8] ‖ RND.IFD[4..8]. */
  ssc: Buffer;
}

export type BacFailure = 'bad-length' | 'bad-mac' | 'bad-nonce';

/** Fresh terminal randoms for one BAC run. */
export function newChallengeSecrets(): { rndIfd: Buffer; kIfd: Buffer } {
  return { rndIfd: crypto.randomBytes(8), kIfd: crypto.randomBytes(16) };
}

/** E.IFD = 3DES(KEnc, RND.IFD ‖ RND.IC ‖ K.IFD); M.IFD = MAC(KMac, E.IFD). */
export function terminalCryptogram(keys: KeyPair, c: BacChallenge): { eIfd: Buffer; mIfd: Buffer } {
  if (c.rndIc.length !== 8 || c.rndIfd.length !== 8 || c.kIfd.length !== 16) {
    throw new RangeError('BAC nonces: RND.IC and RND.IFD have 8 bytes, K.IFD 16');
  }
  const eIfd = tdesEncrypt(keys.kEnc, Buffer.concat([c.rndIfd, c.rndIc, c.kIfd]));
  return { eIfd, mIfd: retailMac(keys.kMac, eIfd) };
}

/** The plain MUTUAL AUTHENTICATE command APDU (INS 82), Le = 28. */
export function mutualAuthenticateApdu(eIfd: Uint8Array, mIfd: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([0x00, 0x82, 0x00, 0x00, 0x28]), eIfd, mIfd, Buffer.from([0x28])]);
}

/** Session keys from the two key halves: seed = K.IFD XOR K.IC, then the BAC KDF. */
export function sessionKeys(kIfd: Uint8Array, kIc: Uint8Array, rndIc: Uint8Array, rndIfd: Uint8Array): SessionKeys {
  const { kEnc, kMac } = deriveKeys(xor(kIfd, kIc));
  const ssc = Buffer.concat([rndIc.subarray(4, 8), rndIfd.subarray(4, 8)]);
  return { ksEnc: kEnc, ksMac: kMac, ssc };
}

/**
 * Checks the chip's answer E.IC ‖ M.IC (40 bytes, without the status word): the MAC,
 * then that the decrypted RND.IC ‖ RND.IFD are ours; returns K.IC and the session keys.
 */
export function completeMutualAuthentication(
  keys: KeyPair,
  c: BacChallenge,
  answer: Uint8Array,
): { ok: true; kIc: Buffer; session: SessionKeys } | { ok: false; reason: BacFailure } {
  if (answer.length !== 40) return { ok: false, reason: 'bad-length' };
  const eIc = answer.subarray(0, 32);
  const mIc = answer.subarray(32, 40);
  if (!sameBytes(retailMac(keys.kMac, eIc), mIc)) return { ok: false, reason: 'bad-mac' };
  const plain = tdesDecrypt(keys.kEnc, eIc);
  if (!sameBytes(plain.subarray(0, 8), c.rndIc) || !sameBytes(plain.subarray(8, 16), c.rndIfd)) {
    return { ok: false, reason: 'bad-nonce' };
  }
  const kIc = Buffer.from(plain.subarray(16, 32));
  return { ok: true, kIc, session: sessionKeys(c.kIfd, kIc, c.rndIc, c.rndIfd) };
}

/**
 * The chip's side (for the simulator): checks E.IFD ‖ M.IFD against its RND.IC, and
 * answers E.IC ‖ M.IC with its K.IC; returns RND.IFD for the session keys.
 */
export function chipAnswer(
  keys: KeyPair,
  rndIc: Uint8Array,
  kIc: Uint8Array,
  command: Uint8Array,
): { ok: true; answer: Buffer; rndIfd: Buffer; kIfd: Buffer } | { ok: false; reason: BacFailure } {
  if (command.length !== 40) return { ok: false, reason: 'bad-length' };
  const eIfd = command.subarray(0, 32);
  if (!sameBytes(retailMac(keys.kMac, eIfd), command.subarray(32, 40))) return { ok: false, reason: 'bad-mac' };
  const plain = tdesDecrypt(keys.kEnc, eIfd);
  if (!sameBytes(plain.subarray(8, 16), rndIc)) return { ok: false, reason: 'bad-nonce' };
  const rndIfd = Buffer.from(plain.subarray(0, 8));
  const kIfd = Buffer.from(plain.subarray(16, 32));
  const eIc = tdesEncrypt(keys.kEnc, Buffer.concat([rndIc, rndIfd, kIc]));
  return { ok: true, answer: Buffer.concat([eIc, retailMac(keys.kMac, eIc)]), rndIfd, kIfd };
}
