import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket } from '../../shared/contract';
import { encodeTicket } from '../../drivers/printer';
import { ensureBuilt, launchBrowser } from '../helpers/browser';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';
import { startFakePrinter, type FakePrinter } from '../drivers/printer/fake-printer';
import { assembleRaster, decodeEscPos } from '../drivers/printer/escpos-decoder';

let server: TestServer;
let printer: FakePrinter;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  printer = await startFakePrinter();
  [server, browser] = await Promise.all([
    startTestServer({ printer: `tcp://127.0.0.1:${printer.port}` }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await printer?.close();
});

describe('kiosk with a network printer', () => {
  it('a citizen taps a field, sees the number, and the printer receives exactly that ticket', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${server.url}/kiosk/`);
    const response = page.waitForResponse((r) => r.url().endsWith('/api/tickets'));
    await page.locator('.tile[data-prefix="C"]:not([disabled])').click();
    const issued = (await (await response).json()) as IssuedTicket;
    expect(issued.print).toEqual({ ok: true, code: 'printed', message: null });
    await page.locator('.ticket-number').waitFor();
    expect(await page.locator('.ticket-number').textContent()).toBe(issued.ticket.number);
    await page.close();

    await printer.waitForClosed(1);
    const job = printer.connections.find((c) => c.length > 1000);
    expect(job).toBeDefined();
    const received = assembleRaster(decodeEscPos(job as Buffer));
    // The same ticket rendered by the driver from the server's own data: pixel for pixel.
    const row = server.app.ctx.queue.tickets.byId(issued.ticket.id);
    if (!row) throw new Error('ticket not stored');
    const origin = new URL(server.url).origin;
    const expected = assembleRaster(decodeEscPos(encodeTicket(server.app.ctx.printer.jobFor(row, 0, origin), 576)));
    expect(received.width).toBe(expected.width);
    expect(received.height).toBe(expected.height);
    expect(received.data.equals(expected.data)).toBe(true);
  });

  it('a kiosk opened as /kiosk/?id=<key> prints on its own printer from the office settings', async () => {
    const own = await startFakePrinter();
    try {
      const admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
      const office = (await admin.get<Record<string, unknown>>('/api/admin/office')).body;
      const kiosks = [{ key: 'tang-2', name: 'Kiosk tầng 2', uri: `tcp://127.0.0.1:${own.port}` }];
      expect((await admin.put('/api/admin/office', { ...office, settings: { printer: { kiosks } } })).status).toBe(200);
      const before = printer.connections.length;

      const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
      await page.goto(`${server.url}/kiosk/?id=tang-2`);
      const response = page.waitForResponse((r) => r.url().endsWith('/api/tickets'));
      await page.locator('.tile[data-prefix="A"]:not([disabled])').click();
      const issued = (await (await response).json()) as IssuedTicket;
      expect(issued.print.code).toBe('printed');
      await page.locator('.ticket-number').waitFor();
      await page.close();

      await own.waitForClosed(1);
      expect(printer.connections.length).toBe(before);
      expect(server.app.ctx.queue.tickets.byId(issued.ticket.id)?.kioskId).toBe('tang-2');
      await admin.put('/api/admin/office', { ...office, version: undefined, settings: {} });
    } finally {
      await own.close();
    }
  });
});
