import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, ensureBuilt, launchBrowser, logIn } from '../helpers/browser';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

interface Status {
  last: { name: string } | null;
  backups: { name: string }[];
  settings: { time: string; keepDays: number; copyTo: string | null };
}

let server: TestServer;
let browser: Browser;
let admin: Client;
let page: Page;
let usb: string;
const pageErrors: string[] = [];

const status = async () => (await admin.get<Status>('/api/admin/backups')).body;

beforeAll(async () => {
  ensureBuilt();
  usb = mkdtempSync(join(tmpdir(), 'quayso-usb-'));
  [server, browser] = await Promise.all([startTestServer({ printer: 'none' }), launchBrowser()]);
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(usb, { recursive: true, force: true });
});

describe('admin page: backups', () => {
  it('backs up now, shows the last backup, sets the time, days and second folder, and downloads a backup', async () => {
    await page.goto(`${server.url}/admin/#backups`);
    await logIn(page, 'admin', ADMIN_PASSWORD);
    const main = page.locator('main[data-section="backups"]');
    await main.locator('[data-testid="backup-status"]').waitFor({ timeout: 30_000 });

    await main.locator('[data-testid="backup-now"]').click();
    await expect.poll(async () => (await status()).backups.length, { timeout: 60_000 }).toBeGreaterThan(0);
    const made = (await status()).last?.name ?? '';
    await main.locator(`tr[data-name="${made}"]`).waitFor({ timeout: 30_000 });
    expect(await main.locator('[data-testid="backup-last"]').textContent()).not.toContain('Chưa có');

    const form = main.locator('[data-testid="backup-form"]');
    await form.locator('input[name="copyTo"]').fill(join(usb, 'khong-co'));
    await form.locator('button[type="submit"]').click();
    const refused = form.locator('[data-testid="save-status"].status-error');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.textContent()).toContain('settings.backup.copyTo');

    await form.locator('input[name="time"]').fill('11:45');
    await form.locator('input[name="keepDays"]').fill('14');
    await form.locator('input[name="copyTo"]').fill(usb);
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-testid="save-status"].status-ok').waitFor({ timeout: 30_000 });
    expect((await status()).settings).toEqual({ time: '11:45', keepDays: 14, copyTo: usb });

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      main.locator(`tr[data-name="${made}"] a`).click(),
    ]);
    expect(download.suggestedFilename()).toBe(made);
    const saved = join(usb, 'downloaded.db');
    await download.saveAs(saved);
    expect(readFileSync(saved).equals(readFileSync(join(server.dataDir, 'backups', made)))).toBe(true);

    await page.screenshot({ path: join(SHOTS, 'admin-backups.png') });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
