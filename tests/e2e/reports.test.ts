import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, ensureBuilt, launchBrowser, logIn } from '../helpers/browser';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';
import { seedDemoData } from '../../server/domain/reports/demoData';

let server: TestServer;
let browser: Browser;
let admin: Client;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const LEADER = { username: 'chutich', password: 'chu-tich-xa-123', name: 'Trần Quốc Bảo' };

async function newPage(path: string, height = 900): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}${path}`);
  return page;
}


/** Every chart canvas in `page` has been drawn (chart.js sets its size and paints pixels). */
async function chartsDrawn(page: Page, selector: string, atLeast: number) {
  await page.waitForFunction(
    ({ selector, atLeast }) => {
      const canvases = [...document.querySelectorAll<HTMLCanvasElement>(`${selector} canvas`)];
      if (canvases.length < atLeast) return false;
      return canvases.every((c) => {
        const ctx = c.getContext('2d');
        if (!ctx || c.width === 0) return false;
        const data = ctx.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < data.length; i += 64) if (data[i] !== 0) return true;
        return false;
      });
    },
    { selector, atLeast },
  );
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const { ctx, db } = server.app;
  // six months of demo activity (a small office's volume, to keep the test quick)
  await seedDemoData(db, ctx.config, ctx.officers, { months: 6, today: () => ctx.queue.serviceDay(), ticketsPerDay: 120, seed: 9 });
  await ctx.officers.save({ ...LEADER, role: 'leader', active: true, counterIds: [] });
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  // today: a few tickets, one called
  const kiosk = new Client(server.url);
  const services = ctx.config.services();
  for (let i = 0; i < 5; i++) await kiosk.post('/api/tickets', { serviceId: services[i % 2]!.id });
  const counter = ctx.config.counters()[0]!;
  expect((await admin.post(`/api/counters/${counter.id}/call-next`)).status).toBe(200);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.close();
});

describe('reports in the browser (leader)', () => {
  it('a leader sees only "Hôm nay" and "Báo cáo"; the dashboard is live', async () => {
    const page = await newPage('/admin/');
    await logIn(page, LEADER.username, LEADER.password);
    await page.locator('[data-testid="officer"]').waitFor();
    const menu = await page.locator('.menu-item').allInnerTexts();
    expect(menu.map((m) => m.split('\n')[0])).toEqual(['Hôm nay', 'Báo cáo']);
    await page.locator('[data-testid="kpi-waiting"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="kpi-issued"] .kpi-value').innerText()).toBe('5');
    expect(await page.locator('[data-testid="kpi-waiting"] .kpi-value').innerText()).toBe('4');
    await page.locator('[data-testid="demo-banner"]').waitFor();
    await chartsDrawn(page, '[data-testid="dashboard-chart"]', 1);
    // live: a new ticket shows without reloading the page
    await new Client(server.url).post('/api/tickets', { serviceId: server.app.ctx.config.services()[0]!.id });
    await expect.poll(() => page.locator('[data-testid="kpi-waiting"] .kpi-value').innerText(), { timeout: 10_000 }).toBe('5');
    expect(await page.locator('[data-testid="kpi-issued"] .kpi-value').innerText()).toBe('6');
    await page.screenshot({ path: join(SHOTS, 'admin-dashboard.png'), fullPage: true });
  });

  it('shows each report with charts and tables over the last 12 months', async () => {
    const page = await newPage('/admin/#reports');
    await logIn(page, LEADER.username, LEADER.password);
    await page.locator('[data-testid="report-filter"]').waitFor();
    await page.locator('[data-testid="preset-last-12"]').click();
    const shots: [string, string, number][] = [
      ['tickets', 'report-tickets.png', 3],
      ['times', 'report-times.png', 2],
      ['satisfaction', 'report-satisfaction.png', 3],
      ['dossiers', 'report-dossiers.png', 2],
    ];
    for (const [kind, file, charts] of shots) {
      await page.locator(`[data-testid="report-kind-${kind}"]`).click();
      await page.locator(`[data-testid="report-${kind}"]`).waitFor();
      await chartsDrawn(page, `[data-testid="report-${kind}"] .chart-grid`, charts);
      const total = page.locator(`[data-testid="report-${kind}"] .report-table`).first().locator('tr.total td').nth(1);
      if (kind !== 'satisfaction') expect(Number((await total.innerText()).replace(/\./g, '').replace(',', '.'))).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOTS, file), fullPage: true });
    }
    // a CSV link and the XLSX download point at the same report
    const csv = await page.locator('[data-testid="csv-dossiers_by_channel"]').getAttribute('href');
    expect(csv).toMatch(/^\/api\/reports\/dossiers\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&groupBy=month&format=csv&table=dossiers_by_channel$/);
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="xlsx"]').click();
    expect((await download).suggestedFilename()).toMatch(/^bao-cao-dossiers-.*\.xlsx$/);
    // dates read and are typed as dd/mm/yyyy whatever the browser's language (this one is English)
    const from = page.locator('[data-testid="report-filter"] input[name="from"]');
    const to = page.locator('[data-testid="report-filter"] input[name="to"]');
    expect(await from.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await from.fill('31/02/2026');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await from.evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(false);
    await from.fill('1/11/2026');
    await to.fill('30/11/2026');
    expect(await from.getAttribute('aria-invalid')).toBe('false');
    await page.locator('[data-testid="report-apply"]').click();
    await page
      .locator('[data-testid="csv-dossiers_by_channel"][href*="from=2026-11-01&to=2026-11-30"]')
      .waitFor({ timeout: 10_000 });
  });

  it('prints the quarterly report with the national heading', async () => {
    const page = await newPage('/admin/#reports', 1200);
    await logIn(page, LEADER.username, LEADER.password);
    await page.locator('[data-testid="report-kind-print"]').click();
    const sheet = page.locator('[data-testid="print-sheet"]');
    await sheet.waitFor();
    await page.locator('input[name="place"]').fill('Hòa An');
    const text = await sheet.innerText();
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toMatch(/QUÝ (I|II|III|IV) NĂM \d{4}/);
    expect(text.toLowerCase()).toContain('ubnd xã hòa an');
    expect(text).toMatch(/Hòa An, ngày \d+ tháng \d+ năm \d{4}/);
    expect(text).toContain('THỦ TRƯỞNG ĐƠN VỊ');
    await page.emulateMedia({ media: 'print' });
    // on paper: no menu, no filters, only the sheet
    expect(await page.locator('.menu').isVisible()).toBe(false);
    expect(await page.locator('.report-filter').isVisible()).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'report-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('the counter page refuses a leader with a clear message', async () => {
    const page = await newPage('/counter/');
    await logIn(page, LEADER.username, LEADER.password);
    const refused = page.locator('[data-testid="leader-refused"]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('Tài khoản lãnh đạo không làm việc tại quầy');
    expect(pageErrors).toEqual([]);
  });
});
