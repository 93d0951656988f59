/**
 * PN532 HSU (UART) framing, both directions.
 *
 *   normal:   00 00 FF LEN LCS TFI PD0 … PDn DCS 00          LEN = TFI + data (1..255)
 *   extended: 00 00 FF FF FF LENM LENL LCS TFI … DCS 00       LEN = 256..265 (smaller accepted)
 *   ACK 00 00 FF 00 FF 00 · NACK 00 00 FF FF 00 00 · error 00 00 FF 01 FF 7F 81 00
 *
 * (LEN + LCS) & 0xFF = 0 and (TFI + data + DCS) & 0xFF = 0. TFI is D4 host → PN532 and
 * D5 PN532 → host. The parser resynchronises on the 00 FF start code, never on offsets.
 */
import { byteSum } from './bytes';

export const TFI_HOST = 0xd4;
export const TFI_PN532 = 0xd5;
export const TFI_ERROR = 0x7f;
/** LEN counts TFI + data: normal frames carry at most 254 data bytes after TFI. */
export const NORMAL_MAX_LEN = 255;
/** Extended frames carry at most 264 data bytes after TFI (PN532 user manual §6.2). */
export const EXTENDED_MAX_LEN = 265;
/** The longest frame on the wire: 00 00 FF FF FF LENM LENL LCS + LEN + DCS + 00. */
export const MAX_FRAME_BYTES = 8 + EXTENDED_MAX_LEN + 2;

