import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterConfig } from '../../shared/contract';
import { SHOTS, ensureBuilt, launchBrowser, logIn } from '../helpers/browser';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let admin: Client;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

const SECOND_ADMIN = { username: 'truongbp', password: 'truong-bo-phan-1', name: 'Phạm Thu Hà' };

async function newPage(path: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}${path}`);
  return page;
}


async function adminPage(username: string, password: string): Promise<Page> {
  const page = await newPage('/admin/');
  await logIn(page, username, password);
  await page.locator('[data-testid="officer"]').waitFor();
  return page;
}

/** Opens the counters section and the editor of counter 2. */
async function editCounter2(page: Page): Promise<Locator> {
  await page.locator('.menu-item[href="#counters"]').click();
  const main = page.locator('main[data-section="counters"]');
  await main.locator('tr[data-id] button', { hasText: 'Sửa' }).first().waitFor();
  const id = (await admin.get<CounterConfig[]>('/api/admin/counters')).body.find((c) => c.number === 2)!.id;
  await main.locator(`tr[data-id="${id}"] button`).click();
  return main.locator('[data-testid="crud-form"]');
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  // A second administrator whose password is their own (no change required).
  await server.app.ctx.officers.save({ ...SECOND_ADMIN, role: 'admin', active: true, counterIds: [] });
});

afterAll(async () => {
  for (const ctx of contexts) await ctx.close();
  await browser?.close();
  await server?.close();
});

describe('admin audit log and stale edits', () => {
  it('a save from an outdated view is explained, and "Tải lại" brings the other admin\'s version', async () => {
    const [first, second] = await Promise.all([adminPage('admin', ADMIN_PASSWORD), adminPage(SECOND_ADMIN.username, SECOND_ADMIN.password)]);
    const [formA, formB] = [await editCounter2(first), await editCounter2(second)];

    await formA.locator('input[name="name"]').fill('Quầy 2 – Đất đai (tầng 1)');
    await formA.locator('button[type="submit"]').click();
    await formA.locator('[data-testid="save-status"].status-ok').waitFor();

    await formB.locator('input[name="name"]').fill('Quầy 2 – Đô thị');
    await formB.locator('button[type="submit"]').click();
    const stale = formB.locator('[data-testid="save-status"].status-stale');
    await stale.waitFor();
    expect(await stale.textContent()).toContain('Dữ liệu đã được người khác thay đổi');
    expect((await admin.get<CounterConfig[]>('/api/admin/counters')).body.find((c) => c.number === 2)?.name).toBe(
      'Quầy 2 – Đất đai (tầng 1)',
    );

    await stale.locator('[data-testid="stale-reload"]').click();
    await expect.poll(() => formB.locator('input[name="name"]').inputValue(), { timeout: 15_000 }).toBe('Quầy 2 – Đất đai (tầng 1)');
    expect(await formB.locator('[data-testid="save-status"]').count()).toBe(0);
    // Now based on the latest version, the second admin's edit goes through.
    await formB.locator('input[name="name"]').fill('Quầy 2 – Đất đai, Đô thị');
    await formB.locator('button[type="submit"]').click();
    await formB.locator('[data-testid="save-status"].status-ok').waitFor();
  });

  it('the audit section lists the change with its author, and filters it', async () => {
    const page = await adminPage('admin', ADMIN_PASSWORD);
    await page.locator('.menu-item[href="#audit"]').click();
    const main = page.locator('main[data-section="audit"]');
    const row = main.locator('[data-testid="audit-table"] tr[data-action="counter.update"]').first();
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(SECOND_ADMIN.name);
    expect(text).toContain('Quầy 2 – Đất đai (tầng 1)');
    expect(text).toContain('Quầy 2 – Đất đai, Đô thị');
    expect(text).toContain('127.0.0.1');

    const filter = main.locator('[data-testid="audit-filter"]');
    await filter.locator('select[name="action"]').selectOption('counter');
    await filter.locator('input[name="q"]').fill('tầng 1');
    await filter.locator('button[type="submit"]').click();
    await expect.poll(() => main.locator('[data-testid="audit-count"]').textContent(), { timeout: 15_000 }).toBe('1–2 / 2');
    const authors = await main.locator('[data-testid="audit-table"] tbody tr').allTextContents();
    expect(authors.some((t) => t.includes('Quản trị viên'))).toBe(true);
    expect(authors.some((t) => t.includes(SECOND_ADMIN.name))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'admin-audit.png') });
  });

  it('an officer given a password by an admin must choose their own at the counter before working', async () => {
    const officers = (await admin.get<{ id: number; username: string }[]>('/api/admin/officers')).body;
    const lan = officers.find((o) => o.username === 'canbo1')!;
    expect((await admin.put(`/api/admin/officers/${lan.id}`, { ...lan, password: 'mat-khau-cap-moi' })).status).toBe(200);

    const page = await newPage('/counter/');
    await logIn(page, 'canbo1', 'mat-khau-cap-moi');
    const form = page.locator('[data-testid="password-form"]');
    await form.waitFor();
    await form.locator('input[name="currentPassword"]').fill('mat-khau-cap-moi');
    await form.locator('input[name="newPassword"]').fill('lan-tu-dat-123');
    await form.locator('input[name="repeatPassword"]').fill('lan-tu-dat-999');
    await form.locator('button[type="submit"]').click();
    await form.locator('[role="alert"]:has-text("không giống nhau")').waitFor();
    await form.locator('input[name="repeatPassword"]').fill('lan-tu-dat-123');
    await form.locator('button[type="submit"]').click();
    await page.locator('.pick[data-counter]').first().waitFor();
    expect((await new Client(server.url).post('/api/auth/login', { username: 'canbo1', password: 'lan-tu-dat-123' })).status).toBe(200);
    expect(pageErrors).toEqual([]);
  });
});
