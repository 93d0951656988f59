import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardReaderState } from '../../shared/cards';
import { TEST_CARDS } from '../../drivers/card-reader';
import { SHOTS, ensureBuilt, launchBrowser } from '../helpers/browser';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

/**
 * The kiosk's lookup screens in headless Chromium, against the demo office and its demo
 * catalogue: a procedure searched by touching the on-screen keyboard, a dossier by keypad,
 * by a keyboard-wedge scanner and by the chip card; never any personal data on the screen.
 */

const AGENCY = '000.00.06.H56';
const APPLICANT = { name: 'Hoàng Thị Riêngtư', phone: '0987654321', address: 'Số 9 ngõ Kín, xóm Giấu' };
const CARD = TEST_CARDS[0]!;

let server: TestServer;
let browser: Browser;
let admin: Client;
let kiosk: Page;

function insertDossier(code: string, status: string, o: { dueAt: string; citizenId?: number | null; procedure?: string }): number {
  const now = new Date().toISOString();
  const r = server.app.db
    .prepare(
      `INSERT INTO dossiers (code, procedure_code, procedure_name, applicant_name, applicant_phone, applicant_address, citizen_id,
         channel, status, received_at, due_at, collect_at, created_at, updated_at)
       VALUES (?, '1.000894', ?, ?, ?, ?, ?, 'truc_tiep', ?, ?, ?, 'Quầy 1 – Bộ phận Một cửa', ?, ?)`,
    )
    .run(code, o.procedure ?? 'Đăng ký kết hôn', APPLICANT.name, APPLICANT.phone, APPLICANT.address, o.citizenId ?? null, status, now, o.dueAt, now, now);
  return Number(r.lastInsertRowid);
}

async function expectNoPersonalData(page: Page) {
  const text = await page.locator('body').innerText();
  for (const secret of [APPLICANT.name, 'Riêngtư', APPLICANT.phone, APPLICANT.address, CARD.fullName, CARD.idNumber]) {
    expect(text.includes(secret), `the page shows ${secret}`).toBe(false);
  }
}

/** Touches keys of the on-screen keyboard, one by one, like a finger. */
async function tapKeys(page: Page, keys: string[]) {
  for (const k of keys) await page.locator(`.vk-key[data-key="${k}"]`).click();
}