export const ACK_FRAME: Buffer = Buffer.from([0x00, 0x00, 0xff, 0x00, 0xff, 0x00]);
export const NACK_FRAME: Buffer = Buffer.from([0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);
export const ERROR_FRAME: Buffer = Buffer.from([0x00, 0x00, 0xff, 0x01, 0xff, 0x7f, 0x81, 0x00]);
/** Sent before the first command after power-on or idle: 55 55 and zeros (the frame's 00 00 FF follows). */
export const WAKEUP_PREAMBLE: Buffer = Buffer.from([0x55, 0x55, ...new Array<number>(12).fill(0)]);

export type Pn532Frame =
  | { kind: 'ack' }
  | { kind: 'nack' }
  /** The PN532's syntax error frame (it could not parse what it received). */
  | { kind: 'error' }
  | {
      kind: 'info';
      /** 0xD4 (to the PN532) or 0xD5 (from it). */
      tfi: number;
      /** Command code (responses carry the command code + 1). */
      command: number;
      /** The bytes after the command code. */
      data: Buffer;
      extended: boolean;
    };

export type FrameRejectReason =
  /** Bytes outside any frame (not preamble zeros nor 55 wakeup bytes). */
  | 'garbage'
  | 'bad-length-checksum'
  | 'bad-data-checksum'
  | 'bad-postamble'
  /** LEN too small for TFI + command, or an extended frame longer than allowed. */
  | 'bad-length'
  | 'bad-tfi';

export type FrameParseEvent =
  | { type: 'frame'; frame: Pn532Frame }
  | { type: 'reject'; reason: FrameRejectReason; bytes: number };

export interface FrameParserStats {
  frames: number;
  rejected: Record<FrameRejectReason, number>;
  garbageBytes: number;
}

/** A normal or extended information frame around TFI + payload. */
export function encodeFrame(tfi: number, payload: Uint8Array): Buffer {
  const len = payload.length + 1;
  if (len > EXTENDED_MAX_LEN) throw new RangeError(`PN532 frame payload too long: ${payload.length}`);
  const body = Buffer.concat([Buffer.from([tfi]), payload]);
  const dcs = (0x100 - byteSum(body)) & 0xff;
  const header =
    len <= NORMAL_MAX_LEN
      ? Buffer.from([0x00, 0x00, 0xff, len, (0x100 - len) & 0xff])
      : Buffer.from([0x00, 0x00, 0xff, 0xff, 0xff, len >> 8, len & 0xff, (0x100 - ((len >> 8) + (len & 0xff))) & 0xff]);
  return Buffer.concat([header, body, Buffer.from([dcs, 0x00])]);
}

/** A host → PN532 command frame: D4 CMD params… */
export function encodeCommand(command: number, params: Uint8Array = Buffer.alloc(0)): Buffer {
  return encodeFrame(TFI_HOST, Buffer.concat([Buffer.from([command]), params]));
}

/** A PN532 → host response frame: D5 CMD+1 data… */
export function encodeResponse(command: number, data: Uint8Array = Buffer.alloc(0)): Buffer {
  return encodeFrame(TFI_PN532, Buffer.concat([Buffer.from([(command + 1) & 0xff]), data]));
}

function emptyRejectCounts(): Record<FrameRejectReason, number> {
  return {
    garbage: 0,
    'bad-length-checksum': 0,
    'bad-data-checksum': 0,
    'bad-postamble': 0,
    'bad-length': 0,
    'bad-tfi': 0,
  };
}

type Step =
  | { status: 'need-more' }
  | { status: 'frame'; frame: Pn532Frame; end: number }
  | { status: 'reject'; reason: FrameRejectReason };

/**
 * Incremental parser: push chunks as they arrive, get the frames and rejections found.
 * The buffer never holds more than MAX_FRAME_BYTES + one slice of input; a rejected
 * candidate frame is dropped only up to its start code, so a valid frame that a bad
 * header swallowed is still found.
 */
export class Pn532FrameParser {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly counts = emptyRejectCounts();
  private frameCount = 0;
  private garbage = 0;

  /** Bytes held while waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this.buffer.length;
  }

  get stats(): FrameParserStats {
    return { frames: this.frameCount, rejected: { ...this.counts }, garbageBytes: this.garbage };
  }

  /** Forget a partial frame (after a timeout, or when the port reopens). */
  reset(): void {
    this.buffer = Buffer.alloc(0);
  }

  push(chunk: Uint8Array): FrameParseEvent[] {
    const events: FrameParseEvent[] = [];
    for (let at = 0; at < chunk.length; at += MAX_FRAME_BYTES) {
      const slice = chunk.subarray(at, Math.min(chunk.length, at + MAX_FRAME_BYTES));
      this.buffer = this.buffer.length === 0 ? Buffer.from(slice) : Buffer.concat([this.buffer, slice]);
      this.drain(events);
    }
    return events;
  }

  private drain(events: FrameParseEvent[]): void {
    for (;;) {
      const start = this.findStartCode();
      if (start < 0) {
        // Keep a trailing 00: it may be the first byte of the next start code.
        const keep = this.buffer.length > 0 && this.buffer[this.buffer.length - 1] === 0x00 ? 1 : 0;
        this.discard(this.buffer.length - keep, events);
        return;
      }
      this.discard(start, events);
      const step = this.parseAtStart();
      if (step.status === 'need-more') return;
      if (step.status === 'frame') {
        this.frameCount++;
        events.push({ type: 'frame', frame: step.frame });
        this.buffer = this.buffer.subarray(step.end);
        continue;
      }
      this.counts[step.reason]++;
      events.push({ type: 'reject', reason: step.reason, bytes: 2 });
      // Skip only the start code and look for the next one.
      this.buffer = this.buffer.subarray(2);
    }
  }

  private findStartCode(): number {
    const b = this.buffer;
    for (let i = 0; i + 1 < b.length; i++) if (b[i] === 0x00 && b[i + 1] === 0xff) return i;
    return -1;
  }

  /** Drop `count` leading bytes; zeros (preamble) and 55 (wakeup) are not garbage. */
  private discard(count: number, events: FrameParseEvent[]): void {
    if (count <= 0) return;
    let junk = 0;
    for (let i = 0; i < count; i++) {
      const byte = this.buffer[i];
      if (byte !== 0x00 && byte !== 0x55) junk++;
    }
    this.buffer = this.buffer.subarray(count);
    if (junk > 0) {
      this.garbage += junk;
      this.counts.garbage++;
      events.push({ type: 'reject', reason: 'garbage', bytes: junk });
    }
  }

  /** The buffer starts with 00 FF. */
  private parseAtStart(): Step {
    const b = this.buffer;
    const len = b[2];
    const lcs = b[3];
    if (len === undefined || lcs === undefined) return { status: 'need-more' };
    if (len === 0x00 && lcs === 0xff) return this.shortFrame(4, { kind: 'ack' });
    if (len === 0xff && lcs === 0x00) return this.shortFrame(4, { kind: 'nack' });
    if (len === 0xff && lcs === 0xff) {
      const m = b[4];
      const l = b[5];
      const xlcs = b[6];
      if (m === undefined || l === undefined || xlcs === undefined) return { status: 'need-more' };
      if (((m + l + xlcs) & 0xff) !== 0) return { status: 'reject', reason: 'bad-length-checksum' };
      const xlen = (m << 8) | l;
      if (xlen < 1 || xlen > EXTENDED_MAX_LEN) return { status: 'reject', reason: 'bad-length' };
      return this.body(7, xlen, true);
    }
    if (((len + lcs) & 0xff) !== 0) return { status: 'reject', reason: 'bad-length-checksum' };
    if (len === 0) return { status: 'reject', reason: 'bad-length' };
    return this.body(4, len, false);
  }

  private shortFrame(postambleAt: number, frame: Pn532Frame): Step {
    const post = this.buffer[postambleAt];
    if (post === undefined) return { status: 'need-more' };
    if (post !== 0x00) return { status: 'reject', reason: 'bad-postamble' };
    return { status: 'frame', frame, end: postambleAt + 1 };
  }

  private body(at: number, len: number, extended: boolean): Step {
    const b = this.buffer;
    const dcsAt = at + len;
    if (b.length < dcsAt + 2) return { status: 'need-more' };
    if (byteSum(b, at, dcsAt + 1) !== 0) return { status: 'reject', reason: 'bad-data-checksum' };
    if (b[dcsAt + 1] !== 0x00) return { status: 'reject', reason: 'bad-postamble' };
    const tfi = b[at] ?? 0;
    const end = dcsAt + 2;
    if (tfi === TFI_ERROR && len === 1 && !extended) return { status: 'frame', frame: { kind: 'error' }, end };
    if (tfi !== TFI_HOST && tfi !== TFI_PN532) return { status: 'reject', reason: 'bad-tfi' };
    if (len < 2) return { status: 'reject', reason: 'bad-length' };
    const data = Buffer.from(b.subarray(at + 2, dcsAt));
    return { status: 'frame', frame: { kind: 'info', tfi, command: b[at + 1] ?? 0, data, extended }, end };
  }
}
