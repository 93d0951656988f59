/**
 * A PN532 model on the wire: it takes host bytes, answers with ACK and response frames,
 * and carries APDUs to a SimulatedChip placed in its field. It sleeps until the 55 55
 * wakeup preamble, resends its last answer on a NACK, and can be told to lose ACKs or
 * corrupt answers so that the host's recovery can be tested.
 */
import {
  ACK_FRAME,
  encodeResponse,
  ERROR_FRAME,
  Pn532FrameParser,
  TFI_HOST,
} from './pn532-frame';
import type { SimulatedChip } from './simulated-chip';

export const SIMULATED_FIRMWARE: Buffer = Buffer.from([0x32, 0x01, 0x06, 0x07]);
/** A Type A ISO 14443-4 target: ATQA 0004, SAK 20, a random-looking 4-byte UID, an ATS. */
const TARGET_TYPE_A = Buffer.from('0004' + '20' + '04' + '08A1B2C3' + '0578807002', 'hex');
const MAX_DATA_OUT = 262;

export interface SimulatedPn532Options {
  /** Ignore frames until the 55 55 wakeup preamble (a PN532 after power-on). */
  asleep?: boolean;
  /** Largest InDataExchange answer before MI chaining (default 262). */
  dataExchangeChunk?: number;
}

export interface Pn532Faults {
  /** Swallow this many host frames entirely (no ACK, no answer). */
  dropFrames: number;
  /** Corrupt the data checksum of this many answers (the host should NACK). */
  corruptAnswers: number;
  /** Bytes sent before the next ACK. */
  garbageBeforeAck: Buffer | null;
}

export class SimulatedPn532 {
  private readonly parser = new Pn532FrameParser();
  private asleep: boolean;
  private chip: SimulatedChip | null = null;
  private targetActive = false;
  private lastAnswer: Buffer | null = null;
  private pendingChunks: Buffer[] = [];
  readonly faults: Pn532Faults = { dropFrames: 0, corruptAnswers: 0, garbageBeforeAck: null };
  /** Host command codes in the order received (for tests). */
  readonly commands: number[] = [];

  constructor(
    private readonly send: (bytes: Buffer) => void,
    private readonly options: SimulatedPn532Options = {},
  ) {
    this.asleep = options.asleep ?? false;
  }

  /** Places a card in the field (or removes it with null). */
  placeCard(chip: SimulatedChip | null): void {
    this.chip = chip;
    chip?.reset();
    this.targetActive = false;
    this.pendingChunks = [];
  }

  receive(bytes: Uint8Array): void {
    if (this.asleep) {
      const at = Buffer.from(bytes).indexOf(Buffer.from([0x55, 0x55]));
      if (at < 0) return;
      this.asleep = false;
      bytes = bytes.subarray(at);
    }
    for (const event of this.parser.push(bytes)) {
      if (event.type !== 'frame') continue;
      const frame = event.frame;
      if (frame.kind === 'nack') {
        if (this.lastAnswer) this.send(this.lastAnswer);
        continue;
      }
      if (frame.kind !== 'info' || frame.tfi !== TFI_HOST) continue;
      if (this.faults.dropFrames > 0) {
        this.faults.dropFrames--;
        continue;
      }
      this.commands.push(frame.command);
      if (this.faults.garbageBeforeAck) {
        this.send(this.faults.garbageBeforeAck);
        this.faults.garbageBeforeAck = null;
      }
      this.send(ACK_FRAME);
      const data = this.answer(frame.command, frame.data);
      const answer = data === null ? ERROR_FRAME : encodeResponse(frame.command, data);
      this.lastAnswer = answer;
      if (this.faults.corruptAnswers > 0 && data !== null) {
        this.faults.corruptAnswers--;
        const bad = Buffer.from(answer);
        bad[bad.length - 2] = (bad[bad.length - 2] ?? 0) ^ 0xff;
        this.send(bad);
      } else this.send(answer);
    }
  }

  /** The response data after D5 CMD+1, or null for a syntax error. */
  private answer(command: number, params: Buffer): Buffer | null {
    switch (command) {
      case 0x02: // GetFirmwareVersion
        return SIMULATED_FIRMWARE;
      case 0x14: // SAMConfiguration
      case 0x12: // SetParameters
      case 0x32: // RFConfiguration
        return Buffer.alloc(0);
      case 0x4a: // InListPassiveTarget
        return this.listTarget(params);
      case 0x40: // InDataExchange
        return this.dataExchange(params);
      case 0x52: // InRelease
      case 0x44: // InDeselect
        this.targetActive = false;
        this.chip?.reset();
        return Buffer.from([0x00]);
      default:
        return null;
    }
  }

  private listTarget(params: Buffer): Buffer {
    if (params.length < 2 || !this.chip || params[1] !== 0x00) return Buffer.from([0x00]);
    this.chip.reset();
    this.targetActive = true;
    return Buffer.concat([Buffer.from([0x01, 0x01]), TARGET_TYPE_A]);
  }

  private dataExchange(params: Buffer): Buffer {
    const tg = params[0];
    if (tg === undefined || (tg & 0x3f) !== 1 || !this.targetActive) return Buffer.from([0x27]);
    if (!this.chip) return Buffer.from([0x01]);
    let answer: Buffer;
    if (params.length === 1 && this.pendingChunks.length > 0) {
      answer = this.pendingChunks.shift() ?? Buffer.alloc(0);
    } else {
      const response = this.chip.transceive(params.subarray(1));
      const chunk = Math.min(this.options.dataExchangeChunk ?? MAX_DATA_OUT, MAX_DATA_OUT);
      this.pendingChunks = [];
      for (let at = chunk; at < response.length; at += chunk) this.pendingChunks.push(response.subarray(at, at + chunk));
      answer = response.subarray(0, chunk);
    }
    const status = this.pendingChunks.length > 0 ? 0x40 : 0x00;
    return Buffer.concat([Buffer.from([status]), answer]);
  }
}
