import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarYear, ProcedureRecord } from '../../shared/catalogue';
import { SHOTS, ensureBuilt, launchBrowser, logIn } from '../helpers/browser';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

/**
 * The admin's catalogue and calendar in headless Chromium: search the demo procedures, import a
 * CSV with bad rows (the lines are shown, nothing imported), import a good one, edit a
 * procedure's documents, and mark a compensatory working Saturday.
 */

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let admin: Client;
const pageErrors: string[] = [];

const BAD_CSV = [
  'code,name,field,channels,documents',
  '7.000001,Thủ tục thử tốt,TP,truc_tiep|same_day|Miễn lệ phí,Tờ khai|original|1',
  '7.000002,,TP,truc_tiep|same_day|,',
  '7.000003,Thủ tục cách thức lạ,TP,fax|same_day|,',
].join('\n');

const GOOD_CSV = [
  '\uFEFFcode,name,field,fieldName,channels,documents',
  '7.000011,Đăng ký giám hộ,TP,Hộ tịch,truc_tiep|working_days:3|Miễn lệ phí,Tờ khai đăng ký giám hộ|original|1; Văn bản cử người giám hộ|original|1',
  '7.000012,Đăng ký chấm dứt giám hộ,TP,Hộ tịch,truc_tiep|working_days:2|Miễn lệ phí,Tờ khai đăng ký chấm dứt giám hộ|original|1',
].join('\r\n');

const procedures = async () => (await admin.get<ProcedureRecord[]>('/api/admin/procedures')).body;

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/admin/#procedures`);
  await logIn(page, 'admin', ADMIN_PASSWORD);
  await page.locator('[data-testid="officer"]').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('admin: procedures', () => {
  it('lists the demo procedures and searches them without diacritics', async () => {
    const main = page.locator('main[data-section="procedures"]');
    await main.locator('tr[data-code="1.001193"]').waitFor();
    const all = await main.locator('[data-testid="procedure-table"] tbody tr[data-code]').count();
    expect(all).toBe((await procedures()).length);
    await main.locator('input[name="q"]').fill('khai sinh');
    await expect.poll(() => main.locator('tbody tr[data-code]').count()).toBe(1);
    expect(await main.locator('tbody tr[data-code]').first().getAttribute('data-code')).toBe('1.001193');
    await main.locator('input[name="q"]').fill('');
  });

  it('a CSV with bad rows shows each bad line and imports nothing', async () => {
    const before = (await procedures()).length;
    await page.locator('input[name="import-file"]').setInputFiles({ name: 'thu-tuc-loi.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
    const problems = page.locator('[data-testid="import-problems"]');
    await problems.waitFor();
    expect(await problems.locator('tr[data-line]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-line')))).toEqual(['3', '4']);
    expect(await problems.textContent()).toContain('chưa nhập thủ tục nào');
    expect(await problems.locator('tr[data-line="4"]').textContent()).toContain('fax');
    await page.screenshot({ path: join(SHOTS, 'admin-procedures-import-errors.png') });
    expect((await procedures()).length).toBe(before);
  });

  it('a good CSV is previewed, then imported', async () => {
    const before = (await procedures()).length;
    await page.locator('input[name="import-file"]').setInputFiles({ name: 'thu-tuc.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
    const preview = page.locator('[data-testid="import-preview"]');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('sẽ thêm 2');
    expect((await procedures()).length).toBe(before);
    await preview.locator('[data-testid="import-confirm"]').click();
    await page.locator('[data-testid="import-done"]').waitFor();
    await page.locator('tr[data-code="7.000011"]').waitFor();
    const added = (await procedures()).find((p) => p.code === '7.000011');
    expect(added?.documents.map((d) => d.name)).toEqual(['Tờ khai đăng ký giám hộ', 'Văn bản cử người giám hộ']);
    expect(added?.channels[0]?.time).toEqual({ unit: 'working_days', value: 3 });
  });

  it('edits a procedure: adds a document and changes the time of the in-person channel', async () => {
    await page.locator('tr[data-code="1.004873"] button').click();
    const form = page.locator('[data-testid="procedure-form"]');
    await form.waitFor();
    const docs = await form.locator('.document-row').count();
    await form.locator('[data-testid="document-add"]').click();
    await form.locator(`input[name="document-${docs}"]`).fill('Giấy tờ chứng minh nơi cư trú');
    await form.locator('input[name="value-truc_tiep"]').fill('5');
    await page.screenshot({ path: join(SHOTS, 'admin-procedures.png') });
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-testid="save-status"].status-ok').waitFor();
    const saved = (await procedures()).find((p) => p.code === '1.004873')!;
    expect(saved.documents).toHaveLength(docs + 1);
    expect(saved.documents.at(-1)).toEqual({ name: 'Giấy tờ chứng minh nơi cư trú', form: 'original', copies: 1 });
    expect(saved.channels.find((c) => c.channel === 'truc_tiep')?.time).toEqual({ unit: 'working_days', value: 5 });
    expect(saved.version).toBe(2);
  });
});

describe('admin: calendar', () => {
  it('shows the year with its holidays and marks a compensatory working Saturday', async () => {
    await page.locator('.menu-item[href="#calendar"]').click();
    const main = page.locator('main[data-section="calendar"]');
    const year = new Date().getFullYear();
    await main.locator(`[data-testid="calendar-year"]`).waitFor();
    const { body } = await admin.get<CalendarYear>(`/api/admin/calendar?year=${year}`);
    for (const d of body.days) expect(await main.locator(`button.cal-day[data-day="${d.day}"]`).getAttribute('class')).toContain(`cal-${d.kind}`);
    // The first Saturday of December that is not already special.
    const taken = new Set(body.days.map((d) => d.day));
    let saturday = '';
    for (let day = 1; day <= 31 && !saturday; day++) {
      const iso = `${year}-12-${String(day).padStart(2, '0')}`;
      if (new Date(`${iso}T00:00:00Z`).getUTCDay() === 6 && !taken.has(iso)) saturday = iso;
    }
    await main.locator(`button.cal-day[data-day="${saturday}"]`).click();
    const form = main.locator('[data-testid="day-form"]');
    await form.waitFor();
    expect(await form.locator('select[name="kind"]').inputValue()).toBe('working');
    await form.locator('input[name="name"]').fill('Làm bù cho ngày nghỉ thứ Sáu');
    await form.locator('button[type="submit"]').click();
    await main.locator(`button.cal-day.cal-working[data-day="${saturday}"]`).waitFor();
    expect(server.app.ctx.calendar.isWorkingDay(saturday)).toBe(true);
    await main.locator(`[data-testid="calendar-days"] tr[data-day="${saturday}"]`).waitFor();
    await page.screenshot({ path: join(SHOTS, 'admin-calendar.png') });
    expect(pageErrors).toEqual([]);
  });
});
