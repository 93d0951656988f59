import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, QueueSnapshot } from '../../shared/contract';
import { createQuaySo, type QuaySoApp } from '../../server/app';
import { SHOTS, ensureBuilt, launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { closedPort } from '../drivers/printer/fake-printer';

const PORTRAIT = { width: 1080, height: 1920 };
const PRINT_FAULT =
  'Máy in đang gặp sự cố. Quý khách vui lòng ghi nhớ số hoặc chụp ảnh màn hình; cán bộ tại quầy có thể in lại phiếu.';

let server: TestServer;
let browser: Browser;

async function openKiosk(url: string, viewport = PORTRAIT): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(10_000);
  await page.goto(`${url}/kiosk/`);
  await page.locator('.tile[data-prefix="A"]:not([disabled])').waitFor();
  return page;
}

/**
 * Shuts a server down the way an update does. QuaySoApp.close() waits for every HTTP
 * connection to end, and a kiosk reconnecting at that very moment can hold one open for
 * a minute; drop those so the test stays fast.
 */
async function stop(app: QuaySoApp) {
  const closing = app.close();
  await expect.poll(() => app.httpServer.listening).toBe(false);
  app.httpServer.closeAllConnections();
  await closing;
}

/** What the citizen sees when the ticket is valid but was not printed. */
async function expectPrintFault(page: Page, url: string, number: string, publicCode: string) {
  await page.locator('.print-fault').waitFor();
  expect(await page.locator('.ticket-number').textContent()).toBe(number);
  expect(await page.locator('.print-fault-msg').textContent()).toBe(PRINT_FAULT);
  expect(await page.locator('.take-ticket').count()).toBe(0);
  expect(await page.locator('svg.qr').getAttribute('aria-label')).toBe('Quét mã để theo dõi lượt trên điện thoại');
  expect((await page.locator('svg.qr path').getAttribute('d'))?.length).toBeGreaterThan(500);
  // The QR encodes the phone page of this very ticket; check the page it points to exists.
  const res = await fetch(`${url}/api/t/${publicCode}`);
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('kiosk faults', () => {
  it('shows the number with a QR code of the phone page when the printer failed', async () => {
    const page = await openKiosk(server.url);
    let issued: IssuedTicket | null = null;
    // The real server issues the ticket; only its print outcome is replaced by a fault.
    await page.route('**/api/tickets', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as IssuedTicket;
      issued = { ...body, print: { ok: false, code: 'offline', message: 'Máy in không phản hồi.' } };
      await route.fulfill({ response, json: issued });
    });
    await page.locator('.tile[data-prefix="B"]').click();
    await page.locator('.print-fault').waitFor();
    const got = issued as IssuedTicket | null;
    if (!got) throw new Error('no ticket issued');
    await expectPrintFault(page, server.url, got.ticket.number, got.publicCode);
    const snap = (await (await fetch(`${server.url}/api/queue`)).json()) as QueueSnapshot;
    expect(snap.tickets.find((t) => t.number === got.ticket.number)?.status).toBe('waiting');
    await page.screenshot({ path: join(SHOTS, 'kiosk-ticket-noprint.png') });
    await page.unroute('**/api/tickets');
    await page.locator('.btn-done').click();
    await page.locator('[data-screen="home"]').waitFor();
  });

  it('with a real printer URI on a closed port, the ticket is issued and the QR fallback shows', async () => {
    const printing = await startTestServer({ printer: `tcp://127.0.0.1:${await closedPort()}` });
    const page = await openKiosk(printing.url);
    try {
      const response = page.waitForResponse((r) => r.url().endsWith('/api/tickets'));
      await page.locator('.tile[data-prefix="A"]').click();
      const issued = (await (await response).json()) as IssuedTicket;
      expect(issued.print.ok).toBe(false);
      expect(issued.print.message).toBeTruthy();
      await expectPrintFault(page, printing.url, issued.ticket.number, issued.publicCode);
      const snap = (await (await fetch(`${printing.url}/api/queue`)).json()) as QueueSnapshot;
      expect(snap.tickets.find((t) => t.number === issued.ticket.number)?.status).toBe('waiting');
    } finally {
      await page.close();
      await printing.close();
    }
  });

  it('a unit without a ticket printer shows the number and QR without speaking of a fault', async () => {
    const paperless = await startTestServer({ printer: 'none' });
    const page = await openKiosk(paperless.url);
    try {
      await page.locator('.tile[data-prefix="C"]').click();
      await page.locator('.print-fault.print-none').waitFor();
      expect(await page.locator('[data-screen="result"]').getAttribute('data-print')).toBe('none');
      expect(await page.locator('.print-fault-msg').textContent()).toContain('quét mã');
      expect(await page.locator('.print-fault-msg').textContent()).not.toContain('sự cố');
      expect(await page.locator('svg.qr').count()).toBe(1);
    } finally {
      await page.close();
      await paperless.close();
    }
  });

  it('says calmly to wait a minute when the kiosk is rate limited (429)', async () => {
    const page = await openKiosk(server.url);
    await page.route('**/api/tickets', (route) =>
      route.fulfill({
        status: 429,
        json: { error: { code: 'too_many_tickets', message: 'Máy vừa cấp nhiều số liên tiếp.' } },
      }),
    );
    await page.locator('.tile[data-prefix="C"]').click();
    const notice = page.locator('.notice[data-notice="busy"]');
    await notice.waitFor();
    expect(await notice.locator('.notice-body').textContent()).toContain('chờ một phút');
    expect(await notice.locator('.notice-other').textContent()).toContain('wait one minute');
    await notice.locator('.btn-primary').click();
    await page.locator('[data-screen="home"]').waitFor();
  });

  it('says the server cannot be reached when the request fails on the network', async () => {
    const page = await openKiosk(server.url);
    await page.route('**/api/tickets', (route) => route.abort('connectionrefused'));
    await page.locator('.tile[data-prefix="C"]').click();
    const notice = page.locator('.notice[data-notice="offline"]');
    await notice.waitFor();
    expect(await notice.locator('.notice-title').textContent()).toBe('Đang mất kết nối với máy chủ');
    expect(await notice.locator('.notice-other-title').textContent()).toBe('Cannot reach the server');
  });

  it('shows "Đang kết nối lại…" while disconnected, reconnects by itself, then says when the server stays away', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'quayso-kiosk-'));
    const first = await startTestServer({ dataDir });
    const port = Number(new URL(first.url).port);
    let second: QuaySoApp | null = null;
    try {
      const page = await openKiosk(first.url);
      await stop(first.app); // a graceful shutdown, as on an update
      await page.locator('.badge-reconnect').getByText('Đang kết nối lại…').waitFor();
      // The server comes back on the same address: the kiosk reconnects by itself.
      second = await createQuaySo({ dataDir });
      await second.listen(port, '127.0.0.1');
      await page.locator('.badge-reconnect').waitFor({ state: 'detached', timeout: 15_000 });
      await page.locator('.tile[data-prefix="A"]:not([disabled])').waitFor();
      // Gone for longer than a few seconds: a calm full-screen message instead of the tiles.
      await stop(second);
      second = null;
      // 8 s after the disconnect (OFFLINE_AFTER_MS); more room on a busy machine.
      await page.locator('.notice[data-notice="offline"]').waitFor({ timeout: 25_000 });
      expect(await page.locator('.tile').count()).toBe(0);
      expect(await page.locator('.notice-title').textContent()).toBe('Đang mất kết nối với máy chủ');
    } finally {
      if (second) await stop(second);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