async function openLookup(page: Page, which: 'procedures' | 'dossier') {
  await page.goto(`${server.url}/kiosk/`);
  await page.locator('[data-action="lookup"]').click();
  await page.locator(`[data-lookup="${which}"]`).click();
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  kiosk.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('kiosk: look up a procedure', () => {
  it('finds "Đăng ký kết hôn" typed "kết hôn" on the on-screen keyboard, opens it, and takes a number for its field in one touch', async () => {
    await kiosk.goto(`${server.url}/kiosk/`);
    await kiosk.locator('.tile[data-prefix]:not([disabled])').first().waitFor();
    await kiosk.screenshot({ path: join(SHOTS, 'kiosk-home-lookup.png') });
    const lookup = kiosk.locator('[data-action="lookup"]');
    expect(await lookup.innerText()).toContain('Tra cứu');
    await lookup.click();
    await kiosk.locator('[data-screen="lookup"] [data-action="take-number"]').waitFor();
    await kiosk.locator('[data-lookup="procedures"]').click();
    await kiosk.locator('[data-screen="lookup-procedures"]').waitFor();
    // The fields of the catalogue are there to browse.
    await kiosk.locator('.chip[data-field]:not([data-field="all"])').first().waitFor();

    // k e t, ê, sắc, space, h o n, ô: "kết hôn", without Telex.
    await tapKeys(kiosk, ['k', 'e', 't', 'form-ê', 'tone-sac', 'space', 'h', 'o', 'n', 'form-ô']);
    expect(await kiosk.locator('.search-text').getAttribute('data-query')).toBe('kết hôn');
    const hit = kiosk.locator('.procedure-item[data-procedure="1.000894"]');
    await hit.waitFor();
    expect(await hit.innerText()).toContain('Đăng ký kết hôn');
    await kiosk.screenshot({ path: join(SHOTS, 'kiosk-lookup-procedures.png') });

    // Without diacritics it finds the same.
    await kiosk.locator('[data-action="clear"]').click();
    await tapKeys(kiosk, ['k', 'e', 't', 'space', 'h', 'o', 'n']);
    await kiosk.locator('.procedure-item[data-procedure="1.000894"]').waitFor();

    await kiosk.locator('.procedure-item[data-procedure="1.000894"]').click();
    const page = kiosk.locator('[data-screen="lookup-procedure"] .procedure-page');
    await page.waitFor();
    const text = await page.innerText();
    expect(text).toContain('Đăng ký kết hôn');
    expect(text).toContain('Tờ khai đăng ký kết hôn theo mẫu');
    expect(text).toContain('Bản chính');
    expect(text).toContain('Trong ngày');
    expect(text).toContain('Miễn lệ phí');
    expect(text).toContain('Giấy chứng nhận kết hôn');
    expect(await kiosk.locator('.procedure-qr svg.qr path').count()).toBe(1);
    await kiosk.screenshot({ path: join(SHOTS, 'kiosk-procedure.png') });

    // Back keeps the search; the "Lấy số" button of the page takes a number for the field.
    await kiosk.locator('[data-action="back"]').click();
    expect(await kiosk.locator('.search-text').getAttribute('data-query')).toBe('ket hon');
    await kiosk.locator('.procedure-item[data-procedure="1.000894"]').click();
    const take = kiosk.locator('[data-screen="lookup-procedure"] [data-action="take-number"]');
    await kiosk.locator('.procedure-page').waitFor();
    expect(await take.locator('.take-field').innerText()).toBe(server.app.ctx.config.services().find((s) => s.code === 'TP')?.name);
    await take.click();
    await kiosk.locator('[data-screen="result"]').waitFor();
    const number = await kiosk.locator('.ticket-number').getAttribute('data-number');
    const tp = server.app.ctx.config.services().find((s) => s.code === 'TP');
    expect(number?.startsWith(tp?.prefix ?? '?')).toBe(true);
  });

  it('fits a landscape kiosk: the keyboard, the search and the results on one screen, no scrolling', async () => {
    const wide = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await wide.goto(`${server.url}/kiosk/`);
    const entry = wide.locator('[data-action="lookup"]');
    await entry.waitFor();
    const inView = async (selector: string) => {
      const box = await wide.locator(selector).first().boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.y + box!.height, `${selector} ends inside the screen`).toBeLessThanOrEqual(1080);
      expect(box!.x + box!.width, `${selector} ends inside the screen`).toBeLessThanOrEqual(1920);
    };
    await inView('[data-action="lookup"]');
    await entry.click();
    await wide.locator('[data-lookup="procedures"]').click();
    await tapKeys(wide, ['h', 'o', 'space', 't', 'i', 'c', 'h']);
    // "Cấp bản sao trích lục hộ tịch": in the results for "ho tich", not in those for "ho" alone.
    await wide.locator('.procedure-item[data-procedure="2.000635"]').waitFor();
    for (const sel of ['.vk-key[data-key="space"]', '.vk-key[data-key="tone-nang"]', '.search-box', '.procedure-item[data-procedure="2.000635"]', '[data-action="take-number"]']) {
      await inView(sel);
    }
    await wide.screenshot({ path: join(SHOTS, 'kiosk-lookup-landscape.png') });
    await wide.close();
  });

  it('every lookup screen has the big "Lấy số" button back to the field tiles', async () => {
    await openLookup(kiosk, 'dossier');
    await kiosk.locator('[data-screen="lookup-dossier"] [data-action="take-number"]').click();
    await kiosk.locator('[data-screen="home"] .tile[data-prefix]').first().waitFor();
  });
});

