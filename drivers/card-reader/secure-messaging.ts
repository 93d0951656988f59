/**
 * ICAO 9303-11 §9.8 secure messaging with 3DES session keys (after BAC).
 *
 * Command: 0C INS P1 P2 Lc [DO87|DO85] [DO97] DO8E 00, where DO8E is the retail MAC of
 * SSC ‖ pad(header) ‖ DO87 ‖ DO97. Response: [DO87] DO99 DO8E SW1 SW2, DO8E = MAC of
 * SSC ‖ DO87 ‖ DO99. The SSC is incremented before each command and each response.
 */
import { pad, retailMac, sameBytes, tdesDecrypt, tdesEncrypt, unpad } from './bac-crypto';
import type { SessionKeys } from './bac';

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** Expected response length, 1..256 (256 is sent as 00); absent = no Le. */
  le?: number;
}

export type UnwrapFailure =
  /** Only a status word came back (the chip dropped secure messaging, e.g. 6987/6988). */
  | 'unprotected'
  | 'malformed'
  | 'bad-mac'
  | 'bad-padding'
  | 'missing-status';

export type UnwrapResult =
  | { ok: true; data: Buffer; sw: number }
  | { ok: false; reason: UnwrapFailure; sw: number | null };

/** BER length octets for a length below 65536. */
export function berLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x100) return Buffer.from([0x81, length]);
  if (length < 0x10000) return Buffer.from([0x82, length >> 8, length & 0xff]);
  throw new RangeError(`length too large: ${length}`);
}

export function dataObject(tag: number, value: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), berLength(value.length), value]);
}

export function incrementCounter(counter: Buffer): void {
  for (let i = counter.length - 1; i >= 0; i--) {
    const next = ((counter[i] ?? 0) + 1) & 0xff;
    counter[i] = next;
    if (next !== 0) return;
  }
}

export interface DataObject {
  tag: number;
  value: Buffer;
  raw: Buffer;
}

/** Parses the simple one-byte-tag data objects of an SM response body. */
export function parseDataObjects(body: Buffer): DataObject[] | undefined {
  const out: DataObject[] = [];
  let at = 0;
  while (at < body.length) {
    const tag = body[at];
    let lengthByte = body[at + 1];
    if (tag === undefined || lengthByte === undefined) return undefined;
    let valueAt = at + 2;
    if (lengthByte === 0x81 || lengthByte === 0x82) {
      const count = lengthByte - 0x80;
      if (valueAt + count > body.length) return undefined;
      lengthByte = count === 1 ? (body[valueAt] ?? 0) : ((body[valueAt] ?? 0) << 8) | (body[valueAt + 1] ?? 0);
      valueAt += count;
    } else if (lengthByte > 0x80) {
      return undefined;
    }
    const end = valueAt + lengthByte;
    if (end > body.length) return undefined;
    out.push({ tag, value: body.subarray(valueAt, end), raw: body.subarray(at, end) });
    at = end;
  }
  return out;
}

export class SecureMessaging {
  private readonly ssc: Buffer;

  constructor(private readonly keys: SessionKeys) {
    this.ssc = Buffer.from(keys.ssc);
  }

  /** The current send sequence counter (a copy). */
  get counter(): Buffer {
    return Buffer.from(this.ssc);
  }

  /** The protected form of a plain command APDU. */
  wrap(apdu: CommandApdu): Buffer {
    incrementCounter(this.ssc);
    const cla = (apdu.cla | 0x0c) & 0xff;
    const header = Buffer.from([cla, apdu.ins, apdu.p1, apdu.p2]);
    const parts: Buffer[] = [];
    if (apdu.data && apdu.data.length > 0) {
      const cryptogram = tdesEncrypt(this.keys.ksEnc, pad(apdu.data));
      parts.push(
        apdu.ins % 2 === 1
          ? dataObject(0x85, cryptogram)
          : dataObject(0x87, Buffer.concat([Buffer.from([0x01]), cryptogram])),
      );
    }
    if (apdu.le !== undefined) {
      if (!Number.isInteger(apdu.le) || apdu.le < 1 || apdu.le > 256) throw new RangeError(`bad Le ${apdu.le}`);
      parts.push(Buffer.from([0x97, 0x01, apdu.le & 0xff]));
    }
    const mac = retailMac(this.keys.ksMac, Buffer.concat([this.ssc, pad(header), ...parts]));
    parts.push(dataObject(0x8e, mac));
    const body = Buffer.concat(parts);
    if (body.length > 255) throw new RangeError('protected command longer than a short APDU');
    return Buffer.concat([header, Buffer.from([body.length]), body, Buffer.from([0x00])]);
  }

  /** Verifies and decrypts a protected response (body and status word). */
  unwrap(response: Uint8Array): UnwrapResult {
    incrementCounter(this.ssc);
    if (response.length < 2) return { ok: false, reason: 'malformed', sw: null };
    const bytes = Buffer.from(response);
    const sw = bytes.readUInt16BE(bytes.length - 2);
    const body = bytes.subarray(0, bytes.length - 2);
    if (body.length === 0) return { ok: false, reason: 'unprotected', sw };
    const objects = parseDataObjects(body);
    if (!objects) return { ok: false, reason: 'malformed', sw };
    const macIndex = objects.findIndex((o) => o.tag === 0x8e);
    const macObject = objects[macIndex];
    if (!macObject || macIndex !== objects.length - 1 || macObject.value.length !== 8) {
      return { ok: false, reason: 'malformed', sw };
    }
    const covered = objects.slice(0, macIndex);
    if (covered.some((o) => o.tag !== 0x87 && o.tag !== 0x85 && o.tag !== 0x99)) {
      return { ok: false, reason: 'malformed', sw };
    }
    const expected = retailMac(this.keys.ksMac, Buffer.concat([this.ssc, ...covered.map((o) => o.raw)]));
    if (!sameBytes(expected, macObject.value)) return { ok: false, reason: 'bad-mac', sw };
    const status = covered.find((o) => o.tag === 0x99);
    if (!status || status.value.length !== 2) return { ok: false, reason: 'missing-status', sw };
    const protectedSw = status.value.readUInt16BE(0);
    const encrypted = covered.find((o) => o.tag === 0x87 || o.tag === 0x85);
    if (!encrypted) return { ok: true, data: Buffer.alloc(0), sw: protectedSw };
    const cryptogram = encrypted.tag === 0x87 ? encrypted.value.subarray(1) : encrypted.value;
    if ((encrypted.tag === 0x87 && encrypted.value[0] !== 0x01) || cryptogram.length % 8 !== 0 || cryptogram.length === 0) {
      return { ok: false, reason: 'malformed', sw };
    }
    const plain = unpad(tdesDecrypt(this.keys.ksEnc, cryptogram));
    if (!plain) return { ok: false, reason: 'bad-padding', sw };
    return { ok: true, data: plain, sw: protectedSw };
  }
}
