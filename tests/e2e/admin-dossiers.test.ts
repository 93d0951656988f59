import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, ensureBuilt, launchBrowser, logIn } from '../helpers/browser';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let admin: Client;
const pageErrors: string[] = [];

const HEADER = 'Mã hồ sơ,Mã thủ tục,Tên thủ tục,Người nộp,Điện thoại,Địa chỉ,Kênh,Ngày tiếp nhận,Hạn trả,Trạng thái,Ngày trạng thái,Ghi chú';
const A = '000.00.06.H56';
// A due date still ahead whenever the test runs: that dossier stays "in time".
const ahead = new Date(Date.now() + 30 * 86_400_000);
const AHEAD = `${String(ahead.getUTCDate()).padStart(2, '0')}/${String(ahead.getUTCMonth() + 1).padStart(2, '0')}/${ahead.getUTCFullYear()}`;
const GOOD = [
  HEADER,
  `${A}-261123-0011,1.001193,Đăng ký khai sinh,Trần Thị Bình,0987654321,"Thôn Bắc, xã Thử Nghiệm",Trực tiếp,23/11/2026 08:30,23/11/2026 17:00,Đã trả kết quả,23/11/2026 15:10,`,
  `${A}-261123-0012,1.000894,Đăng ký kết hôn,Lê Văn Cường,,,Trực tuyến,23/11/2026 09:05,24/11/2026 17:00,Đã xử lý xong,25/11/2026 10:00,Chờ công dân đến nhận`,
  `${A}-261124-0003,2.000815,Chứng thực bản sao từ bản chính,Phạm Thu Hà,0912000111,,Trực tiếp,24/11/2026 10:15,24/11/2026 17:00,Đã trả kết quả,24/11/2026 10:40,`,
  `${A}-261125-0007,2.000635,Cấp bản sao trích lục hộ tịch,Đỗ Minh Khoa,,,Bưu chính,25/11/2026 14:00,28/11/2026 17:00,Đang xử lý,26/11/2026 08:00,`,
  `${A}-261127-0002,1.001193,Đăng ký khai sinh,Vũ Thị Lan,0977000222,,Trực tuyến,27/11/2026 08:00,${AHEAD},Được tiếp nhận,27/11/2026 08:00,`,
].join('\n');
// Line 3: a status that does not exist; line 4: a date that does not exist.
const BAD = [
  HEADER,
  `${A}-261123-0011,1.001193,Đăng ký khai sinh,Trần Thị Bình,,,Trực tiếp,23/11/2026 08:30,23/11/2026 17:00,Đã trả kết quả,23/11/2026 15:10,`,
  `${A}-261123-0012,1.000894,Đăng ký kết hôn,Lê Văn Cường,,,Trực tuyến,23/11/2026 09:05,24/11/2026 17:00,Đã duyệt,25/11/2026 10:00,`,
].join('\n');

const csvFile = (content: string) => ({ name: 'ho-so.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${content}`, 'utf8') });

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/admin/`);
  await logIn(page, 'admin', ADMIN_PASSWORD);
  await page.locator('[data-testid="officer"]').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('admin: API keys and dossiers', () => {
  it('creates an API key, shown once, that the sync API accepts', async () => {
    await page.locator('.menu-item[href="#api-keys"]').click();
    const main = page.locator('main[data-section="api-keys"]');
    const form = main.locator('[data-testid="api-key-form"]');
    await form.locator('input[name="name"]').fill('Hệ thống một cửa điện tử tỉnh');
    await form.locator('button[type="submit"]').click();
    const value = main.locator('[data-testid="new-key-value"]');
    await value.waitFor();
    const key = await value.inputValue();
    expect(key).toMatch(/^qs_live_[A-Za-z0-9_-]{43}$/);
    const row = main.locator('[data-testid="api-keys"] tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('Hệ thống một cửa điện tử tỉnh');
    expect(await row.textContent()).toContain(key.slice(0, 12));
    expect(await row.textContent()).not.toContain(key.slice(12));

    const res = await fetch(`${server.url}/api/sync/dossiers/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ changes: [{ code: `${A}-261101-0001`, status: 'processing', at: '2026-11-02T08:00:00+07:00' }] }),
    });
    // Accepted key, unknown dossier.
    expect(res.status).toBe(400);
    await page.screenshot({ path: join(SHOTS, 'admin-api-keys.png') });

    await main.locator('button', { hasText: 'Đã lưu khóa, ẩn đi' }).click();
    expect(await value.count()).toBe(0);
  });

  it('a CSV with one bad line shows the line and its reason and imports nothing; the good file imports', async () => {
    await page.locator('.menu-item[href="#dossiers"]').click();
    const main = page.locator('main[data-section="dossiers"]');
    const panel = main.locator('[data-testid="dossier-import"]');
    await panel.locator('input[type="file"]').setInputFiles(csvFile(BAD));
    await panel.locator('[data-testid="import-csv"]').click();
    const errors = panel.locator('[data-testid="import-errors"]');
    await errors.waitFor();
    expect(await errors.locator('.status-error').textContent()).toContain('Có 1 dòng không hợp lệ, không ghi gì cả');
    const bad = errors.locator('tr[data-line="3"]');
    expect(await bad.textContent()).toContain('Trạng thái không hợp lệ: "Đã duyệt"');
    expect(await errors.locator('tbody tr').count()).toBe(1);
    expect((await admin.get<{ total: number }>('/api/admin/dossiers')).body.total).toBe(0);
    await expect.poll(() => main.locator('[data-testid="dossier-count"]').textContent()).toBe('0–0 / 0');

    await panel.locator('input[type="file"]').setInputFiles(csvFile(GOOD));
    await panel.locator('[data-testid="import-csv"]').click();
    const result = panel.locator('[data-testid="import-result"]');
    await result.waitFor();
    expect(await result.textContent()).toContain('Đã nhập: 5 hồ sơ mới');
    await expect.poll(() => main.locator('[data-testid="dossier-count"]').textContent()).toBe('1–5 / 5');
    const table = main.locator('[data-testid="dossier-table"]');
    expect(await table.locator('tbody tr').first().textContent()).toContain(`${A}-261127-0002`);

    // Filters: the overdue ones (handed over late, still open past the due date).
    const filter = main.locator('[data-testid="dossier-filter"]');
    await filter.locator('select[name="timeliness"]').selectOption('overdue');
    await filter.locator('button[type="submit"]').click();
    await expect.poll(() => main.locator('[data-testid="dossier-count"]').textContent()).toBe('1–2 / 2');
    await filter.locator('button', { hasText: 'Bỏ lọc' }).click();
    await expect.poll(() => main.locator('[data-testid="dossier-count"]').textContent()).toBe('1–5 / 5');

    await table.locator('button.link', { hasText: `${A}-261123-0012` }).click();
    const detail = main.locator('[data-testid="dossier-detail"]');
    await detail.waitFor();
    const history = await detail.locator('[data-testid="dossier-events"] tbody').textContent();
    expect(history).toContain('Đã xử lý xong');
    expect(history).toContain('Chờ công dân đến nhận');
    expect(await detail.locator('.detail-grid').textContent()).toContain('09:05 23/11/2026');
    await page.setViewportSize({ width: 1366, height: 1500 });
    await page.screenshot({ path: join(SHOTS, 'admin-dossiers.png') });
    expect(pageErrors).toEqual([]);
  });
});
