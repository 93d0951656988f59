import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, PublicService, QueueSnapshot } from '../../shared/contract';
import { ensureBuilt, launchBrowser } from '../helpers/browser';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let admin: Client;
let services: PublicService[];
const errors: string[] = [];

interface AnnouncementLog {
  number: string;
  counterNumber: number | string;
  state: string;
  reason?: string;
}

const service = (prefix: string) => services.find((s) => s.prefix === prefix) as PublicService;
const issue = async (prefix: string) => (await admin.post<IssuedTicket>('/api/tickets', { serviceId: service(prefix).id })).body;
const callNext = async (counterId: number) => {
  const r = await admin.post<{ current: { number: string } }>(`/api/counters/${counterId}/call-next`, {});
  expect(r.status).toBe(200);
  return r.body.current.number;
};
const lastCall = (page: Page) => page.evaluate(() => window.__qsDisplay?.lastCall?.number ?? null);

async function openDisplay(query = '', opts: { fakeClock?: Date } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (e) => errors.push(e.message));
  if (opts.fakeClock) await page.clock.install({ time: opts.fakeClock });
  await page.goto(`${server.url}/display/${query}`);
  await page.locator('.tv-main').waitFor();
  return page;
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  services = (await admin.get<QueueSnapshot>('/api/queue')).body.services;
  for (const p of ['A', 'A', 'B', 'B', 'C']) await issue(p);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('TV display', () => {
  it('limits itself to the counters and fields in its URL, and ?mute=1 silences it', async () => {
    const all = await openDisplay();
    const only2 = await openDisplay('?counters=2&mute=1');
    const onlyB = await openDisplay('?services=B');
    expect(await only2.locator('.board-row').count()).toBe(1);
    expect(await only2.locator('.board-row[data-counter="2"]').count()).toBe(1);
    expect(await onlyB.locator('.field-row').count()).toBe(1);
    expect(await onlyB.locator(`.field-row[data-service="${service('B').id}"]`).count()).toBe(1);

    const atOne = await callNext(1); // an A ticket at counter 1
    await all.waitForFunction((n) => window.__qsDisplay?.lastCall?.number === n, atOne, { timeout: 10_000 });
    await all.waitForFunction(() => window.__qsAnnouncements?.some((a) => a.state === 'started'), null, { timeout: 10_000 });
    expect(await lastCall(only2)).toBeNull();
    expect(await lastCall(onlyB)).toBeNull();

    const atTwo = await callNext(2); // a B ticket at counter 2
    for (const page of [all, only2, onlyB]) {
      await page.waitForFunction((n) => window.__qsDisplay?.lastCall?.number === n, atTwo, { timeout: 10_000 });
    }
    const muted = (await only2.evaluate(() => window.__qsAnnouncements ?? [])) as unknown as AnnouncementLog[];
    expect(muted.filter((a) => a.number === atOne)).toEqual([]);
    expect(muted.find((a) => a.number === atTwo && a.state === 'skipped')).toMatchObject({ reason: 'muted', counterNumber: 2 });
    expect(await all.locator('[data-testid="counter-2-ticket"]').textContent()).toBe(atTwo);
    expect(await onlyB.locator(`[data-testid="waiting-${service('B').id}"]`).textContent()).toBe('1');
    await Promise.all([all.close(), only2.close(), onlyB.close()]);
  });

  it('a display profile in the office settings scopes the TV and sets its voice; admin changes reach it live', async () => {
    const office = (await admin.get<Record<string, unknown>>('/api/admin/office')).body;
    const setDisplay = async (display: unknown) => {
      // Every change starts from the office as first read: sent without its version.
      const r = await admin.put('/api/admin/office', { ...office, version: undefined, settings: { display } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await setDisplay({ repeat: 3, profiles: [{ key: 'tang-2', name: 'Tầng 2 – Trả kết quả', counters: [4] }] });
    const page = await openDisplay('?profile=tang-2');
    const unknown = await openDisplay('?profile=tang-9&mute=1');
    expect(await page.locator('.profile-badge').textContent()).toBe('Tầng 2 – Trả kết quả');
    expect(await page.locator('.board-row').count()).toBe(1);
    expect(await page.locator('.board-row[data-counter="4"]').count()).toBe(1);
    expect(await unknown.locator('.profile-missing').textContent()).toContain('tang-9');
    expect(await unknown.locator('.board-row').count()).toBe(4);

    const t = await issue('C');
    expect((await admin.post('/api/counters/4/call-number', { number: t.ticket.number })).status).toBe(200);
    const started = (n: string) =>
      page.waitForFunction((x) => window.__qsAnnouncements?.find((a) => a.number === x && a.state === 'started'), n, {
        timeout: 10_000,
      });
    expect(await (await started(t.ticket.number)).jsonValue()).toMatchObject({ counterNumber: 4, repeat: 3, secondLang: null });

    // The admin moves this TV to counters 1 and 3, muted: no reload, no touch.
    await setDisplay({ repeat: 1, profiles: [{ key: 'tang-2', name: 'Tầng 2', counters: [1, 3], muted: true }] });
    await expect.poll(() => page.locator('.board-row').count()).toBe(2);
    expect(await page.locator('.profile-badge').textContent()).toBe('Tầng 2');
    const t2 = await issue('C');
    const c3 = await admin.post('/api/counters/3/call-number', { number: t2.ticket.number });
    expect(c3.status, JSON.stringify(c3.body)).toBe(200);
    // Shown (counter 3 is now in scope) and queued behind the call still being said; when its
    // turn comes it is skipped, as the profile is muted now.
    await page.waitForFunction((x) => window.__qsDisplay?.lastCall?.number === x, t2.ticket.number, { timeout: 10_000 });
    await page.waitForFunction(
      (x) => window.__qsAnnouncements?.some((a) => a.number === x && a.state === 'queued'),
      t2.ticket.number,
      { timeout: 10_000 },
    );
    expect(await page.evaluate(() => window.__qsDisplay?.options)).toMatchObject({ muted: true, repeat: 1, counters: [1, 3] });
    await setDisplay({});
    await Promise.all([page.close(), unknown.close()]);
  });

  it('flashes a new call for about 6 s, keeps a live clock and reloads itself once a day at 03:00', async () => {
    // 23:58 in Hồ Chí Minh City (UTC+7).
    const page = await openDisplay('?mute=1', { fakeClock: new Date('2026-03-01T16:58:00Z') });
    expect(await page.locator('.clock-time').textContent()).toMatch(/^23:5[89]:\d\d$/);
    expect(await page.locator('.clock-date').textContent()).toBe('Chủ nhật, 01/03/2026');

    const number = await callNext(3);
    await page.locator('.hero-flash [data-testid="latest-number"]').getByText(number).waitFor({ timeout: 10_000 });
    await page.clock.runFor(6500);
    expect(await page.locator('.hero-flash').count()).toBe(0);
    expect(await page.locator('[data-testid="latest-number"]').textContent()).toBe(number);

    // Up for 3 hours, then 03:00 comes: the page reloads (a fresh document has no marker).
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.clock.fastForward('03:01:00');
    const reloaded = page.waitForEvent('load', { timeout: 15_000 });
    await page.clock.runFor(120_000);
    await reloaded;
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    await page.close();
    expect(errors).toEqual([]);
  });
});
