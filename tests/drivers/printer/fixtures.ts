import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { PrinterError, type TicketPrintJob } from '../../../drivers/printer/types';
import type { Bitmap } from './escpos-decoder';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const FIXTURE_DIR = join(HERE, '../../fixtures/printer');
export const TMP_DIR = join(HERE, '../../../tmp/printer-tests');

/** The fixed job behind the reference images (no personal data). */
export function referenceJob(overrides: Partial<TicketPrintJob> = {}): TicketPrintJob {
  return {
    unitName: 'UBND XÃ HÒA AN',
    number: 'A012',
    serviceName: 'Tư pháp – Hộ tịch',
    counterName: 'Quầy 2',
    priorityName: 'Người cao tuổi',
    issuedAt: new Date('2025-03-14T01:02:03.000Z'), // 08:02:03 in Asia/Ho_Chi_Minh
    timeZone: 'Asia/Ho_Chi_Minh',
    waitingAhead: 5,
    qrUrl: 'http://192.168.1.10:3000/t/AB12CD34EF56',
    headerLines: ['Bộ phận Tiếp nhận và Trả kết quả'],
    ticketId: 42,
    ...overrides,
  };
}

/** Reads a PNG as a bitmap (dark pixel = black). */
export function readPngBitmap(png: Buffer): Bitmap {
  const img = PNG.sync.read(png);
  const rowBytes = Math.ceil(img.width / 8);
  const data = Buffer.alloc(rowBytes * img.height);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const p = (y * img.width + x) * 4;
      const lum = 0.299 * img.data[p]! + 0.587 * img.data[p + 1]! + 0.114 * img.data[p + 2]!;
      const i = y * rowBytes + (x >> 3);
      if (img.data[p + 3]! > 127 && lum < 128) data[i] = data[i]! | (0x80 >> (x & 7));
    }
  }
  return { width: img.width, height: img.height, data };
}

/** A bitmap as an 8-bit greyscale PNG (for writing test output that humans can open). */
export function bitmapToPng(bitmap: Bitmap): Buffer {
  const png = new PNG({ width: bitmap.width, height: bitmap.height });
  const rowBytes = bitmap.width >> 3;
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      const black = (bitmap.data[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
      const p = (y * bitmap.width + x) * 4;
      png.data[p] = png.data[p + 1] = png.data[p + 2] = black ? 0 : 255;
      png.data[p + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** Number of differing pixels; bitmaps of different size count every pixel outside the overlap. */
export function diffPixels(a: Bitmap, b: Bitmap): number {
  if (a.width !== b.width) return Math.max(a.width * a.height, b.width * b.height);
  const rowBytes = a.width >> 3;
  const rows = Math.min(a.height, b.height);
  let diff = Math.abs(a.height - b.height) * a.width;
  for (let i = 0; i < rows * rowBytes; i++) {
    let x = a.data[i]! ^ b.data[i]!;
    while (x) {
      diff += x & 1;
      x >>= 1;
    }
  }
  return diff;
}

export function writeTmp(name: string, data: Buffer): string {
  mkdirSync(TMP_DIR, { recursive: true });
  const path = join(TMP_DIR, name);
  writeFileSync(path, data);
  return path;
}

/** The PrinterError a print (or status read) fails with; fails the test if it succeeds or fails otherwise. */
export async function printError(p: Promise<unknown>): Promise<PrinterError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PrinterError);
  return err as PrinterError;
}
