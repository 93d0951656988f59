import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicService, QueueSnapshot } from '../../shared/contract';
import { SHOTS, ensureBuilt, launchBrowser } from '../helpers/browser';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

let server: TestServer;
let browser: Browser;
let admin: Client;
let services: PublicService[];
const pages: Page[] = [];

async function openKiosk(viewport = PORTRAIT, opts: { fakeClock?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(10_000);
  pages.push(page);
  if (opts.fakeClock) await page.clock.install();
  await page.goto(`${server.url}/kiosk/`);
  await page.locator('.tile[data-prefix="A"]:not([disabled])').waitFor();
  return page;
}

const queue = async () => (await admin.get<QueueSnapshot>('/api/queue')).body;
const service = (prefix: string) => services.find((s) => s.prefix === prefix) as PublicService;
const tile = (page: Page, prefix: string) => page.locator(`.tile[data-prefix="${prefix}"]`);
/** Tiles whose content does not fit inside them (clipped or overflowing text). */
const clippedTiles = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.tile-body')].filter((b) => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1).length,
  );

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  services = (await queue()).services;
  // Some citizens already waiting (staff are not rate limited), so the tiles show real counts.
  for (const [prefix, n] of [['A', 3], ['B', 5], ['C', 2], ['E', 1]] as const) {
    for (let i = 0; i < n; i++) {
      const r = await admin.post('/api/tickets', { serviceId: service(prefix).id });
      expect(r.status).toBe(201);
    }
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('kiosk', () => {
  it('a citizen taps a field once and sees the issued number, even on a double tap', async () => {
    const page = await openKiosk();
    await page.locator('.tile[data-prefix="B"] [data-waiting="5"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'kiosk-portrait.png') });

    const before = (await queue()).tickets.filter((t) => t.serviceId === service('A').id).length;
    await tile(page, 'A').dblclick();
    const number = page.locator('.ticket-number');
    await number.waitFor();
    const text = (await number.textContent()) ?? '';
    expect(text).toMatch(/^A\d{3}$/);
    await expect.poll(() => page.locator('.ahead').textContent()).toBe('Số người chờ trước: 3');
    // Readable from a metre: the number itself is at least 160 px tall.
    expect((await number.boundingBox())?.height).toBeGreaterThanOrEqual(160);

    const snap = await queue();
    const mine = snap.tickets.filter((t) => t.serviceId === service('A').id);
    expect(mine.length).toBe(before + 1);
    expect(mine.find((t) => t.number === text)?.status).toBe('waiting');

    await page.locator('.countdown').waitFor();
    await page.screenshot({ path: join(SHOTS, 'kiosk-ticket.png') });
    await page.locator('.btn-done').click();
    await page.locator('[data-screen="home"]').waitFor();
  });

  it('lays out in landscape without overflow, every target at least 64 px', async () => {
    const page = await openKiosk(LANDSCAPE);
    await page.locator('.tile[data-prefix="B"] [data-waiting="5"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'kiosk-landscape.png') });
    const fits = await page.evaluate(() => {
      const doc = document.documentElement;
      const small = [...document.querySelectorAll('button')].filter((b) => {
        const r = b.getBoundingClientRect();
        return r.height < 64 || r.width < 64;
      });
      return { overflowX: doc.scrollWidth > innerWidth, overflowY: doc.scrollHeight > innerHeight, small: small.length };
    });
    expect(fits).toEqual({ overflowX: false, overflowY: false, small: 0 });
    expect(await clippedTiles(page)).toBe(0);
  });

  it('the priority path issues a priority ticket', async () => {
    const page = await openKiosk();
    await page.locator('.tile-priority').click();
    const first = page.locator('.choice').first();
    const category = (await first.locator('.tile-name').textContent()) ?? '';
    await first.click();
    await page.locator('.chosen').getByText(category).waitFor();
    await tile(page, 'C').click();
    const number = (await page.locator('.ticket-number').textContent()) ?? '';
    expect(number).toMatch(/^C\d{3}$/);
    await page.locator('.ticket-priority').getByText(category).waitFor();
    const t = (await queue()).tickets.find((x) => x.number === number);
    expect(t?.priority).toBe(true);
    expect(t?.priorityName).toBe(category);
  });

  it('the English toggle changes the texts; a finished ticket returns to Vietnamese', async () => {
    const page = await openKiosk();
    const prompt = () => page.locator('.prompt').textContent();
    await expect.poll(prompt).toBe('Mời quý khách chạm vào lĩnh vực cần giải quyết');
    await page.locator('.lang-toggle').click();
    await expect.poll(prompt).toBe('Please touch the service you need');
    expect(await tile(page, 'A').locator('.tile-name').textContent()).toBe(service('A').nameEn);
    expect(await tile(page, 'A').locator('.tile-sub').textContent()).toBe(service('A').name);
    expect(await page.locator('.tile-priority .tile-name').textContent()).toBe('Priority');
    expect(await page.locator('.lang-toggle').textContent()).toBe('Tiếng Việt');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('.lang-toggle').click();
    await expect.poll(prompt).toBe('Mời quý khách chạm vào lĩnh vực cần giải quyết');
    expect(await tile(page, 'A').locator('.tile-name').textContent()).toBe(service('A').name);

    await page.locator('.lang-toggle').click();
    await tile(page, 'E').click();
    await page.locator('.ticket-number').waitFor();
    expect(await page.locator('.ticket-label').textContent()).toBe('Your number');
    expect(await page.locator('.ticket-field').textContent()).toBe(service('E').nameEn);
    expect(await page.locator('.ahead').textContent()).toBe('People ahead of you: 1');
    await page.locator('.btn-done').getByText('Done').click();
    await expect.poll(prompt).toBe('Mời quý khách chạm vào lĩnh vực cần giải quyết');
  });

  it('after 30 s idle anywhere it resets to home in Vietnamese', async () => {
    const page = await openKiosk(PORTRAIT, { fakeClock: true });
    // Jumping the page's clock also trips socket.io's ping timeout: let it reconnect each time.
    const jump = async (ms: number) => {
      await page.clock.fastForward(ms);
      await expect.poll(() => page.locator('.badge-reconnect').count(), { timeout: 10_000 }).toBe(0);
    };
    await page.locator('.lang-toggle').click();
    await page.locator('.tile-priority').click();
    await jump(25_000);
    expect(await page.locator('[data-screen="priority"]').count()).toBe(1);
    await page.locator('.choice').first().click(); // a touch restarts the 30 s
    await jump(25_000);
    expect(await page.locator('[data-screen="priority-fields"]').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.clock.fastForward(6_000);
    await page.locator('[data-screen="home"]').waitFor();
    await expect.poll(() => page.locator('.prompt').textContent()).toBe('Mời quý khách chạm vào lĩnh vực cần giải quyết');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
  });

  it('shows the closed screen with disabled tiles outside opening hours', async () => {
    const page = await openKiosk();
    const saved = (await admin.get<{ hours: unknown[] }>('/api/admin/opening-hours')).body;
    try {
      expect((await admin.put('/api/admin/opening-hours', { hours: [] })).status).toBe(200);
      await page.locator('.notice[data-notice="closed"]').waitFor();
      expect(await page.locator('.notice-title').textContent()).toBe('Ngoài giờ lấy số');
      expect(await page.locator('.notice-other-title').textContent()).toBe('Outside ticket hours');
      const tiles = page.locator('.tile');
      expect(await tiles.count()).toBe(6);
      for (const el of await tiles.all()) expect(await el.isDisabled()).toBe(true);
      expect(await clippedTiles(page)).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'kiosk-closed.png') });
    } finally {
      // Put back as first read, without its (now outdated) version.
      expect((await admin.put('/api/admin/opening-hours', { hours: saved.hours })).status).toBe(200);
    }
    await page.locator('.tile[data-prefix="A"]:not([disabled])').waitFor();
    expect(await page.locator('.notice').count()).toBe(0);
  });

  it('says so calmly when a field reached its daily maximum', async () => {
    const page = await openKiosk();
    const rows = (await admin.get<Array<PublicService & Record<string, unknown>>>('/api/admin/services')).body;
    const row = rows.find((s) => s.prefix === 'D');
    if (!row) throw new Error('no field D');
    try {
      expect((await admin.put(`/api/admin/services/${row.id}`, { ...row, dailyMax: 1 })).status).toBe(200);
      await tile(page, 'D').click();
      expect(await page.locator('.ticket-number').textContent()).toBe('D001');
      await page.locator('.btn-done').click();
      await page.locator('.tile[data-prefix="D"] .tile-soldout').waitFor();
      await tile(page, 'D').click();
      const notice = page.locator('.notice[data-notice="daily"]');
      await notice.waitFor();
      expect(await notice.locator('.notice-title').textContent()).toContain('Lĩnh vực này đã hết số hôm nay');
      expect(await notice.locator('.notice-body').textContent()).toContain('đã hết số thứ tự trong ngày hôm nay');
      expect(await notice.locator('.notice-other').textContent()).toContain('No numbers left today');
      await page.locator('.notice .btn-primary').click();
      await page.locator('[data-screen="home"]').waitFor();
    } finally {
      await admin.put(`/api/admin/services/${row.id}`, { ...row, version: undefined });
    }
  });
});
