import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket } from '../../shared/contract';
import { ProcedureRepo } from '../../server/domain/catalogue/procedureRepo';
import { SHOTS, ensureBuilt, launchBrowser } from '../helpers/browser';
import { loginAtCounter } from '../helpers/counterPage';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

/**
 * A dossier received at the counter, end to end in headless Chromium and by keyboard only:
 * a served ticket → H → find the procedure → applicant → Ctrl+Enter → the simulated printer
 * got a slip whose QR is the dossier's /h/<code> → the A4 page → the citizen finds it at the
 * kiosk → a sync import marks it ready → kiosk and phone follow → G → "Đã trả kết quả".
 */

const PROC = '9.000003';
let server: TestServer;
let browser: Browser;
let ctx: BrowserContext;
let counter: Page;
let ticket: IssuedTicket['ticket'];
let code = '';
let publicCode = '';

function slipPngs(): string[] {
  const root = join(server.dataDir, 'printed');
  return readdirSync(root).flatMap((day) =>
    readdirSync(join(root, day))
      .filter((f) => f.includes('phieu-hen') && f.endsWith('.png'))
      .map((f) => join(root, day, f)),
  );
}

function qrOf(file: string): string | null {
  const img = PNG.sync.read(readFileSync(file));
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const tp = server.app.db.prepare("SELECT id FROM services WHERE code = 'TP'").pluck().get() as number;
  new ProcedureRepo(server.app.db, server.app.ctx.clock).save({
    code: PROC,
    name: 'Cấp bản sao trích lục hộ tịch (thử nghiệm)',
    serviceId: tp,
    fieldName: 'Hộ tịch',
    level: 'mot_phan',
    channels: [{ channel: 'truc_tiep', time: { unit: 'working_days', value: 2 }, fee: '8.000 đồng/bản' }],
    documents: [
      { name: 'Tờ khai cấp bản sao trích lục hộ tịch', form: 'original', copies: 1 },
      { name: 'Giấy tờ tùy thân của người yêu cầu', form: 'presented', copies: 1 },
    ],
    sets: 1,
    applicants: '',
    result: 'Bản sao trích lục hộ tịch',
    legalBasis: '',
    active: true,
    sortOrder: 1,
  });
  const issued = await new Client(server.url).post<IssuedTicket>('/api/tickets', { serviceId: tp });
  expect(issued.status).toBe(201);
  ticket = issued.body.ticket;
  publicCode = issued.body.publicCode;
  ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  counter = await ctx.newPage();
  counter.setDefaultTimeout(10_000);
  await counter.goto(`${server.url}/counter/`);
  await loginAtCounter(counter, 1);
  await counter.locator('button[data-action="pause"]:not([disabled])').waitFor();
  await counter.keyboard.press('Space');
  await counter.locator(`[data-testid="current-number"]:text("${ticket.number}")`).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dossier at the counter', () => {
  it('H, the procedure by its code, the applicant, Ctrl+Enter: registered and the slip printed', async () => {
    await counter.keyboard.press('h');
    const dialog = counter.locator('.dialog[aria-label^="Hồ sơ"]');
    await dialog.waitFor();
    await counter.keyboard.type(PROC);
    await dialog.locator(`.proc-hit-on[data-code="${PROC}"]`).waitFor();
    await counter.keyboard.press('Enter');
    await dialog.locator('[data-testid="reg-procedure"]').waitFor();
    // Every paper of the procedure is ticked; the name field has the focus.
    expect(await dialog.locator('.reg-doc input[type="checkbox"]:checked').count()).toBe(2);
    await counter.keyboard.type('Đỗ Thị Thử');
    await counter.keyboard.press('Tab');
    await counter.keyboard.type('0900 123 456');
    // Saving with an empty procedure field is impossible; a bad phone is refused inline first.
    await counter.keyboard.type('x');
    await counter.keyboard.press('Control+Enter');
    const err = dialog.locator('[data-testid="dossier-error"]');
    await err.waitFor();
    expect(await err.textContent()).toMatch(/^Dữ liệu không hợp lệ: applicant\.phone/);
    expect(server.app.db.prepare('SELECT COUNT(*) FROM dossiers').pluck().get()).toBe(0);
    await counter.keyboard.press('Backspace');
    await counter.keyboard.press('Control+Enter');

    const panel = counter.locator('[data-testid="dossier"]');
    await panel.waitFor();
    code = (await panel.getAttribute('data-code')) ?? '';
    expect(code).toMatch(/^000\.00\.06\.H56-\d{6}-0001$/);
    expect(await panel.locator('[data-testid="dossier-status"]').textContent()).toBe('Được tiếp nhận');
    expect(await counter.locator('.dialog').count()).toBe(0);
    await counter.locator('[data-testid="toast"]', { hasText: 'Phiếu hẹn đã in' }).waitFor();
    await counter.screenshot({ path: join(SHOTS, 'counter-dossier.png') });

    const stored = server.app.ctx.dossiers.get(code);
    expect(stored).toMatchObject({ applicantName: 'Đỗ Thị Thử', applicantPhone: '0900 123 456', sets: 1, status: 'accepted' });
    expect(stored?.documents.map((d) => d.form)).toEqual(['original', 'presented']);
    expect(stored?.tickets.map((t) => [t.ticketId, t.role])).toEqual([[ticket.id, 'receive']]);
  });

  it('the simulated printer received the slip, and its QR is the dossier’s /h/<code>', () => {
    const files = slipPngs();
    expect(files).toHaveLength(1);
    expect(qrOf(files[0]!)).toBe(`${server.url}/h/${code}`);
  });

  it('I reprints the slip through the same printer', async () => {
    await counter.keyboard.press('i');
    await counter.locator('[data-testid="toast"]', { hasText: 'In lại phiếu hẹn' }).waitFor();
    await expect.poll(() => slipPngs().length).toBe(2);
  });

  it('the A4 page shows the same slip, for a logged-in officer only', async () => {
    const slip = await ctx.newPage();
    await slip.goto(`${server.url}/slip/?code=${encodeURIComponent(code)}&paper=A4`);
    await slip.locator('[data-testid="slip"]').waitFor();
    expect(await slip.locator('[data-testid="slip-code"]').textContent()).toBe(code);
    expect(await slip.locator('[data-testid="slip-due"]').textContent()).toMatch(/^\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}$/);
    expect(await slip.locator('.docs tbody tr').count()).toBe(2);
    await slip.screenshot({ path: join(SHOTS, 'slip-a4.png'), fullPage: true });
    await slip.keyboard.press('5');
    expect(await slip.evaluate(() => document.documentElement.dataset.paper)).toBe('A5');
    await slip.close();

    const anon = await browser.newPage();
    await anon.goto(`${server.url}/slip/?code=${encodeURIComponent(code)}`);
    await anon.locator('.slip-error', { hasText: 'đăng nhập' }).waitFor();
    expect(await anon.locator('[data-testid="slip"]').count()).toBe(0);
    await anon.close();
  });

  it('the citizen finds it at the kiosk (slip QR and procedure search), a sync import marks it ready, kiosk and phone follow', async () => {
    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    kiosk.setDefaultTimeout(10_000);
    await kiosk.goto(`${server.url}/kiosk/`);
    await kiosk.locator('[data-action="lookup"]').click();
    // The procedure, searched without diacritics on the on-screen keyboard.
    await kiosk.locator('[data-lookup="procedures"]').click();
    for (const k of [...'trich', 'space', ...'luc']) await kiosk.locator(`.vk-key[data-key="${k}"]`).click();
    await kiosk.locator(`.procedure-item[data-procedure="${PROC}"]`).click();
    await kiosk.locator(`[data-screen="lookup-procedure"][data-code="${PROC}"]`).waitFor();
    await kiosk.locator('[data-screen="lookup-procedure"]', { hasText: 'Tờ khai cấp bản sao trích lục hộ tịch' }).waitFor();
    // The dossier, by the slip's QR read on the kiosk's scanner (it types the link and Enter).
    const lookUp = async () => {
      await kiosk.goto(`${server.url}/kiosk/`);
      await kiosk.locator('[data-action="lookup"]').click();
      await kiosk.locator('[data-lookup="dossier"]').click();
      await kiosk.keyboard.type(`${server.url}/h/${code}`);
      await kiosk.keyboard.press('Enter');
      const card = kiosk.locator(`.dossier-card[data-dossier="${code}"]`);
      await card.waitFor();
      return card.innerText();
    };
    expect(await lookUp()).toContain('Được tiếp nhận');

    // The province's system reports the result ready, through the sync API.
    const admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
    const created = await admin.post<{ key: string }>('/api/admin/api-keys', { name: 'Hệ thống một cửa tỉnh' });
    expect(created.status).toBe(201);
    const sync = await fetch(`${server.url}/api/sync/dossiers/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${created.body.key}` },
      body: JSON.stringify({ changes: [{ code, status: 'resolved', at: new Date().toISOString() }] }),
    });
    expect(sync.status).toBe(200);
    const text = await lookUp();
    expect(text).toContain('Đã xử lý xong');
    expect(text).not.toContain('Đỗ Thị Thử');

    // The phone page of the ticket that brought the dossier shows the same status.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${server.url}/t/${publicCode}`);
    await phone.locator(`[data-dossier="${code}"][data-status="resolved"]`).waitFor();
    expect(await phone.locator('body').innerText()).not.toContain('Đỗ Thị Thử');
    await phone.close();
    await kiosk.close();
  });

  it('G hands the result over; a second time is refused inline', async () => {
    await counter.keyboard.press('g');
    const dialog = counter.locator('.dialog[aria-label="Trả kết quả"]');
    await dialog.waitFor();
    expect(await dialog.locator('#return-code').inputValue()).toBe(code);
    await counter.keyboard.press('Enter');
    await counter.locator('[data-testid="dossier"][data-status="returned"]').waitFor();
    expect(await counter.locator('[data-testid="dossier-status"]').textContent()).toBe('Đã trả kết quả');
    expect(server.app.ctx.dossiers.get(code)?.status).toBe('returned');

    await counter.keyboard.press('g');
    await dialog.waitFor();
    await dialog.locator('#return-code').fill(`${server.url}/h/${code}`);
    await counter.keyboard.press('Enter');
    await dialog.locator('[data-testid="dossier-error"]', { hasText: 'Đã trả kết quả' }).waitFor();
    await counter.keyboard.press('Escape');
    expect(await counter.locator('.dialog').count()).toBe(0);
  });
});
