/**
 * A Vietnamese CCCD chip model answering APDUs: SELECT of the eMRTD application (6D00 to
 * SELECT MF, as real cards do), GET CHALLENGE, MUTUAL AUTHENTICATE (BAC; 6300 for a wrong
 * key), then only secure-messaging SELECT EF and READ BINARY. It records every file and
 * block read so tests can check what a reader asked for.
 */
import crypto from 'node:crypto';
import { basicAccessKeys, type KeyPair } from './bac-crypto';
import { chipAnswer, sessionKeys } from './bac';
import { ChipSecureMessaging } from './chip-secure-messaging';
import { EMRTD_AID } from './emrtd';

export interface SimulatedChipOptions {
  /** MRZ information that opens the chip (document number, birth date, expiry, check digits). */
  mrzInformation: string;
  /** File id → content. */
  files: ReadonlyMap<number, Buffer>;
  /** Fixed nonces (for the ICAO vectors); random when absent. */
  rndIc?: () => Buffer;
  kIc?: () => Buffer;
}

export interface ChipReadLog {
  selected: number[];
  /** Le of every READ BINARY (0 = 256). */
  readLengths: number[];
  mutualAuthentications: number;
}

const SW_OK = 0x9000;

function sw(code: number): Buffer {
  return Buffer.from([code >> 8, code & 0xff]);
}

export class SimulatedChip {
  private readonly keys: KeyPair;
  private applicationSelected = false;
  private rndIc: Buffer | null = null;
  private sm: ChipSecureMessaging | null = null;
  private current: Buffer | null = null;
  readonly log: ChipReadLog = { selected: [], readLengths: [], mutualAuthentications: 0 };

  constructor(private readonly options: SimulatedChipOptions) {
    this.keys = basicAccessKeys(options.mrzInformation);
  }

  /** Power-on of the card in the field: everything is forgotten. */
  reset(): void {
    this.applicationSelected = false;
    this.rndIc = null;
    this.sm = null;
    this.current = null;
  }

  transceive(apdu: Uint8Array): Buffer {
    const a = Buffer.from(apdu);
    if (a.length < 4) return sw(0x6700);
    if (this.sm && (a[0] ?? 0) & 0x0c) return this.secured(a);
    // A plain command after BAC ends secure messaging (ICAO 9303-11 §9.8.7).
    this.sm = null;
    const [cla, ins, p1, p2] = [a[0], a[1], a[2], a[3]];
    if (cla !== 0x00) return sw(0x6e00);
    if (ins === 0xa4 && p1 === 0x04) {
      const aid = a.subarray(5, 5 + (a[4] ?? 0));
      this.applicationSelected = aid.equals(EMRTD_AID);
      return sw(this.applicationSelected ? SW_OK : 0x6a82);
    }
    if (ins === 0xa4 && p1 === 0x00) return sw(0x6d00);
    if (!this.applicationSelected) return sw(0x6985);
    if (ins === 0x84 && p1 === 0 && p2 === 0) {
      this.rndIc = this.options.rndIc?.() ?? crypto.randomBytes(8);
      return Buffer.concat([this.rndIc, sw(SW_OK)]);
    }
    if (ins === 0x82) return this.mutualAuthenticate(a);
    return sw(0x6982);
  }

  private mutualAuthenticate(a: Buffer): Buffer {
    this.log.mutualAuthentications++;
    const rndIc = this.rndIc;
    this.rndIc = null;
    if (!rndIc || a[4] !== 0x28 || a.length < 45) return sw(0x6985);
    const kIc = this.options.kIc?.() ?? crypto.randomBytes(16);
    const result = chipAnswer(this.keys, rndIc, kIc, a.subarray(5, 45));
    if (!result.ok) return sw(0x6300);
    this.sm = new ChipSecureMessaging(sessionKeys(result.kIfd, kIc, rndIc, result.rndIfd));
    return Buffer.concat([result.answer, sw(SW_OK)]);
  }

  private secured(a: Buffer): Buffer {
    const sm = this.sm;
    const command = sm?.unwrapCommand(a);
    if (!sm || !command) {
      this.sm = null;
      return sw(0x6988);
    }
    if (command.ins === 0xa4 && command.p1 === 0x02) {
      const fid = command.data.length === 2 ? command.data.readUInt16BE(0) : -1;
      const file = this.options.files.get(fid);
      this.current = file ?? null;
      if (file) this.log.selected.push(fid);
      return sm.wrapResponse(Buffer.alloc(0), file ? SW_OK : 0x6a82);
    }
    if (command.ins === 0xb0) {
      if (!this.current) return sm.wrapResponse(Buffer.alloc(0), 0x6986);
      if (command.p1 & 0x80) return sm.wrapResponse(Buffer.alloc(0), 0x6a86);
      const offset = (command.p1 << 8) | command.p2;
      const le = command.le === null ? 0 : command.le === 0 ? 256 : command.le;
      this.log.readLengths.push(le);
      if (offset >= this.current.length) return sm.wrapResponse(Buffer.alloc(0), 0x6b00);
      return sm.wrapResponse(this.current.subarray(offset, offset + le), SW_OK);
    }
    return sm.wrapResponse(Buffer.alloc(0), 0x6d00);
  }
}
