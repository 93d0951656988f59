import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, PublicService, QueueSnapshot } from '../../shared/contract';
import { SHOTS, ensureBuilt, launchBrowser } from '../helpers/browser';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';


let server: TestServer;
let browser: Browser;
let admin: Client;
let services: PublicService[];

const issue = async (prefix: string) => {
  const serviceId = services.find((s) => s.prefix === prefix)?.id;
  const r = await admin.post<IssuedTicket>('/api/tickets', { serviceId });
  expect(r.status).toBe(201);
  return r.body;
};

async function openPhone(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  // Record vibrations (headless Chromium has no vibration motor).
  await page.addInitScript(() => {
    const log: unknown[] = [];
    (window as unknown as { __vibrations: unknown[] }).__vibrations = log;
    Object.defineProperty(navigator, 'vibrate', {
      value: (pattern: unknown) => {
        log.push(pattern);
        return true;
      },
    });
  });
  await page.goto(`${server.url}${path}`);
  return page;
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  services = (await admin.get<QueueSnapshot>('/api/queue')).body.services;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('phone page', () => {
  it('follows the ticket live and rings when it is called', async () => {
    const other = await issue('A');
    const mine = await issue('A');
    const page = await openPhone(mine.trackUrl);
    await page.locator('[data-testid="phone-number"]').getByText(mine.ticket.number).waitFor();
    expect(await page.locator('[data-testid="phone-status"]').textContent()).toContain('Đang chờ đến lượt');
    expect(await page.locator('[data-testid="phone-ahead"]').textContent()).toBe('1');
    await page.locator('.live-on').waitFor();
    // Nothing about other citizens.
    expect(await page.locator('body').innerText()).not.toContain(other.ticket.number);
    await page.screenshot({ path: join(SHOTS, 'phone.png') });

    // The citizen ahead is called: the position updates by itself.
    await admin.post('/api/counters/1/call-next', {});
    await page.locator('[data-testid="phone-ahead"]').getByText('0').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="called-banner"]').count()).toBe(0);

    // Now this ticket: a full-screen banner with the counter, a vibration.
    await admin.post('/api/counters/1/call-next', {});
    const banner = page.locator('[data-testid="called-banner"]');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.innerText()).toContain('Đến lượt bạn!');
    expect(await banner.innerText()).toContain('quầy số 1');
    expect(await page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations.length)).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'phone-called.png') });

    await page.locator('.called-ok').click();
    await banner.waitFor({ state: 'detached' });
    expect(await page.locator('.goto').innerText()).toContain('quầy số 1');
    // A reload does not ring again for the same call…
    await page.reload();
    await page.locator('.goto').waitFor();
    await page.waitForTimeout(300);
    expect(await banner.count()).toBe(0);
    // …but a recall does.
    await admin.post('/api/counters/1/recall', {});
    await banner.waitFor({ timeout: 10_000 });
    await page.close();
  });

  it('says so when the code is unknown', async () => {
    const page = await openPhone('/t/ABCDEFGHJKLM');
    await page.getByText('Không tìm thấy số thứ tự này').waitFor();
    await page.close();
  });
});
