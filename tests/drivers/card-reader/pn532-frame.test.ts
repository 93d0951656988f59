import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../drivers/card-reader/bytes';
import {
  ACK_FRAME,
  encodeCommand,
  encodeFrame,
  encodeResponse,
  ERROR_FRAME,
  MAX_FRAME_BYTES,
  NACK_FRAME,
  Pn532FrameParser,
  WAKEUP_PREAMBLE,
  type FrameParseEvent,
  type FrameRejectReason,
  type Pn532Frame,
} from '../../../drivers/card-reader/pn532-frame';
import { Pn532FrameStream } from '../../../drivers/card-reader/pn532-stream';

// Frames from /work/shared/design/CARD-READER.md §5 (PN532 user manual, libnfc, pn532.js tests).
const SAM_CONFIGURATION = '0000FF05FBD4140114010200';
const SAM_CONFIGURATION_REPLY = '0000FF02FED5151600';
const GET_FIRMWARE_VERSION = '0000FF02FED4022A00';
const FIRMWARE_VERSION_REPLY = '0000FF06FAD50332010607E800';
const IN_LIST_REPLY = '0000FF0CF4D54B0101000408049D44A3460400';
const WAKEUP_THEN_SAM = '55550000000000000000000000000000FF05FBD4140114010200';

function frames(events: FrameParseEvent[]): unknown[] {
  return events.flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
}

function rejects(events: FrameParseEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'reject' ? [e.reason] : []));
}

describe('PN532 frame encoding', () => {
  it('encodes the documented commands byte for byte', () => {
    expect(hex(encodeCommand(0x14, fromHex('011401')))).toBe(SAM_CONFIGURATION);
    expect(hex(encodeCommand(0x02))).toBe(GET_FIRMWARE_VERSION);
    expect(hex(encodeResponse(0x02, fromHex('32010607')))).toBe(FIRMWARE_VERSION_REPLY);
    expect(hex(encodeResponse(0x14))).toBe(SAM_CONFIGURATION_REPLY);
    expect(hex(encodeCommand(0x14, fromHex('0114')))).toBe('0000FF04FCD41401140300');
  });

  it('wakeup preamble followed by SAMConfiguration is the pn532.js wakeup vector', () => {
    expect(hex(Buffer.concat([WAKEUP_PREAMBLE, fromHex(SAM_CONFIGURATION)]))).toBe(WAKEUP_THEN_SAM);
  });

  it('uses an extended frame above 254 data bytes and refuses more than 264', () => {
    const payload = Buffer.alloc(260, 0xab);
    const frame = encodeFrame(0xd4, payload);
    expect(hex(frame.subarray(0, 8))).toBe('0000FFFFFF0105FA');
    expect(frame.length).toBe(8 + 261 + 2);
    expect(encodeFrame(0xd4, Buffer.alloc(254)).subarray(3, 5)).toEqual(Buffer.from([0xff, 0x01]));
    expect(() => encodeFrame(0xd4, Buffer.alloc(265))).toThrow(RangeError);
  });
});