describe('kiosk: look up a dossier', () => {
  const today = new Date();
  const yymmdd = `${String(today.getFullYear() % 100).padStart(2, '0')}${String(today.getMonth() + 1).padStart(2, '0')}${String(today.getDate()).padStart(2, '0')}`;
  const code = `${AGENCY}-${yymmdd}-0361`;
  const overdue = `${AGENCY}-${yymmdd}-0362`;

  beforeAll(() => {
    insertDossier(code, 'processing', { dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    insertDossier(overdue, 'supplement_requested', { dueAt: new Date(Date.now() - 86_400_000).toISOString() });
  });

  it('by keypad: date and number, the agency code prefilled; status, due date and no applicant data', async () => {
    await openLookup(kiosk, 'dossier');
    expect(await kiosk.locator('.code-agency .code-value').innerText()).toBe(AGENCY);
    for (const d of [...yymmdd, '3', '6', '1']) await kiosk.locator(`.keypad [data-key="${d}"]`).click();
    expect(await kiosk.locator('[data-part="seq"] .code-value').innerText()).toBe('361');
    await kiosk.screenshot({ path: join(SHOTS, 'kiosk-dossier-keypad.png') });
    await kiosk.locator('.keypad [data-key="enter"]').click();
    const card = kiosk.locator(`.dossier-card[data-dossier="${code}"]`);
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('Đang xử lý');
    expect(text).toContain('Trong hạn');
    expect(text).toContain('Hẹn trả kết quả');
    expect(text).toContain('Đăng ký kết hôn');
    await expectNoPersonalData(kiosk);
    await kiosk.screenshot({ path: join(SHOTS, 'kiosk-dossier-status.png') });
  });

  it('an unknown code gets a plain answer', async () => {
    await kiosk.locator('[data-action="again"]').click();
    for (const d of [...yymmdd, '9', '9', '9', '9']) await kiosk.locator(`.keypad [data-key="${d}"]`).click();
    await kiosk.locator('.keypad [data-key="enter"]').click();
    expect(await kiosk.locator('[data-error]').innerText()).toContain('Không tìm thấy hồ sơ');
  });

  it('by a keyboard-wedge scanner: the slip’s QR link or a bare code, then Enter', async () => {
    await openLookup(kiosk, 'dossier');
    await kiosk.keyboard.type(`http://192.168.1.10:3000/h/${overdue}`);
    await kiosk.keyboard.press('Enter');
    const late = kiosk.locator(`.dossier-card[data-dossier="${overdue}"]`);
    await late.waitFor();
    expect(await late.innerText()).toContain('Yêu cầu bổ sung giấy tờ');
    expect(await late.locator('[data-timeliness]').innerText()).toBe('Quá hạn');
    // Still focused after a result: the next scan works without a touch.
    await kiosk.keyboard.type(code);
    await kiosk.keyboard.press('Enter');
    await kiosk.locator(`.dossier-card[data-dossier="${code}"]`).waitFor();
    await expectNoPersonalData(kiosk);
  });

  it('by the chip card on this kiosk’s reader: that citizen’s open dossiers, no name or ID number', async () => {
    const readers = (await admin.get<CardReaderState[]>('/api/admin/card-readers')).body;
    const key = readers.find((r) => r.protocol === 'simulated')?.key ?? 'simulated';
    // The citizen is stored when a ticket is linked to the card.
    await kiosk.goto(`${server.url}/kiosk/`);
    expect((await admin.post(`/api/admin/card-readers/${key}/test-card`, { preset: 0 })).status).toBe(204);
    await kiosk.locator('.card-read').waitFor();
    const session = server.app.ctx.cards.service.currentRead(null);
    expect(session).toBeDefined();
    const issued = await new Client(server.url).post<{ ticket: { id: number } }>('/api/tickets', {
      serviceId: server.app.ctx.config.services()[0]!.id,
      cardReadId: session!.readId,
    });
    expect(issued.status).toBe(201);
    const citizenId = server.app.db.prepare('SELECT citizen_id FROM ticket_citizens WHERE ticket_id = ?').pluck().get(issued.body.ticket.id) as number;
    const mine = `${AGENCY}-${yymmdd}-0400`;
    insertDossier(mine, 'resolved', { dueAt: new Date(Date.now() + 86_400_000).toISOString(), citizenId, procedure: 'Đăng ký khai sinh' });
    expect((await admin.request('DELETE', `/api/admin/card-readers/${key}/test-card`, {})).status).toBe(204);

    await openLookup(kiosk, 'dossier');
    expect((await admin.post(`/api/admin/card-readers/${key}/test-card`, { preset: 0 })).status).toBe(204);
    const listed = kiosk.locator(`.dossier-card[data-dossier="${mine}"]`);
    await listed.waitFor();
    expect(await kiosk.locator('.dossier-list-title').innerText()).toBe('Hồ sơ của quý khách');
    expect(await listed.innerText()).toContain('Đã xử lý xong');
    expect(await kiosk.locator('.dossier-card').count()).toBe(1);
    await expectNoPersonalData(kiosk);
    expect((await admin.request('DELETE', `/api/admin/card-readers/${key}/test-card`, {})).status).toBe(204);
  });
});
