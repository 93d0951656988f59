import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { create as createQr } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { encodeTicket } from '../../../drivers/printer/escpos';
import { formatDateKey, formatTicketTime } from '../../../drivers/printer/format';
import { renderTicket } from '../../../drivers/printer/render';
import { assembleRaster, decodeEscPos, pixel, type Bitmap } from './escpos-decoder';
import { bitmapToPng, diffPixels, FIXTURE_DIR, readPngBitmap, referenceJob, writeTmp } from './fixtures';

const UPDATE = process.env.UPDATE_PRINTER_FIXTURES === '1';
const TOLERANCE = 0.005;

function printedBitmap(width: number, job = referenceJob()): Bitmap {
  return assembleRaster(decodeEscPos(encodeTicket(job, width)));
}

function inkColumns(b: Bitmap): { left: number; right: number } {
  let left = b.width;
  let right = -1;
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      if (pixel(b, x, y)) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return { left, right };
}

/** Finds the QR symbol (centred, 4-module quiet zone) and checks every module against the qrcode matrix. */
function qrMatches(b: Bitmap, url: string): boolean {
  const qr = createQr(url, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  for (let cell = 2; cell <= 12; cell++) {
    const x0 = Math.floor((b.width - size * cell) / 2);
    for (let y0 = 0; y0 + size * cell <= b.height; y0++) {
      if (pixel(b, x0 - 1, y0) || !pixel(b, x0, y0) || pixel(b, x0, y0 - 1)) continue;
      let ok = true;
      for (let r = 0; r < size && ok; r++) {
        for (let c = 0; c < size && ok; c++) {
          const dark = pixel(b, x0 + c * cell + (cell >> 1), y0 + r * cell + (cell >> 1));
          ok = dark === (qr.modules.get(r, c) === 1);
        }
      }
      if (ok) return true;
    }
  }
  return false;
}

describe('renderTicket', () => {
  for (const width of [576, 384]) {
    it(`matches the reviewed reference image at ${width} dots`, () => {
      const actual = printedBitmap(width);
      const file = join(FIXTURE_DIR, `ticket-${width}.png`);
      if (UPDATE || !existsSync(file)) {
        writeFileSync(file, bitmapToPng(actual));
        if (!UPDATE) throw new Error(`Reference ${file} was missing and has been written: review it, then rerun`);
      }
      const expected = readPngBitmap(readFileSync(file));
      const diff = diffPixels(actual, expected);
      const ratio = diff / (expected.width * expected.height);
      if (ratio > TOLERANCE) {
        const out = writeTmp(`ticket-${width}-actual.png`, bitmapToPng(actual));
        throw new Error(`${(ratio * 100).toFixed(2)}% pixels differ from ${file}; actual image written to ${out}`);
      }
      expect(actual.width).toBe(width);
    });
  }

  it('returns a PNG and a GS v 0 bitmap that show the same pixels', () => {
    const r = renderTicket(referenceJob(), 576);
    expect(r.mono.length).toBe((576 / 8) * r.height);
    const fromPng = readPngBitmap(r.png);
    expect([fromPng.width, fromPng.height]).toEqual([576, r.height]);
    expect(diffPixels(fromPng, { width: 576, height: r.height, data: Buffer.from(r.mono) })).toBe(0);
    expect(PNG.sync.read(r.png).width).toBe(576);
  });

  it('draws a QR code of qrUrl module for module', () => {
    for (const width of [576, 384]) expect(qrMatches(printedBitmap(width), referenceJob().qrUrl)).toBe(true);
  });

  it('wraps long text inside the margins instead of clipping it', () => {
    const long = referenceJob({
      unitName: 'ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN THÁI BÌNH QUẬN MỘT THÀNH PHỐ HỒ CHÍ MINH',
      serviceName: 'Chứng thực bản sao từ bản chính, chữ ký, hợp đồng giao dịch ' + 'Đăngkýkếthônvàkhaisinhchotrẻem'.repeat(3),
      counterName: 'Quầy tiếp nhận hồ sơ đất đai, xây dựng, tài nguyên và môi trường',
      priorityName: 'Người khuyết tật, phụ nữ mang thai, người có công với cách mạng',
    });
    for (const width of [576, 384]) {
      const short = printedBitmap(width);
      const b = printedBitmap(width, long);
      const margin = Math.round(width * 0.04);
      const ink = inkColumns(b);
      expect(ink.left).toBeGreaterThanOrEqual(margin - 2);
      expect(ink.right).toBeLessThanOrEqual(width - margin + 1);
      expect(b.height).toBeGreaterThan(short.height + 150);
    }
  });

  it('leaves out optional lines and keeps the big number inside the paper', () => {
    const full = renderTicket(referenceJob(), 576);
    const bare = renderTicket(
      referenceJob({ counterName: null, priorityName: '  ', headerLines: [], thankYou: '', number: '1012345' }),
      576,
    );
    expect(bare.height).toBeLessThan(full.height - 100);
    const ink = inkColumns({ width: 576, height: bare.height, data: Buffer.from(bare.mono) });
    expect(ink.left).toBeGreaterThan(10);
    expect(ink.right).toBeLessThan(566);
  });

  it('prints a PNG logo at the top, dithered, and ignores a broken one', () => {
    const logo = new PNG({ width: 80, height: 40 });
    for (let i = 0; i < 80 * 40; i++) {
      logo.data.set([200, 30, 30, i % 80 < 40 ? 255 : 0], i * 4); // red left half, transparent right half
    }
    const plain = renderTicket(referenceJob(), 576);
    const withLogo = renderTicket(referenceJob({ logoPng: PNG.sync.write(logo) }), 576);
    expect(withLogo.height).toBeGreaterThan(plain.height + 40);
    const b: Bitmap = { width: 576, height: withLogo.height, data: Buffer.from(withLogo.mono) };
    let black = 0;
    for (let y = 12; y < 60; y++) for (let x = 0; x < 576; x++) black += pixel(b, x, y) ? 1 : 0;
    expect(black).toBeGreaterThan(500);
    const broken = renderTicket(referenceJob({ logoPng: Buffer.from('not a png') }), 576);
    expect(broken.height).toBe(plain.height);
  });

  it('rejects paper widths that are not a multiple of 8 dots', () => {
    expect(() => renderTicket(referenceJob(), 570)).toThrow(/multiple of 8/);
    expect(() => renderTicket(referenceJob(), 64)).toThrow(RangeError);
  });
});

describe('ticket time', () => {
  it('is printed in the job time zone as dd/mm/yyyy HH:mm:ss', () => {
    expect(formatTicketTime(new Date('2025-03-14T01:02:03Z'), 'Asia/Ho_Chi_Minh')).toBe('14/03/2025 08:02:03');
    expect(formatTicketTime(new Date('2024-12-31T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('01/01/2025 00:00:00');
    expect(formatDateKey(new Date('2024-12-31T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2025-01-01');
    expect(() => formatTicketTime(new Date(Number.NaN), 'Asia/Ho_Chi_Minh')).toThrow(RangeError);
  });
});
