import { describe, expect, it } from 'vitest';
import { encodeRendered, encodeTicket, rasterBands } from '../../../drivers/printer/escpos';
import { renderTicket } from '../../../drivers/printer/render';
import { assembleRaster, decodeEscPos, EscPosDecodeError } from './escpos-decoder';
import { referenceJob } from './fixtures';

describe('ESC/POS decoder', () => {
  it('decodes the commands it knows', () => {
    const qrData = Buffer.from('http://x/t/1');
    const qrLen = qrData.length + 3;
    const bytes = Buffer.concat([
      Buffer.from([0x1b, 0x40, 0x1b, 0x61, 0x31, 0x1b, 0x45, 0x01]),
      Buffer.from('Hi\n'),
      Buffer.from([0x1d, 0x28, 0x6b, qrLen & 0xff, qrLen >> 8, 0x31, 0x50, 0x30]),
      qrData,
      Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0xff, 0x81]),
      Buffer.from([0x10, 0x04, 0x04, 0x1b, 0x64, 0x03, 0x1d, 0x56, 0x42, 0x10, 0x1d, 0x56, 0x00]),
    ]);
    expect(decodeEscPos(bytes)).toEqual([
      { op: 'init' },
      { op: 'align', value: 'center' },
      { op: 'bold', on: true },
      { op: 'text', text: 'Hi' },
      { op: 'lf' },
      { op: 'qr', fn: 0x50, data: Buffer.concat([Buffer.from([0x30]), qrData]) },
      { op: 'raster', mode: 0, widthBytes: 1, height: 2, data: Buffer.from([0xff, 0x81]) },
      { op: 'status-request', n: 4 },
      { op: 'feed-lines', lines: 3 },
      { op: 'cut', partial: true, feed: 0x10 },
      { op: 'cut', partial: false, feed: null },
    ]);
  });

  it('fails on unknown bytes and on truncated commands', () => {
    expect(() => decodeEscPos(Buffer.from([0x1b, 0x40, 0x07]))).toThrow(EscPosDecodeError);
    expect(() => decodeEscPos(Buffer.from([0x1b, 0x7e, 0x00]))).toThrow(/Unknown ESC command at offset 0/);
    expect(() => decodeEscPos(Buffer.from([0x1d, 0x76, 0x30, 0, 2, 0, 2, 0, 1, 2, 3]))).toThrow(/Truncated/);
    expect(() => decodeEscPos(Buffer.from([0x10, 0x04, 0x09]))).toThrow(/DLE/);
    expect(() => decodeEscPos(Buffer.from([0x1d, 0x56, 0x07]))).toThrow(/GS V/);
  });
});

describe('encodeTicket', () => {
  it('emits init, centring, raster bands of at most 255 rows, feed, cut and nothing else', () => {
    const rendered = renderTicket(referenceJob(), 576);
    const commands = decodeEscPos(encodeRendered(rendered));
    const ops = commands.map((c) => c.op);
    expect(ops.slice(0, 2)).toEqual(['init', 'align']);
    expect(commands[1]).toEqual({ op: 'align', value: 'center' });
    const bands = commands.filter((c) => c.op === 'raster');
    expect(bands).toHaveLength(Math.ceil(rendered.height / 255));
    for (const band of bands) {
      expect(band.widthBytes).toBe(72);
      expect(band.height).toBeLessThanOrEqual(255);
    }
    expect(ops.slice(2 + bands.length)).toEqual(['feed-lines', 'cut', 'init']);
    expect(commands.at(-2)).toEqual({ op: 'cut', partial: false, feed: null });
    const image = assembleRaster(commands);
    expect([image.width, image.height]).toEqual([576, rendered.height]);
    expect(image.data.equals(Buffer.from(rendered.mono))).toBe(true);
  });

  it('honours smaller bands, partial cut and 58 mm paper', () => {
    const job = referenceJob();
    const bytes = encodeTicket(job, 384, { bandRows: 64, cut: 'partial' });
    const commands = decodeEscPos(bytes);
    const bands = commands.filter((c) => c.op === 'raster');
    expect(Math.max(...bands.map((b) => b.height))).toBe(64);
    expect(bands.every((b) => b.widthBytes === 48)).toBe(true);
    expect(commands).toContainEqual({ op: 'cut', partial: true, feed: null });
    expect(assembleRaster(commands).data.equals(Buffer.from(renderTicket(job, 384).mono))).toBe(true);
  });

  it('validates band parameters', () => {
    const mono = new Uint8Array(2 * 10);
    expect(rasterBands(mono, 16, 10, 4).map((b) => b.length)).toEqual([8 + 8, 8 + 8, 8 + 4]);
    expect(() => rasterBands(mono, 16, 10, 256)).toThrow(RangeError);
    expect(() => rasterBands(mono, 16, 11)).toThrow(RangeError);
  });
});
