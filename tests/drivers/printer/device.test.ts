import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DevicePrinter } from '../../../drivers/printer/device';
import { encodeTicket } from '../../../drivers/printer/escpos';
import type { PrinterError } from '../../../drivers/printer/types';
import { assembleRaster, decodeEscPos } from './escpos-decoder';
import { startFakePrinter, STATUS_PAPER_END, type FakePrinter } from './fake-printer';
import { printError, referenceJob } from './fixtures';

const hasSocat = spawnSync('socat', ['-V']).status === 0;
let dir = '';
const cleanups: Array<() => unknown> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quayso-printer-'));
});

afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  rmSync(dir, { recursive: true, force: true });
});

const device = (path: string, timeoutMs = 1000): DevicePrinter =>
  new DevicePrinter({ path, widthDots: 576, timeoutMs, statusTimeoutMs: 300 });

function mkfifo(name: string): string {
  const path = join(dir, name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
}

const exited = (child: ChildProcess): Promise<void> => new Promise((resolve) => child.once('exit', () => resolve()));

describe('DevicePrinter', () => {
  it('appends complete tickets to a plain file and reports it online', async () => {
    const path = join(dir, 'lp0.bin');
    const printer = device(path);
    const first = await printer.print(referenceJob());
    const second = await printer.print(referenceJob({ number: 'A013' }));
    const bytes = readFileSync(path);
    expect(bytes.length).toBe(first.bytes + second.bytes);
    expect(first.statusUnknown).toBeUndefined();
    const commands = decodeEscPos(bytes);
    expect(commands.filter((c) => c.op === 'cut')).toHaveLength(2);
    expect(assembleRaster(commands).width).toBe(576);
    expect(await printer.status()).toMatchObject({ online: true, error: null, kind: 'escpos-device', target: path });
    await printer.close();
  });

  it('is offline when the /dev device does not exist', async () => {
    const printer = device('/dev/usb/quayso-missing-lp9');
    expect((await printError(printer.print(referenceJob()))).code).toBe('offline');
    expect(await printer.status()).toMatchObject({ online: false });
  });

  it('prints to a character device that cannot report status (/dev/null) with status unknown', async () => {
    const printer = device('/dev/null');
    const result = await printer.print(referenceJob());
    expect(result).toMatchObject({ ok: true, statusUnknown: true });
    expect(await printer.status()).toMatchObject({ online: true, error: null });
  });

  it('is offline when nobody holds the other end of a FIFO', async () => {
    const printer = device(mkfifo('nobody'));
    expect((await printError(printer.print(referenceJob()))).code).toBe('offline');
  });

  it('streams a ticket through a FIFO to a reading process', async () => {
    const fifo = mkfifo('lp');
    const out = join(dir, 'out.bin');
    const reader = spawn('sh', ['-c', 'cat "$0" > "$1"', fifo, out]);
    cleanups.push(() => reader.kill());
    const done = exited(reader);
    const printer = device(fifo);
    let result = null;
    while (!result) {
      // ENXIO (offline) until the reader has opened its end
      result = await printer.print(referenceJob()).catch((e: PrinterError) => {
        expect(e.code).toBe('offline');
        return new Promise<null>((r) => setTimeout(() => r(null), 10));
      });
    }
    await done;
    const bytes = readFileSync(out);
    expect(bytes.length).toBe(result.bytes);
    expect(decodeEscPos(bytes).map((c) => c.op)).toContain('cut');
  });

  it('times out within the bound when the device stops taking data', async () => {
    const job = referenceJob({ headerLines: Array.from({ length: 12 }, (_, i) => `Dòng tiêu đề số ${i + 1}`) });
    expect(encodeTicket(job, 576).length).toBeGreaterThan(65536 + 8192); // more than a pipe buffer holds
    const fifo = mkfifo('stuck');
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK); // a reader that never reads
    cleanups.push(() => closeSync(fd));
    const started = Date.now();
    const err = await printError(device(fifo, 300).print(job));
    expect(err.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(300 + 500);
  });

  describe.skipIf(!hasSocat)('through a pty (socat) bridged to a fake printer', () => {
    async function ptyPrinter(status = STATUS_PAPER_END, ready = false): Promise<{ fake: FakePrinter; path: string }> {
      const fake = await startFakePrinter(ready ? {} : { status });
      cleanups.push(() => fake.close());
      const path = join(dir, 'ttyLP');
      const socat = spawn('socat', [`pty,raw,echo=0,link=${path}`, `tcp:127.0.0.1:${fake.port}`], { stdio: 'ignore' });
      cleanups.push(() => socat.kill());
      while (!existsSync(path)) await new Promise((r) => setTimeout(r, 10));
      return { fake, path };
    }

    it('reads DLE EOT status from the device and prints when ready', async () => {
      const { fake, path } = await ptyPrinter(undefined, true);
      const printer = device(path);
      expect(await printer.status()).toMatchObject({ online: true, paperEnd: false, error: null });
      const result = await printer.print(referenceJob());
      expect(result.statusUnknown).toBeUndefined();
      for (let i = 0; i < 100 && (fake.connections[0]?.length ?? 0) < result.bytes + 18; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const commands = decodeEscPos(fake.connections[0]!);
      expect(commands.filter((c) => c.op === 'status-request')).toHaveLength(6);
      expect(assembleRaster(commands).width).toBe(576);
    });

    it('refuses to print when the device reports paper end', async () => {
      const { fake, path } = await ptyPrinter(STATUS_PAPER_END);
      const printer = device(path);
      expect((await printError(printer.print(referenceJob()))).code).toBe('paper_end');
      expect(await printer.status()).toMatchObject({ online: false, paperEnd: true });
      await new Promise((r) => setTimeout(r, 50));
      expect(decodeEscPos(fake.connections[0]!).every((c) => c.op === 'status-request')).toBe(true);
    });
  });
});
