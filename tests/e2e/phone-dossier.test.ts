import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, ensureBuilt, launchBrowser } from '../helpers/browser';
import { Client, startTestServer, type TestServer } from '../helpers/server';

/** The phone pages in headless Chromium: /h/<dossier code>, /t/<ticket> with its dossiers, /p/<procedure>. */

const AGENCY = '000.00.06.H56';
const APPLICANT = { name: 'Đỗ Văn Bảomật', phone: '0909111222', address: 'Thôn Ẩn, xã Kín' };

let server: TestServer;
let browser: Browser;
let phone: Page;

function insertDossier(code: string, status: string, dueAt: string, resolvedAt: string | null = null): number {
  const received = new Date(Date.now() - 2 * 86_400_000).toISOString();
  const r = server.app.db
    .prepare(
      `INSERT INTO dossiers (code, procedure_code, procedure_name, applicant_name, applicant_phone, applicant_address,
         channel, status, received_at, due_at, resolved_at, collect_at, created_at, updated_at)
       VALUES (?, '1.001193', 'Đăng ký khai sinh', ?, ?, ?, 'truc_tiep', ?, ?, ?, ?, 'Quầy 2 – Bộ phận Một cửa', ?, ?)`,
    )
    .run(code, APPLICANT.name, APPLICANT.phone, APPLICANT.address, status, received, dueAt, resolvedAt, received, received);
  return Number(r.lastInsertRowid);
}

async function expectNoPersonalData(page: Page) {
  const text = await page.locator('body').innerText();
  for (const secret of [APPLICANT.name, 'Bảomật', APPLICANT.phone, APPLICANT.address]) {
    expect(text.includes(secret), `the page shows ${secret}`).toBe(false);
  }
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  phone.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('phone pages', () => {
  it('/h/<code> (the QR on the receipt) shows the status, the due date and on time or not, without personal data', async () => {
    const code = `${AGENCY}-261127-0042`;
    insertDossier(code, 'resolved', new Date(Date.now() + 86_400_000).toISOString(), new Date(Date.now() - 3_600_000).toISOString());
    await phone.goto(`${server.url}/h/${code}`);
    const block = phone.locator(`.dossier[data-dossier="${code}"]`);
    await block.waitFor();
    const text = await block.innerText();
    expect(text).toContain('Đăng ký khai sinh');
    expect(await phone.getByTestId('dossier-status').innerText()).toContain('Đã xử lý xong');
    expect(text).toContain('Hẹn trả kết quả');
    expect(text).toContain('Quầy 2 – Bộ phận Một cửa');
    expect(await block.locator('[data-timeliness]').getAttribute('data-timeliness')).toMatch(/^(early|on_time)$/);
    await expectNoPersonalData(phone);
    await phone.screenshot({ path: join(SHOTS, 'phone-dossier.png'), fullPage: true });
  });

  it('/h/ with an unknown code says so in Vietnamese and English', async () => {
    await phone.goto(`${server.url}/h/${AGENCY}-261127-9999`);
    const error = phone.locator('.card-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/^Không tìm thấy hồ sơ .*\(No dossier has this code/);
  });

  it('/t/<code> shows the dossiers linked to the ticket under it', async () => {
    const issued = await new Client(server.url).post<{ ticket: { id: number }; publicCode: string }>('/api/tickets', {
      serviceId: server.app.ctx.config.services()[0]!.id,
    });
    expect(issued.status).toBe(201);
    const code = `${AGENCY}-261130-0007`;
    const id = insertDossier(code, 'accepted', new Date(Date.now() + 5 * 86_400_000).toISOString());
    server.app.db
      .prepare("INSERT INTO dossier_tickets (dossier_id, ticket_id, role, linked_at) VALUES (?, ?, 'receive', ?)")
      .run(id, issued.body.ticket.id, new Date().toISOString());
    await phone.goto(`${server.url}/t/${issued.body.publicCode}`);
    await phone.getByTestId('phone-number').waitFor();
    const linked = phone.getByTestId('ticket-dossiers');
    await linked.waitFor();
    expect(await linked.locator(`.dossier[data-dossier="${code}"]`).innerText()).toContain('Được tiếp nhận');
    await expectNoPersonalData(phone);
  });

  it('/p/<code> (the QR on the kiosk’s procedure page) shows the procedure', async () => {
    await phone.goto(`${server.url}/p/1.000894`);
    await phone.getByTestId('procedure-name').waitFor();
    expect(await phone.getByTestId('procedure-name').innerText()).toBe('Đăng ký kết hôn');
    const text = await phone.locator('main').innerText();
    expect(text).toContain('Tờ khai đăng ký kết hôn theo mẫu');
    expect(text).toContain('Miễn lệ phí');
  });
});
