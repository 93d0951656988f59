import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeRendered } from '../../../drivers/printer/escpos';
import { documentLine, dueLine, receiptPrintJob, renderReceipt, type ReceiptSlip } from '../../../drivers/printer/receipt';
import { renderTicket } from '../../../drivers/printer/render';
import { SimulatedPrinter } from '../../../drivers/printer/simulated';
import { assembleRaster, decodeEscPos, pixel, type Bitmap } from './escpos-decoder';
import { bitmapToPng, writeTmp } from './fixtures';

/** A slip with made-up data (no real person). */
function slip(over: Partial<ReceiptSlip> = {}): ReceiptSlip {
  return {
    headerLines: ['UBND TỈNH THỬ NGHIỆM'],
    unitName: 'UBND XÃ HÒA AN',
    code: '000.00.06.H56-261123-0001',
    qrUrl: 'http://192.168.1.10:3000/h/000.00.06.H56-261123-0001',
    applicantName: 'Nguyễn Văn Thử',
    applicantPhone: '0900 000 000',
    applicantAddress: 'Thôn Đông, xã Hòa An',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    channel: 'Trực tiếp',
    documents: [
      { name: 'Tờ khai đăng ký khai sinh theo mẫu', form: 'Bản chính', copies: 1 },
      { name: 'Giấy chứng sinh', form: 'Bản chính', copies: 1 },
    ],
    sets: 1,
    processingTime: 'Trong ngày',
    receivedAt: '09:00 ngày 23/11/2026',
    dueAt: '17:00 ngày 23/11/2026',
    collectAt: 'Bộ phận Tiếp nhận và Trả kết quả – UBND xã Hòa An',
    officerName: 'Cán bộ Một',
    counterName: 'Quầy 1',
    ...over,
  };
}

/** What the printer would print: the ESC/POS stream decoded back into a bitmap. */
function printed(s: ReceiptSlip, width: number): Bitmap {
  return assembleRaster(decodeEscPos(encodeRendered(renderReceipt(s, width))));
}

function decodeQr(b: Bitmap): string | null {
  const rgba = new Uint8ClampedArray(b.width * b.height * 4);
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      const v = pixel(b, x, y) ? 0 : 255;
      const p = (y * b.width + x) * 4;
      rgba[p] = rgba[p + 1] = rgba[p + 2] = v;
      rgba[p + 3] = 255;
    }
  }
  return jsQR(rgba, b.width, b.height)?.data ?? null;
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

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('receipt slip raster', () => {
  it.each([576, 384])('at %i dots the printed QR decodes to the dossier address, inside the margins', (width) => {
    const b = printed(slip(), width);
    writeTmp(`receipt-${width}.png`, bitmapToPng(b));
    expect(b.width).toBe(width);
    expect(decodeQr(b)).toBe('http://192.168.1.10:3000/h/000.00.06.H56-261123-0001');
    const ink = inkColumns(b);
    expect(ink.left).toBeGreaterThanOrEqual(Math.round(width * 0.04) - 2);
    expect(ink.right).toBeLessThanOrEqual(width - Math.round(width * 0.04) + 2);
  });

  it('wraps a long list of documents instead of clipping it: the slip grows, ink stays inside', () => {
    const short = printed(slip(), 576);
    const documents = Array.from({ length: 8 }, (_, i) => ({
      name: `Giấy tờ số ${i + 1} có tên rất dài theo đúng quy định của thủ tục hành chính về đăng ký hộ tịch`,
      form: 'Bản sao có chứng thực',
      copies: 2,
    }));
    const long = printed(slip({ documents, applicantAddress: 'Số 1, đường Rất Dài Để Phải Xuống Dòng, thôn Đông, xã Hòa An, tỉnh Thử Nghiệm' }), 576);
    expect(long.height).toBeGreaterThan(short.height + 8 * 2 * 20);
    const ink = inkColumns(long);
    expect(ink.right).toBeLessThan(576 - 16);
    expect(decodeQr(long)).toBe(slip().qrUrl);
  });

  it('words its lines as a Vietnamese office does', () => {
    expect(dueLine('17:00 ngày 23/11/2026')).toBe('Hẹn trả kết quả: 17:00 ngày 23/11/2026');
    expect(dueLine(null)).toMatch(/^Hẹn trả kết quả: /);
    expect(documentLine({ name: 'Giấy chứng sinh', form: 'Bản chính', copies: 1 }, 1)).toBe('2. Giấy chứng sinh (Bản chính): 1 bản');
    expect(documentLine({ name: 'Đơn', form: '', copies: 2 }, 0)).toBe('1. Đơn: 2 bản');
  });

  it('goes through the ticket printers unchanged (simulated printer files), and refuses a raster of another width', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quayso-receipt-'));
    dirs.push(dir);
    const raster = renderReceipt(slip(), 576);
    const at = new Date('2026-11-23T02:00:00Z');
    const job = receiptPrintJob(slip(), raster, at, 'Asia/Ho_Chi_Minh', 'phieu-hen-1');
    expect(renderTicket(job, 576)).toBe(raster);
    expect(() => renderTicket(job, 384)).toThrow(RangeError);
    const printer = new SimulatedPrinter({ outputDir: dir, widthDots: 576 });
    const r = await printer.print(job);
    await printer.close();
    expect(r.files?.bin).toBe(join(dir, '2026-11-23', '000_00_06_H56-261123-0001-phieu-hen-1.bin'));
    expect(readdirSync(join(dir, '2026-11-23')).sort()).toEqual([
      '000_00_06_H56-261123-0001-phieu-hen-1.bin',
      '000_00_06_H56-261123-0001-phieu-hen-1.png',
    ]);
    const b = assembleRaster(decodeEscPos(readFileSync(r.files!.bin)));
    expect(b.height).toBe(raster.height);
    expect(decodeQr(b)).toBe(slip().qrUrl);
  });
});