describe('PN532 frame parser', () => {
  it('parses ACK, NACK, the error frame and information frames', () => {
    const p = new Pn532FrameParser();
    const events = p.push(Buffer.concat([ACK_FRAME, NACK_FRAME, ERROR_FRAME, fromHex(FIRMWARE_VERSION_REPLY)]));
    expect(frames(events)).toEqual([
      { kind: 'ack' },
      { kind: 'nack' },
      { kind: 'error' },
      { kind: 'info', tfi: 0xd5, command: 0x03, data: fromHex('32010607'), extended: false },
    ]);
    expect(rejects(events)).toEqual([]);
    expect(p.stats.frames).toBe(4);
  });

  it('parses the InListPassiveTarget answer after its ACK', () => {
    const events = new Pn532FrameParser().push(fromHex('0000FF00FF00' + IN_LIST_REPLY));
    expect(frames(events)).toEqual([
      { kind: 'ack' },
      { kind: 'info', tfi: 0xd5, command: 0x4b, data: fromHex('0101000408049D44A346'), extended: false },
    ]);
  });

  it('parses host frames after the wakeup preamble without counting it as garbage', () => {
    const p = new Pn532FrameParser();
    const events = p.push(fromHex(WAKEUP_THEN_SAM));
    expect(frames(events)).toEqual([
      { kind: 'info', tfi: 0xd4, command: 0x14, data: fromHex('011401'), extended: false },
    ]);
    expect(p.stats.garbageBytes).toBe(0);
  });

  it('parses an extended frame split into single bytes', () => {
    const payload = Buffer.from(Array.from({ length: 262 }, (_, i) => i & 0xff));
    const wire = encodeFrame(0xd5, Buffer.concat([Buffer.from([0x41, 0x00]), payload]));
    const p = new Pn532FrameParser();
    const events: FrameParseEvent[] = [];
    for (const byte of wire) events.push(...p.push(Buffer.from([byte])));
    expect(frames(events)).toEqual([
      { kind: 'info', tfi: 0xd5, command: 0x41, data: Buffer.concat([Buffer.from([0x00]), payload]), extended: true },
    ]);
    expect(p.bufferedBytes).toBe(0);
  });

  it('skips garbage between frames, counting it', () => {
    const p = new Pn532FrameParser();
    const events = p.push(fromHex(`0102FE${GET_FIRMWARE_VERSION}7777${SAM_CONFIGURATION_REPLY}AA`));
    expect(frames(events)).toHaveLength(2);
    expect(rejects(events)).toEqual(['garbage', 'garbage', 'garbage']);
    expect(p.stats.garbageBytes).toBe(6);
  });

  it.each([
    ['a bad length checksum', '0000FF02FFD4022A00', 'bad-length-checksum'],
    ['a bad data checksum', '0000FF02FED4022B00', 'bad-data-checksum'],
    ['a bad postamble', '0000FF02FED4022A01', 'bad-postamble'],
    ['a bad ACK postamble', '0000FF00FF01', 'bad-postamble'],
    ['an unknown TFI', '0000FF02FED3022B00', 'bad-tfi'],
    ['LEN 1 without a command byte', '0000FF01FFD42C00', 'bad-length'],
    ['LEN 0 that is not an ACK', '0000FF000000', 'bad-length'],
    ['an extended length checksum error', '0000FFFFFF000201D402', 'bad-length-checksum'],
    ['an oversize extended frame', '0000FFFFFF020BF3D4', 'bad-length'],
  ])('rejects %s and finds the next good frame', (_name, bad, reason) => {
    const p = new Pn532FrameParser();
    const events = p.push(fromHex(bad + GET_FIRMWARE_VERSION));
    expect(rejects(events)[0]).toBe(reason);
    expect(frames(events)).toEqual([{ kind: 'info', tfi: 0xd4, command: 0x02, data: Buffer.alloc(0), extended: false }]);
    expect(p.stats.rejected[reason as 'bad-tfi']).toBe(1);
  });

  it('finds a frame that a false start code with a long length swallowed', () => {
    const p = new Pn532FrameParser();
    // 00 FF 40 C0 announces 64 bytes: the real frame inside fails its checksum as that body.
    const events = p.push(Buffer.concat([fromHex('00FF40C0'), fromHex(FIRMWARE_VERSION_REPLY), Buffer.alloc(70, 0x11)]));
    expect(frames(events)).toEqual([
      { kind: 'info', tfi: 0xd5, command: 0x03, data: fromHex('32010607'), extended: false },
    ]);
    expect(rejects(events)).toContain('bad-data-checksum');
  });

  it('holds at most one frame of input whatever the size of a chunk', () => {
    const p = new Pn532FrameParser();
    const big = Buffer.alloc(1_000_000, 0x42);
    big.set(fromHex(GET_FIRMWARE_VERSION), 500_000);
    const events = p.push(big);
    expect(frames(events)).toHaveLength(1);
    expect(p.bufferedBytes).toBeLessThan(MAX_FRAME_BYTES);
    p.push(fromHex('0000FFFFFF0105FAD4'));
    expect(p.bufferedBytes).toBeLessThan(MAX_FRAME_BYTES);
    p.reset();
    expect(p.bufferedBytes).toBe(0);
  });
});

describe('PN532 frame stream', () => {
  it('emits frames as objects and rejections as events', async () => {
    const stream = new Pn532FrameStream();
    const got: unknown[] = [];
    const reasons: string[] = [];
    stream.on('data', (frame: Pn532Frame) => got.push(frame));
    stream.on('reject', (reason: FrameRejectReason) => reasons.push(reason));
    stream.write(fromHex('0000FF06FAD503'));
    stream.write(fromHex('32010607E80099'));
    stream.end(ACK_FRAME);
    await new Promise((resolve) => stream.on('end', resolve));
    expect(got).toEqual([
      { kind: 'info', tfi: 0xd5, command: 0x03, data: fromHex('32010607'), extended: false },
      { kind: 'ack' },
    ]);
    expect(reasons).toEqual(['garbage']);
  });
});
