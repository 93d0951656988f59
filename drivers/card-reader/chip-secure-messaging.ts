/**
 * The chip's side of ICAO 9303-11 secure messaging, for the simulated card: checks and
 * decrypts a protected command, protects a response. Same SSC rule as the terminal.
 */
import { pad, retailMac, sameBytes, tdesDecrypt, tdesEncrypt, unpad } from './bac-crypto';
import type { SessionKeys } from './bac';
import { dataObject, incrementCounter, parseDataObjects } from './secure-messaging';

export interface PlainCommand {
  ins: number;
  p1: number;
  p2: number;
  data: Buffer;
  /** Le from DO97 (0 = 256), or null. */
  le: number | null;
}

export class ChipSecureMessaging {
  private readonly ssc: Buffer;

  constructor(private readonly keys: SessionKeys) {
    this.ssc = Buffer.from(keys.ssc);
  }

  /** The plain command, or null when the MAC or the format is wrong (answer 6988). */
  unwrapCommand(apdu: Uint8Array): PlainCommand | null {
    incrementCounter(this.ssc);
    const bytes = Buffer.from(apdu);
    if (bytes.length < 6 || bytes[0] !== 0x0c) return null;
    const lc = bytes[4] ?? 0;
    if (bytes.length !== 5 + lc + 1 && bytes.length !== 5 + lc) return null;
    const objects = parseDataObjects(bytes.subarray(5, 5 + lc));
    const mac = objects?.[objects.length - 1];
    if (!objects || !mac || mac.tag !== 0x8e) return null;
    const covered = objects.slice(0, -1);
    const header = pad(bytes.subarray(0, 4));
    const expected = retailMac(this.keys.ksMac, Buffer.concat([this.ssc, header, ...covered.map((o) => o.raw)]));
    if (!sameBytes(expected, mac.value)) return null;
    let data: Buffer = Buffer.alloc(0);
    let le: number | null = null;
    for (const o of covered) {
      if (o.tag === 0x97) le = o.value[0] ?? 0;
      else if (o.tag === 0x87 || o.tag === 0x85) {
        const cryptogram = o.tag === 0x87 ? o.value.subarray(1) : o.value;
        if (cryptogram.length === 0 || cryptogram.length % 8 !== 0) return null;
        const plain = unpad(tdesDecrypt(this.keys.ksEnc, cryptogram));
        if (!plain) return null;
        data = plain;
      } else return null;
    }
    return { ins: bytes[1] ?? 0, p1: bytes[2] ?? 0, p2: bytes[3] ?? 0, data, le };
  }

  /** The protected response: [DO87] DO99 DO8E SW. */
  wrapResponse(data: Uint8Array, sw: number): Buffer {
    incrementCounter(this.ssc);
    const parts: Buffer[] = [];
    if (data.length > 0) {
      parts.push(dataObject(0x87, Buffer.concat([Buffer.from([0x01]), tdesEncrypt(this.keys.ksEnc, pad(data))])));
    }
    const status = Buffer.from([sw >> 8, sw & 0xff]);
    parts.push(dataObject(0x99, status));
    const mac = retailMac(this.keys.ksMac, Buffer.concat([this.ssc, ...parts]));
    return Buffer.concat([...parts, dataObject(0x8e, mac), status]);
  }
}
