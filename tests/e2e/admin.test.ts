import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficerInfo, QueueSnapshot } from '../../shared/contract';
import { SHOTS, ensureBuilt, launchBrowser, logIn } from '../helpers/browser';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

interface AdminOffice {
  agencyCode: string;
  notice: string;
  settings: { printer?: Record<string, unknown>; display?: Record<string, unknown> };
}
interface AdminService {
  id: number;
  code: string;
  prefix: string;
  lastNumber: number;
  dailyMax: number | null;
  active: boolean;
}

let server: TestServer;
let browser: Browser;
let admin: Client;
let page: Page;
const pageErrors: string[] = [];

const PRINTER = { uri: 'simulated', thankYou: 'Cảm ơn quý khách!', headerLines: ['UBND xã Hòa An'] };

const queue = async () => (await admin.get<QueueSnapshot>('/api/queue')).body;
const office = async () => (await admin.get<AdminOffice>('/api/admin/office')).body;

async function openSection(id: string): Promise<Locator> {
  await page.locator(`.menu-item[href="#${id}"]`).click();
  const main = page.locator(`main[data-section="${id}"]`);
  await main.locator('form.edit-form, .crud').first().waitFor();
  return main;
}

/** Presses the form's save button and waits for its message. */
async function save(form: Locator, outcome: 'ok' | 'error' = 'ok'): Promise<string> {
  await form.locator('button[type="submit"]').click();
  const status = form.locator(`[data-testid="save-status"].status-${outcome}`);
  await status.waitFor();
  return (await status.textContent()) ?? '';
}

