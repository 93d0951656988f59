import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DevicePrinter } from '../../../drivers/printer/device';
import { encodeTicket } from '../../../drivers/printer/escpos';
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

describe('DevicePrinter', () => {
  /** A printer whose device root is the test's temporary directory. */
  const inDir = (path: string): DevicePrinter =>
    new DevicePrinter({ path, widthDots: 576, timeoutMs: 1000, statusTimeoutMs: 300, deviceRoot: dir });

  async function expectRefused(printer: DevicePrinter, file: string | null): Promise<void> {
    const before = file ? readFileSync(file) : null;
    const err = await printError(printer.print(referenceJob()));
    expect(err.code).toBe('io');
    expect(err.message).toMatch(/not a character device: refused/);
    expect(await printer.status()).toMatchObject({ online: false, error: expect.stringMatching(/Đã từ chối/) });
    if (file) expect(readFileSync(file).equals(before!)).toBe(true);
  }

  it('refuses a regular file and leaves it untouched, inside or outside the device root', async () => {
    const file = join(dir, 'quayso.db');
    writeFileSync(file, 'live database');
    await expectRefused(inDir(file), file);
    await expectRefused(device(file), file);
  });

  it('refuses /dev/../ paths that resolve outside /dev', async () => {
    const file = join(dir, 'secret');
    writeFileSync(file, 'not a printer');
    await expectRefused(device(`/dev/..${file}`), file);
  });

  it('refuses a symlink in the device root that points at a regular file', async () => {
    const file = join(dir, 'target.bin');
    writeFileSync(file, 'x');
    const link = join(dir, 'lp0');
    symlinkSync(file, link);
    await expectRefused(inDir(link), file);
  });

  it('refuses a FIFO without opening it (its reader sees nothing)', async () => {
    const fifo = mkfifo('lp');
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    cleanups.push(() => closeSync(fd));
    await expectRefused(inDir(fifo), null);
    expect(readSync(fd, Buffer.alloc(16))).toBe(0);
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

  it('follows a symlink to a character device', async () => {
    const link = join(dir, 'null-link');
    symlinkSync('/dev/null', link);
    expect(await device(link).print(referenceJob())).toMatchObject({ ok: true, statusUnknown: true });
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

    it('times out within the bound when the device stops taking data', async () => {
      const job = referenceJob({ headerLines: Array.from({ length: 30 }, (_, i) => `Dòng tiêu đề số ${i + 1}`) });
      expect(encodeTicket(job, 576).length).toBeGreaterThan(65536 + 4096); // more than a pty buffers
      const path = join(dir, 'ttyStuck');
      // -u: data only flows from `sleep` to the pty, so nothing ever reads what is written to it
      const socat = spawn('socat', ['-u', 'SYSTEM:sleep 600', `pty,raw,echo=0,link=${path}`], { stdio: 'ignore' });
      cleanups.push(() => socat.kill());
      while (!existsSync(path)) await new Promise((r) => setTimeout(r, 10));
      const started = Date.now();
      const err = await printError(device(path, 300).print(job));
      expect(err.code).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(10_000);
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
