import { afterEach, describe, expect, it } from 'vitest';
import { renderTicket } from '../../../drivers/printer/render';
import { STATUS_UNKNOWN } from '../../../drivers/printer/status';
import { TcpPrinter } from '../../../drivers/printer/tcp';
import { assembleRaster, decodeEscPos } from './escpos-decoder';
import {
  closedPort,
  startFakePrinter,
  STATUS_COVER_OPEN,
  STATUS_NEAR_END,
  STATUS_PAPER_END,
  type FakePrinter,
  type FakePrinterOptions,
} from './fake-printer';
import { printError, referenceJob } from './fixtures';

const TIMEOUT = 400;
let fake: FakePrinter | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(options: FakePrinterOptions = {}): Promise<{ fake: FakePrinter; printer: TcpPrinter }> {
  fake = await startFakePrinter(options);
  const printer = new TcpPrinter({ host: '127.0.0.1', port: fake.port, widthDots: 576, timeoutMs: TIMEOUT, statusTimeoutMs: TIMEOUT });
  return { fake, printer };
}

const opsOf = (bytes: Buffer): string[] => decodeEscPos(bytes).map((c) => c.op);

describe('TcpPrinter against a fake network printer', () => {
  it('delivers a complete ticket: status check, raster, cut', async () => {
    const { fake, printer } = await setup();
    const job = referenceJob();
    const result = await printer.print(job);
    await fake.waitForClosed(1);
    expect(fake.connections).toHaveLength(1);
    const received = fake.connections[0]!;
    expect(result).toEqual({ ok: true, bytes: received.length - 12 });
    const commands = decodeEscPos(received);
    expect(commands.slice(0, 3)).toEqual([1, 2, 4].map((n) => ({ op: 'status-request', n })));
    expect(commands.slice(-3).map((c) => c.op)).toEqual(['cut', 'init', 'status-request']);
    const image = assembleRaster(commands);
    expect(image.data.equals(Buffer.from(renderTicket(job, 576).mono))).toBe(true);
    await printer.close();
  });

  it('reports offline quickly when nothing listens on the port', async () => {
    const port = await closedPort();
    const printer = new TcpPrinter({ host: '127.0.0.1', port, widthDots: 576, timeoutMs: 3000, statusTimeoutMs: 1000 });
    const started = Date.now();
    expect((await printError(printer.print(referenceJob()))).code).toBe('offline');
    // Refused at once: it does not wait out its 3 s timeout.
    expect(Date.now() - started).toBeLessThan(3000);
    const status = await printer.status();
    expect(status).toMatchObject({ online: false, kind: 'escpos-tcp', target: `tcp://127.0.0.1:${port}` });
    expect(status.error).toMatch(/ECONNREFUSED/);
  });

  it('times out within the bound when the printer accepts but never answers nor reads', async () => {
    const { fake, printer } = await setup({ status: null, reads: false });
    const started = Date.now();
    const err = await printError(printer.print(referenceJob()));
    const elapsed = Date.now() - started;
    expect(err.code).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(2 * TIMEOUT - 20); // status wait + transfer wait
    expect(elapsed).toBeLessThan(2 * TIMEOUT + 600);
    expect(fake.connections).toHaveLength(1);
  });

  it('refuses to print on paper end and sends nothing but the status request', async () => {
    const { fake, printer } = await setup({ status: STATUS_PAPER_END });
    expect((await printError(printer.print(referenceJob()))).code).toBe('paper_end');
    await fake.waitForClosed(1);
    expect(opsOf(fake.connections[0]!)).toEqual(['status-request', 'status-request', 'status-request']);
    expect(await printer.status()).toMatchObject({ online: false, paperEnd: true, coverOpen: false });
  });

  it('refuses to print with the cover open', async () => {
    const { fake, printer } = await setup({ status: STATUS_COVER_OPEN });
    expect((await printError(printer.print(referenceJob()))).code).toBe('cover_open');
    await fake.waitForClosed(1);
    expect(opsOf(fake.connections[0]!)).not.toContain('raster');
    expect(await printer.status()).toMatchObject({ online: false, coverOpen: true, paperEnd: false });
  });

  it('prints on paper near end and reports it in status()', async () => {
    const { printer } = await setup({ status: STATUS_NEAR_END });
    expect((await printer.print(referenceJob())).ok).toBe(true);
    expect(await printer.status()).toMatchObject({ online: true, paperNearEnd: true, paperEnd: false, error: null });
  });

  it('still prints when the printer never answers status, and says the status is unknown', async () => {
    const { fake, printer } = await setup({ status: null });
    const result = await printer.print(referenceJob());
    expect(result.statusUnknown).toBe(true);
    await fake.waitForClosed(1);
    expect(opsOf(fake.connections[0]!)).toContain('cut');
    const status = await printer.status();
    expect(status).toMatchObject({ online: true, paperEnd: false, error: STATUS_UNKNOWN });
  });

  it('runs concurrent jobs one connection at a time', async () => {
    const { fake, printer } = await setup();
    const results = await Promise.all([printer.print(referenceJob()), printer.print(referenceJob({ number: 'A013' }))]);
    expect(results.every((r) => r.ok)).toBe(true);
    await fake.waitForClosed(2);
    expect(fake.connections).toHaveLength(2);
    for (const bytes of fake.connections) expect(assembleRaster(decodeEscPos(bytes)).width).toBe(576);
    await printer.close();
    expect((await printError(printer.print(referenceJob()))).code).toBe('io');
  });
});
