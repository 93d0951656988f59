import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CARDS, testCardQrLine } from '../../drivers/card-reader';
import type { IssuedTicket } from '../../shared/contract';
import { ensureBuilt, launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import {
  hasSocat,
  ptyPair,
  qrScannerDevice,
  simulatedReaderDevice,
  type PtyPair,
  type QrScannerDevice,
  type SimulatedReaderDevice,
} from '../../tools/cardDevices';

/**
 * The same kiosk flow as card-flow.test.ts, but through real serial ports: a PN532 with a
 * CCCD chip and a QR scanner, each simulated on a socat pseudo-terminal, read by the real
 * serial drivers (CARD_READER / QR_SCANNER), greeting the citizen in headless Chromium.
 */
const cleanups: (() => unknown)[] = [];
let server: TestServer;
let browser: Browser;
let kiosk: Page;
let reader: SimulatedReaderDevice;
let scanner: QrScannerDevice;

describe.skipIf(!hasSocat())('chip card over serial ports, at the kiosk', () => {
  beforeAll(async () => {
    ensureBuilt();
    const pairs: PtyPair[] = [await ptyPair(), await ptyPair()];
    cleanups.push(() => pairs.forEach((p) => p.close()));
    reader = await simulatedReaderDevice(pairs[0]!.device);
    scanner = await qrScannerDevice(pairs[1]!.device);
    cleanups.push(() => reader.close(), () => scanner.close());
    [server, browser] = await Promise.all([
      startTestServer({ cardReaders: { cardReader: pairs[0]!.host, qrScanner: pairs[1]!.host } }),
      launchBrowser(),
    ]);
    cleanups.push(() => server.close(), () => browser.close());
    kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    kiosk.setDefaultTimeout(15_000);
    await kiosk.goto(`${server.url}/kiosk/`);
    await kiosk.locator('.tile[data-prefix="A"]:not([disabled])').waitFor();
    for (const end = Date.now() + 20_000; !server.app.ctx.cards.service.states().every((r) => r.connected); ) {
      if (Date.now() > end) throw new Error('the serial card readers did not connect');
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a card on the PN532 and its QR on the scanner: the kiosk greets the holder and the ticket carries them', async () => {
    const card = TEST_CARDS[0]!;
    reader.place(card);
    await kiosk.locator('[data-card="reading"]').waitFor(); // the card is seen; its key comes with the QR scan
    await scanner.scan(testCardQrLine(card));
    const greeting = kiosk.locator('[data-testid="card-greeting"]');
    await greeting.waitFor();
    expect(await greeting.textContent()).toBe('Xin chào Nguyễn V. A.');

    const issued = kiosk.waitForResponse((r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST');
    await kiosk.locator('.tile[data-prefix="A"]').click();
    const response = await issued;
    expect(response.status()).toBe(201);
    const body = (await response.json()) as IssuedTicket;
    expect(server.app.ctx.cards.service.repo.forTicket(body.ticket.id)).toMatchObject({ idNumber: card.idNumber });

    reader.remove();
    await kiosk.locator('.tile[data-prefix="A"]:not([disabled])').waitFor();
    await expect.poll(() => greeting.count(), { timeout: 15_000 }).toBe(0);
  });
});
