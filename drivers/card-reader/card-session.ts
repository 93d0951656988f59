/**
 * Reading a Vietnamese card over any APDU transport: SELECT the eMRTD application, BAC
 * with each candidate key in turn, then under secure messaging EF.COM, EF.SOD, DG1 and
 * DG13 only (never DG2, the face), in READ BINARY blocks of at most 0xDF bytes; then the
 * data groups are parsed and checked against EF.SOD.
 */
import type crypto from 'node:crypto';
import { basicAccessKeys } from './bac-crypto';
import { completeMutualAuthentication, mutualAuthenticateApdu, newChallengeSecrets, terminalCryptogram } from './bac';
import { parseDg13 } from './dg13';
import { identityFromChip } from './identity';
import { cccdMrzInformation, parseDg1 } from './mrz';
import { SecureMessaging } from './secure-messaging';
import { EMRTD_AID, FILE_IDS } from './emrtd';
import { passiveAuthentication } from './sod';
import { readTlvHeader, TlvError } from './tlv';
import type { BacKeyInput, CardIdentity, CardReadFailure } from './types';

/** Sends one APDU to the card, returns its answer with the status word. */
export type Transceive = (apdu: Buffer) => Promise<Buffer>;

export class CardReadError extends Error {
  constructor(
    readonly reason: CardReadFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CardReadError';
  }
}

/** Largest READ BINARY Le: the protected answer still fits one normal PN532 frame. */
export const MAX_READ_BLOCK = 0xdf;
/** No file of interest is larger (EF.SOD with its certificate is a few KiB). */
export const MAX_FILE_BYTES = 32 * 1024;

const SW_OK = 0x9000;

function statusWord(response: Buffer): number {
  return response.length >= 2 ? response.readUInt16BE(response.length - 2) : -1;
}

async function plain(transceive: Transceive, apdu: Buffer): Promise<{ data: Buffer; sw: number }> {
  const response = await transceive(apdu);
  return { data: response.subarray(0, Math.max(0, response.length - 2)), sw: statusWord(response) };
}

/** Opens the chip with one MRZ information string; null when the key is refused. */
async function authenticate(transceive: Transceive, mrzInformation: string): Promise<SecureMessaging | null> {
  const select = await plain(transceive, Buffer.concat([Buffer.from([0x00, 0xa4, 0x04, 0x0c, EMRTD_AID.length]), EMRTD_AID]));
  if (select.sw !== SW_OK) throw new CardReadError('not-an-id-card', `SELECT eMRTD application: ${select.sw.toString(16)}`);
  const challenge = await plain(transceive, Buffer.from([0x00, 0x84, 0x00, 0x00, 0x08]));
  if (challenge.sw !== SW_OK || challenge.data.length !== 8) {
    throw new CardReadError('protocol-error', `GET CHALLENGE: ${challenge.sw.toString(16)}`);
  }
  const keys = basicAccessKeys(mrzInformation);
  const nonces = { rndIc: challenge.data, ...newChallengeSecrets() };
  const { eIfd, mIfd } = terminalCryptogram(keys, nonces);
  const answer = await plain(transceive, mutualAuthenticateApdu(eIfd, mIfd));
  if (answer.sw !== SW_OK) return null;
  const result = completeMutualAuthentication(keys, nonces, answer.data);
  if (!result.ok) throw new CardReadError('protocol-error', `MUTUAL AUTHENTICATE answer: ${result.reason}`);
  return new SecureMessaging(result.session);
}

async function secured(transceive: Transceive, sm: SecureMessaging, apdu: Parameters<SecureMessaging['wrap']>[0]): Promise<{ data: Buffer; sw: number }> {
  const response = await transceive(sm.wrap(apdu));
  const result = sm.unwrap(response);
  if (!result.ok) throw new CardReadError('protocol-error', `secure messaging: ${result.reason} (${result.sw?.toString(16) ?? '-'})`);
  return { data: result.data, sw: result.sw };
}

async function readFile(transceive: Transceive, sm: SecureMessaging, fid: number): Promise<Buffer> {
  const select = await secured(transceive, sm, { cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Buffer.from([fid >> 8, fid & 0xff]) });
  if (select.sw !== SW_OK) throw new CardReadError('bad-data', `SELECT EF ${fid.toString(16)}: ${select.sw.toString(16)}`);
  const readAt = async (offset: number, length: number): Promise<Buffer> => {
    const r = await secured(transceive, sm, { cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le: length });
    if (r.sw !== SW_OK || r.data.length === 0) throw new CardReadError('bad-data', `READ BINARY ${fid.toString(16)}@${offset}: ${r.sw.toString(16)}`);
    return r.data;
  };
  const head = await readAt(0, 4);
  let total: number;
  try {
    const header = readTlvHeader(head);
    total = header.valueAt + header.length;
  } catch (error) {
    if (error instanceof TlvError) throw new CardReadError('bad-data', `EF ${fid.toString(16)}: bad TLV header`);
    throw error;
  }
  if (total > MAX_FILE_BYTES) throw new CardReadError('bad-data', `EF ${fid.toString(16)} too large: ${total}`);
  const parts = [head];
  for (let offset = head.length; offset < total; ) {
    const block = await readAt(offset, Math.min(MAX_READ_BLOCK, total - offset));
    parts.push(block);
    offset += block.length;
  }
  return Buffer.concat(parts).subarray(0, total);
}

export interface CardFiles {
  com: Buffer;
  sod: Buffer;
  dg1: Buffer;
  dg13: Buffer;
}

/** BAC with each candidate expiry in order, then the four files. */
export async function readCardFiles(transceive: Transceive, key: BacKeyInput): Promise<CardFiles> {
  let sm: SecureMessaging | null = null;
  for (const expiry of key.expiryDates) {
    sm = await authenticate(transceive, cccdMrzInformation(key.idNumber, key.birthDate, expiry));
    if (sm) break;
  }
  if (!sm) throw new CardReadError('wrong-key', 'cannot open the chip: the ID number, birth date or expiry date does not match');
  return {
    com: await readFile(transceive, sm, FILE_IDS.com),
    sod: await readFile(transceive, sm, FILE_IDS.sod),
    dg1: await readFile(transceive, sm, FILE_IDS.dg1),
    dg13: await readFile(transceive, sm, FILE_IDS.dg13),
  };
}

/** Parses and authenticates the files read; the identity, or a CardReadError. */
export function identityFromFiles(files: CardFiles, cscas: readonly crypto.X509Certificate[] = []): CardIdentity {
  const dg1 = parseDg1(files.dg1);
  if (!dg1.ok) throw new CardReadError('bad-data', `DG1: ${dg1.reason}`);
  const dg13 = parseDg13(files.dg13);
  if (!dg13.ok) throw new CardReadError('bad-data', `DG13: ${dg13.reason}`);
  const groups = new Map([
    [1, files.dg1],
    [13, files.dg13],
  ]);
  const pa = passiveAuthentication(files.sod, groups, cscas);
  if (pa.chip === 'failed') throw new CardReadError('not-authentic', `passive authentication: ${pa.reason ?? 'failed'}`);
  const identity = identityFromChip(dg1.value, dg13.value, pa.chip);
  if (!identity.ok) throw new CardReadError('bad-data', identity.reason);
  return identity.identity;
}
