import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedPrinter } from '../../../drivers/printer/simulated';
import { assembleRaster, decodeEscPos } from './escpos-decoder';
import { diffPixels, readPngBitmap, referenceJob } from './fixtures';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quayso-sim-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SimulatedPrinter', () => {
  it('writes <date>/<number>-<ticketId>.png and .bin that decode to the same image', async () => {
    const printer = new SimulatedPrinter({ outputDir: dir, widthDots: 576 });
    const result = await printer.print(referenceJob());
    expect(result.files).toEqual({
      png: join(dir, '2025-03-14', 'A012-42.png'),
      bin: join(dir, '2025-03-14', 'A012-42.bin'),
    });
    const bin = readFileSync(result.files!.bin);
    expect(bin.length).toBe(result.bytes);
    const commands = decodeEscPos(bin);
    expect(commands.at(-2)).toMatchObject({ op: 'cut' });
    const printed = assembleRaster(commands);
    const png = readPngBitmap(readFileSync(result.files!.png));
    expect([png.width, png.height]).toEqual([printed.width, printed.height]);
    expect(diffPixels(png, printed)).toBe(0);
    await printer.close();
  });

  it('names files by issue time when there is no ticket id and dates them in the job zone', async () => {
    const printer = new SimulatedPrinter({ outputDir: dir, widthDots: 384 });
    const issuedAt = new Date('2025-03-14T18:30:00.000Z'); // 01:30 on 15/03 in Viet Nam
    const result = await printer.print(referenceJob({ ticketId: undefined, number: '../1012', issuedAt }));
    expect(result.files!.png).toBe(join(dir, '2025-03-15', `1012-${issuedAt.getTime()}.png`));
    expect(existsSync(result.files!.bin)).toBe(true);
    expect(assembleRaster(decodeEscPos(readFileSync(result.files!.bin))).width).toBe(384);
  });

  it('is always online', async () => {
    const status = await new SimulatedPrinter({ outputDir: dir, widthDots: 576 }).status();
    expect(status).toMatchObject({ online: true, paperEnd: false, coverOpen: false, error: null, kind: 'simulated', target: dir });
  });
});