async function login(p: Page, username: string, password: string) {
  await p.goto(`${server.url}/admin/`);
  await logIn(p, username, password);
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  // Printer settings the office page must send back untouched.
  const o = await office();
  expect((await admin.put('/api/admin/office', { ...o, settings: { printer: PRINTER } })).status).toBe(200);
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('admin page', () => {
  it('an admin logs in and changes the notice line shown on the TVs; other settings stay as they were', async () => {
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.locator('[data-testid="officer"]:text("Quản trị viên")').waitFor();
    const form = page.locator('[data-testid="office-form"]');
    await expect.poll(() => form.locator('input[name="agencyCode"]').inputValue()).toBe('000.00.06.H56');

    const notice = 'Từ ngày 01/07, Bộ phận Một cửa làm việc cả sáng thứ Bảy.';
    await form.locator('textarea[name="notice"]').fill(notice);
    await form.locator('input[name="priorityStreakLimit"]').fill('4');
    expect(await save(form)).toContain('Đã lưu');

    await expect.poll(async () => (await queue()).office.notice).toBe(notice);
    const after = await office();
    expect(after).toMatchObject({ priorityStreakLimit: 4, settings: { printer: PRINTER } });
    expect(after.settings.display).toBeUndefined();
    await page.screenshot({ path: join(SHOTS, 'admin-office.png') });
  });

  it('a bad agency code shows the server’s Vietnamese message, keeps the edit, and changes nothing', async () => {
    const form = page.locator('[data-testid="office-form"]');
    await form.locator('input[name="agencyCode"]').fill('abc');
    await form.locator('input[name="name"]').fill('UBND xã Hòa An (đã sửa)');
    const message = await save(form, 'error');
    expect(message).toContain('Dữ liệu không hợp lệ');
    expect(message).toContain('mã định danh');
    expect(await form.locator('input[name="agencyCode"]').inputValue()).toBe('abc');
    expect(await form.locator('input[name="name"]').inputValue()).toBe('UBND xã Hòa An (đã sửa)');
    expect(await office()).toMatchObject({ agencyCode: '000.00.06.H56', name: 'UBND xã Hòa An – Bộ phận Một cửa' });
  });

  it('creates a field and a counter serving it, in order of preference; both reach /api/queue', async () => {
    const fields = await openSection('services');
    await fields.locator('[data-testid="crud-add"]').click();
    const fieldForm = fields.locator('[data-testid="crud-form"]');
    await fieldForm.locator('input[name="code"]').fill('CT');
    await fieldForm.locator('input[name="name"]').fill('Cư trú – Căn cước');
    await fieldForm.locator('input[name="nameEn"]').fill('Residence & ID');
    await fieldForm.locator('input[name="prefix"]').fill('f');
    await fieldForm.locator('input[name="lastNumber"]').fill('500');
    await fieldForm.locator('input[name="sortOrder"]').fill('6');
    await fieldForm.locator('input[name="dailyMax"]').fill('');
    expect(await save(fieldForm)).toContain('Đã lưu');

    await expect.poll(async () => (await queue()).services.find((s) => s.code === 'CT')?.prefix).toBe('F');
    const created = (await admin.get<AdminService[]>('/api/admin/services')).body.find((s) => s.code === 'CT');
    expect(created).toMatchObject({ lastNumber: 500, dailyMax: null, active: true });
    await fields.locator(`tr[data-id="${created?.id}"].selected`).waitFor();

    const counters = await openSection('counters');
    await counters.locator('[data-testid="crud-add"]').click();
    const counterForm = counters.locator('[data-testid="crud-form"]');
    await counterForm.locator('input[name="number"]').fill('5');
    await counterForm.locator('input[name="name"]').fill('Quầy 5 – Cư trú');
    const add = async (label: string) => {
      await counterForm.locator('select[name="add-choice"]').selectOption({ label });
      await counterForm.locator('.ordered-add button').click();
    };
    await add('F · Cư trú – Căn cước');
    await add('A · Tư pháp – Hộ tịch');
    await counterForm.getByRole('button', { name: 'Đưa A · Tư pháp – Hộ tịch lên' }).click();
    expect(await counterForm.locator('.ordered-name').allTextContents()).toEqual(['A · Tư pháp – Hộ tịch', 'F · Cư trú – Căn cước']);
    expect(await save(counterForm)).toContain('Đã lưu');

    const snap = await queue();
    const tp = snap.services.find((s) => s.code === 'TP');
    const ct = snap.services.find((s) => s.code === 'CT');
    expect(snap.counters.find((c) => c.number === 5)).toMatchObject({ name: 'Quầy 5 – Cư trú', serviceIds: [tp?.id, ct?.id] });
    await counters.locator('tr.selected:has-text("Quầy 5 – Cư trú")').waitFor();
    await page.screenshot({ path: join(SHOTS, 'admin-counters.png') });
  });

  it('creates a TV display profile with its URL; the snapshot carries it', async () => {
    const main = await openSection('displays');
    const form = main.locator('[data-testid="display-form"]');
    await form.locator('select[name="repeat"]').selectOption('3');
    await form.locator('[data-testid="add-profile"]').click();
    await form.locator('input[name="profile-name-0"]').fill('Tầng 1 – Sảnh chính');
    expect(await form.locator('input[name="profile-key-0"]').inputValue()).toBe('tang-1-sanh-chinh');
    for (const n of ['1', '2']) await form.locator(`input[name="profile-counters-0"][value="${n}"]`).check();
    await form.locator('input[name="profile-services-0"][value="TP"]').check();
    await form.locator('input[name="profile-services-0"][value="CT"]').check();
    expect(await form.locator('[data-testid="profile-url-0"]').inputValue()).toBe(`${server.url}/display/?profile=tang-1-sanh-chinh`);
    expect(await save(form)).toContain('Đã lưu');

    await expect
      .poll(async () => (await queue()).office.display)
      .toEqual({
        voice: 'clips',
        repeat: 3,
        english: false,
        profiles: [{ key: 'tang-1-sanh-chinh', name: 'Tầng 1 – Sảnh chính', counters: [1, 2], services: ['TP', 'CT'], muted: false }],
      });
    expect((await office()).settings.printer).toEqual(PRINTER);
    await form.getByRole('button', { name: /Xoá màn hình này/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'admin-displays.png') });
  });

  it('edits opening hours: two intervals on Monday', async () => {
    const main = await openSection('hours');
    const monday = main.locator('.day[data-weekday="1"]');
    await monday.locator('input[name="open-1-0"]').fill('07:30');
    await monday.locator('input[name="close-1-0"]').fill('11:30');
    await monday.getByRole('button', { name: 'Thêm khoảng giờ cho Thứ Hai' }).click();
    await monday.locator('input[name="open-1-1"]').fill('13:30');
    await monday.locator('input[name="close-1-1"]').fill('17:00');
    expect(await save(main.locator('[data-testid="hours-form"]'))).toContain('Đã lưu');
    const { hours } = (await admin.get<{ hours: { weekday: number; open: string; close: string }[] }>('/api/admin/opening-hours')).body;
    expect(hours.filter((h) => h.weekday === 1)).toEqual([
      { weekday: 1, open: '07:30', close: '11:30' },
      { weekday: 1, open: '13:30', close: '17:00' },
    ]);
    expect(hours.filter((h) => h.weekday === 0)).toEqual([{ weekday: 0, open: '00:00', close: '24:00' }]);
  });

  it('creates an officer with a password and the counters they may use; the printer page shows its health', async () => {
    const main = await openSection('officers');
    await main.locator('[data-testid="crud-add"]').click();
    const form = main.locator('[data-testid="crud-form"]');
    await form.locator('input[name="name"]').fill('Phạm Minh Đức');
    await form.locator('input[name="username"]').fill('canbo9');
    await form.locator('input[name="counterIds"]').first().check();
    await form.locator('input[name="password"]').fill('ngắn');
    expect(await save(form, 'error')).toContain('mật khẩu ít nhất 8 ký tự');
    await form.locator('input[name="password"]').fill('mat-khau-moi-9');
    expect(await save(form)).toContain('Đã lưu');
    const me = await new Client(server.url).login('canbo9', 'mat-khau-moi-9');
    expect((await me.get<{ officer: OfficerInfo }>('/api/auth/me')).body.officer).toMatchObject({ role: 'officer', counterIds: [1] });

    const printer = await openSection('printer');
    await printer.locator('[data-testid="printer-health"][data-state="online"]').waitFor();
    const pform = printer.locator('[data-testid="printer-form"]');
    expect(await pform.locator('input[name="thankYou"]').inputValue()).toBe(PRINTER.thankYou);
    await pform.locator('textarea[name="headerLines"]').fill('UBND xã Hòa An\nBộ phận Một cửa');
    await pform.locator('select[name="paperWidthDots"]').selectOption('384');
    expect(await save(pform)).toContain('Đã lưu');
    const o = await office();
    expect(o.settings.printer).toMatchObject({ paperWidthDots: 384, timeoutMs: 3000, publicUrl: null, headerLines: ['UBND xã Hòa An', 'Bộ phận Một cửa'] });
    expect(o.settings.display).toMatchObject({ repeat: 3 });

    // A second kiosk with its own printer: the page gives the kiosk's URL and shows that printer's status.
    await pform.locator('[data-testid="add-kiosk-printer"]').click();
    await pform.locator('input[name="kiosk-name-0"]').fill('Kiosk tầng 2');
    expect(await pform.locator('input[name="kiosk-key-0"]').inputValue()).toBe('kiosk-tang-2');
    await pform.locator('input[name="kiosk-uri-0"]').fill('simulated');
    expect(await pform.locator('[data-testid="kiosk-url-0"]').inputValue()).toBe(`${server.url}/kiosk/?id=kiosk-tang-2`);
    expect(await save(pform)).toContain('Đã lưu');
    expect((await office()).settings.printer?.kiosks).toEqual([{ key: 'kiosk-tang-2', name: 'Kiosk tầng 2', uri: 'simulated' }]);
    await printer.locator('[data-testid="kiosk-printer-health"][data-state="online"]').waitFor();
    await printer.locator('[data-testid="printer-health"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'admin-printer.png') });
  });

  it('an officer without the admin role sees "Cần quyền quản trị" and can log out', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const p = await ctx.newPage();
    await login(p, 'canbo1', OFFICER_PASSWORD);
    await p.locator('[role="alert"]:has-text("Cần quyền quản trị")').waitFor();
    expect(await p.locator('.menu').count()).toBe(0);
    await p.getByRole('button', { name: /Đăng xuất/ }).click();
    await p.locator('input[name="username"]').waitFor();
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });
});
