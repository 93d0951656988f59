import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, ensureBuilt, launchBrowser } from '../helpers/browser';
import { loginAtCounter } from '../helpers/counterPage';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

/**
 * The rating tablet end to end in headless Chromium: paired from the counter page with one
 * key, woken when the officer finishes a ticket, one touch rates it (reasons for an
 * unsatisfied level), a second touch is refused, and a USB keypad digit rates too.
 */

let server: TestServer;
let browser: Browser;
let tabletContext: BrowserContext;
let tablet: Page;
let counterPage: Page;
let officer: Client;
let kiosk: Client;
let counterId: number;
let serviceId: number;
const SLOW = { timeout: 10_000 };

const ratings = () =>
  server.app.db
    .prepare('SELECT ticket_id AS ticketId, level, source, reasons_json AS reasons, reason_text AS text FROM ratings ORDER BY id')
    .all() as { ticketId: number | null; level: string; source: string; reasons: string; text: string }[];

/** A citizen takes a number, the officer at counter 1 calls and finishes it; its id. */
async function serveOne(): Promise<number> {
  expect((await kiosk.post('/api/tickets', { serviceId })).status).toBe(201);
  const called = await officer.post<{ ticket: { id: number } | null }>(`/api/counters/${counterId}/call-next`, {});
  expect(called.status).toBe(200);
  expect((await officer.post(`/api/counters/${counterId}/finish`, {})).status).toBe(200);
  return server.app.db.prepare("SELECT id FROM tickets WHERE status = 'done' ORDER BY finished_at DESC, id DESC").pluck().get() as number;
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  const office = (await admin.get<{ settings: Record<string, unknown> } & Record<string, unknown>>('/api/admin/office')).body;
  expect((await admin.put('/api/admin/office', { ...office, settings: { ...office.settings, ratings: { thanksSeconds: 2 } } })).status).toBe(200);
  const counter = server.app.ctx.config.counters().find((c) => c.number === 1)!;
  counterId = counter.id;
  serviceId = counter.serviceIds[0]!;
  officer = await new Client(server.url).login('canbo1', OFFICER_PASSWORD);
  kiosk = new Client(server.url);
  tabletContext = await browser.newContext({ viewport: { width: 800, height: 1280 }, hasTouch: true });
  tablet = await tabletContext.newPage();
  tablet.setDefaultTimeout(10_000);
  counterPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  counterPage.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('rating tablet', () => {
  it('an unpaired tablet shows a code; the officer at the counter pairs it with one key (F9)', async () => {
    await tablet.goto(`${server.url}/rate/?counter=1`);
    const code = (await tablet.locator('[data-testid="pair-code"]').innerText()).replace(/\s/g, '');
    expect(code).toMatch(/^\d{6}$/);
    // A stranger (no device token) cannot rate.
    const stranger = await new Client(server.url).post('/api/rate', { level: 'satisfied' });
    expect(stranger.status).toBe(401);

    await counterPage.goto(`${server.url}/counter/`);
    await loginAtCounter(counterPage, 1);
    await expect.poll(() => counterPage.locator('[data-testid="rating-pairing-code"]').innerText(), SLOW).toBe(code);
    await counterPage.keyboard.press('F9');
    await tablet.locator('[data-screen="idle"]').waitFor();
    expect(await tablet.evaluate(() => localStorage.getItem('quayso.rate.token.1'))).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(server.app.ctx.ratings.devices.list()).toMatchObject([{ counterId, counterNumber: 1 }]);
  });

  it('idle shows the counter and the officer serving there', async () => {
    expect((await kiosk.post('/api/tickets', { serviceId })).status).toBe(201);
    expect((await officer.post(`/api/counters/${counterId}/call-next`, {})).status).toBe(200);
    const name = server.app.ctx.officers.list().find((o) => o.username === 'canbo1')!.name;
    await expect.poll(() => tablet.locator('[data-testid="officer"]').innerText(), SLOW).toContain(name);
    await tablet.screenshot({ path: join(SHOTS, 'rate-idle.png') });
  });

  it('wakes when the officer finishes, one touch rates, reasons are asked, a second touch is refused', async () => {
    expect((await officer.post(`/api/counters/${counterId}/finish`, {})).status).toBe(200);
    const ticketId = server.app.db.prepare("SELECT id FROM tickets WHERE status = 'done'").pluck().get() as number;
    await tablet.locator('[data-screen="faces"]').waitFor();
    expect(await tablet.locator('.face-btn').count()).toBe(3);
    await tablet.screenshot({ path: join(SHOTS, 'rate-faces.png') });

    await tablet.locator('.face-btn[data-level="unsatisfied"]').tap();
    await tablet.locator('[data-screen="reasons"]').waitFor();
    expect(ratings()).toEqual([{ ticketId, level: 'unsatisfied', source: 'tablet', reasons: '[]', text: '' }]);
    await tablet.locator('.reason[data-reason="long_wait"]').tap();
    await tablet.locator('.reason-write').tap();
    for (const k of ['c', 'h', 'o']) await tablet.locator(`.vk-key[data-key="${k}"]`).first().dispatchEvent('pointerdown');
    await expect.poll(() => tablet.locator('[data-testid="reason-text"]').innerText()).toBe('cho');
    await tablet.screenshot({ path: join(SHOTS, 'rate-reasons.png') });
    await tablet.locator('.btn-send').tap();
    await tablet.locator('[data-screen="thanks"]').waitFor();
    expect(ratings()).toEqual([{ ticketId, level: 'unsatisfied', source: 'tablet', reasons: '["long_wait"]', text: 'cho' }]);

    // Back to idle by itself; touching a face again is refused clearly.
    await tablet.locator('[data-screen="idle"]').waitFor();
    await tablet.locator('.face-btn[data-level="very_satisfied"]').tap();
    await expect
      .poll(() => tablet.locator('[data-testid="refusal"]').innerText(), SLOW)
      .toBe('Lượt này đã được đánh giá. Cảm ơn quý khách! (This visit has already been rated.)');
    expect(ratings()).toHaveLength(1);

    // The head of the unit sees it in today's report, with its reason.
    const admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
    const today = server.app.ctx.queue.serviceDay();
    type Report = { tables: { key: string; rows: (string | number | null)[][] }[] };
    const report = await admin.get<Report>(`/api/reports/satisfaction?from=${today}&to=${today}&groupBy=day`);
    expect(report.status).toBe(200);
    const table = (key: string) => report.body.tables.find((t) => t.key === key)!.rows;
    expect(table('satisfaction_levels').find((r) => r[0] === 'Không hài lòng')?.[1]).toBe(1);
    expect(table('satisfaction_levels').find((r) => r[0] === 'Tổng cộng')?.[1]).toBe(1);
    expect(table('satisfaction_reasons').find((r) => r[0] === 'Thời gian chờ lâu')?.at(-1)).toBe(1);
  });

  it('a USB keypad digit rates the visit (1 = best), source keypad', async () => {
    await tablet.locator('[data-screen="idle"]').waitFor();
    const ticketId = await serveOne();
    await tablet.locator('[data-screen="faces"]').waitFor();
    await tablet.keyboard.press('1');
    await tablet.locator('[data-screen="thanks"]').waitFor();
    expect(ratings().at(-1)).toEqual({ ticketId, level: 'very_satisfied', source: 'keypad', reasons: '[]', text: '' });
  });

  it('in landscape the faces sit side by side', async () => {
    await tablet.setViewportSize({ width: 1280, height: 800 });
    await tablet.locator('[data-screen="idle"]').waitFor();
    await serveOne();
    await tablet.locator('[data-screen="faces"]').waitFor();
    const boxes = await Promise.all(
      ['very_satisfied', 'satisfied', 'unsatisfied'].map((l) => tablet.locator(`.face-btn[data-level="${l}"]`).boundingBox()),
    );
    expect(boxes.every((b) => b && Math.abs(b.y - boxes[0]!.y) < 2)).toBe(true);
    await tablet.screenshot({ path: join(SHOTS, 'rate-faces-landscape.png') });
  });

  it('an admin unpairs the tablet: it asks for a new code and its token no longer rates', async () => {
    const token = await tablet.evaluate(() => localStorage.getItem('quayso.rate.token.1'));
    const admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
    const [device] = server.app.ctx.ratings.devices.list();
    expect((await admin.request('DELETE', `/api/admin/ratings/devices/${device!.id}`, {})).status).toBe(204);
    await tablet.locator('[data-screen="pairing"]').waitFor();
    const c = new Client(server.url);
    c.headers = { 'x-rating-device': token ?? '' };
    expect((await c.post('/api/rate', { level: 'satisfied' })).status).toBe(401);
    // Both the officer's pairing and the admin's unpairing are in the audit log.
    const actions = server.app.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'rating_device.%' ORDER BY id").pluck().all();
    expect(actions).toEqual(['rating_device.pair', 'rating_device.unpair']);
  });
});
