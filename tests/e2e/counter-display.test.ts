import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, CounterView, IssuedTicket, PublicService, QueueSnapshot } from '../../shared/contract';
import { SHOTS, ensureBuilt, launchBrowser } from '../helpers/browser';
import { loginAtCounter } from '../helpers/counterPage';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';


let server: TestServer;
let browser: Browser;
let admin: Client;
let services: PublicService[];
let officerCtx: BrowserContext;
let counter: Page;
let display: Page;

interface AnnouncementLog {
  number: string;
  counterNumber: number | string;
  kind: string;
  state: string;
}

const service = (prefix: string) => services.find((s) => s.prefix === prefix) as PublicService;
const queue = async () => (await admin.get<QueueSnapshot>('/api/queue')).body;
const counterView = async (id: number) => (await admin.get<CounterView>(`/api/counters/${id}`)).body;
const issue = async (prefix: string) => {
  const r = await admin.post<IssuedTicket>('/api/tickets', { serviceId: service(prefix).id });
  expect(r.status).toBe(201);
  return r.body;
};
const announcements = (page: Page) =>
  page.evaluate(() => (window.__qsAnnouncements ?? []) as unknown as AnnouncementLog[]);
/** Waits until the desk has loaded and is idle (no action in flight). */
const idle = (page: Page) => page.locator('button[data-action="pause"]:not([disabled])').waitFor();

async function openCounter(ctx: BrowserContext, counterId: number, login: boolean): Promise<Page> {
  const page = await ctx.newPage();
  await page.addInitScript(() =>
    window.addEventListener('keydown', () => ((window as unknown as { __pressedAt: number }).__pressedAt = Date.now()), true),
  );
  await page.goto(`${server.url}/counter/`);
  if (login) {
    await loginAtCounter(page, counterId);
  } else {
    await page.locator('[data-testid="connection"].conn-on').waitFor();
  }
  await idle(page);
  return page;
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  services = (await queue()).services;
  display = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  // When each number first appeared as the display's latest call.
  await display.addInitScript(() => {
    const w = window as unknown as { __shownAt: Record<string, number> };
    w.__shownAt = {};
    let value: Window['__qsDisplay'];
    Object.defineProperty(window, '__qsDisplay', {
      configurable: true,
      get: () => value,
      set: (v: Window['__qsDisplay']) => {
        value = v;
        const n = v?.lastCall?.number;
        if (n && !(n in w.__shownAt)) w.__shownAt[n] = Date.now();
      },
    });
  });
  await display.goto(`${server.url}/display/`);
  await display.locator('.tv-main').waitFor();
  officerCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  counter = await openCounter(officerCtx, 1, true);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('counter page and TV display', () => {
  it('Space calls the next number: the display shows it within 1 s and queues its announcement', async () => {
    const first = await issue('A');
    await issue('A');
    await issue('E');

    await counter.keyboard.press('Space');
    await display.waitForFunction((n) => window.__qsDisplay?.lastCall?.number === n, first.ticket.number, {
      timeout: 10_000,
    });
    // Measured in the pages themselves (same machine clock), not through the test harness.
    const pressedAt = await counter.evaluate(() => (window as unknown as { __pressedAt: number }).__pressedAt);
    const shownAt = await display.evaluate(
      (n) => (window as unknown as { __shownAt: Record<string, number> }).__shownAt[n] ?? Infinity,
      first.ticket.number,
    );
    expect(shownAt - pressedAt).toBeLessThan(1000);
    expect(await display.locator('[data-testid="latest-number"]').textContent()).toBe(first.ticket.number);
    expect(await display.locator('[data-testid="counter-1-ticket"]').textContent()).toBe(first.ticket.number);

    const queued = (await announcements(display)).find((a) => a.number === first.ticket.number && a.state === 'queued');
    expect(queued).toMatchObject({ counterNumber: 1, kind: 'call' });

    expect((await counterView(1)).current?.number).toBe(first.ticket.number);
    await counter.locator(`[data-testid="current-number"]:text("${first.ticket.number}")`).waitFor();
  });

  it('R recalls, S marks a no-show and "Gọi lại vào hàng" puts it back', async () => {
    const number = (await counterView(1)).current?.number as string;
    await counter.keyboard.press('r');
    await expect.poll(async () => (await counterView(1)).current?.callCount).toBe(2);
    await expect
      .poll(async () => (await announcements(display)).some((a) => a.number === number && a.kind === 'recall'))
      .toBe(true);

    await idle(counter);
    await counter.keyboard.press('s');
    await expect.poll(async () => (await counterView(1)).current).toBeNull();
    const noShow = (await counterView(1)).noShows.find((t) => t.number === number);
    expect(noShow?.status).toBe('no_show');

    await counter.locator(`.noshow[data-ticket="${number}"] button`).click();
    await expect.poll(async () => (await queue()).tickets.find((t) => t.number === number)?.status).toBe('waiting');
    await counter.locator(`.noshow[data-ticket="${number}"]`).waitFor({ state: 'detached' });
  });

  it('B starts, T transfers to another field, P pauses and resumes', async () => {
    await idle(counter);
    await counter.keyboard.press('Space');
    await expect.poll(async () => (await counterView(1)).current?.status).toBe('called');
    const ticket = (await counterView(1)).current as NonNullable<CounterView['current']>;
    await counter.locator(`[data-testid="current-number"]:text("${ticket.number}")`).waitFor();

    await idle(counter);
    await counter.keyboard.press('b');
    await expect.poll(async () => (await counterView(1)).current?.status).toBe('serving');
    await counter.locator('.current-serving').waitFor();

    await idle(counter);
    await counter.keyboard.press('t');
    await counter.locator('[role="dialog"]').waitFor();
    await counter.screenshot({ path: join(SHOTS, 'counter-transfer.png') });
    await counter.locator(`.pick[data-service="${service('C').id}"]`).click();
    await expect.poll(async () => (await counterView(1)).current).toBeNull();
    const moved = (await queue()).tickets.find((t) => t.id === ticket.id);
    expect(moved).toMatchObject({ status: 'waiting', serviceId: service('C').id });
    await counter.locator('[data-testid="toast"]:has-text("Đã chuyển số")').waitFor();

    await idle(counter);
    await counter.keyboard.press('p');
    await expect.poll(async () => (await counterView(1)).counter.state).toBe('paused');
    await display.locator('[data-counter="1"] .board-paused').waitFor({ timeout: 10_000 });
    await counter.locator('button[data-action="next"][disabled]').waitFor();

    await idle(counter);
    await counter.keyboard.press('p');
    await expect.poll(async () => (await counterView(1)).counter.state).toBe('open');
    await counter.locator('button[data-action="next"]:not([disabled])').waitFor();
  });

  it('N calls a given number; a server error shows its Vietnamese message in a toast', async () => {
    const t = await issue('E');
    await idle(counter);
    await counter.keyboard.press('n');
    await counter.locator('.numpad-input').fill('Z999');
    await counter.keyboard.press('Enter');
    const toast = counter.locator('[data-testid="toast"].toast-error');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('Z999');

    await idle(counter);
    await counter.keyboard.press('n');
    // Short form: "E2" is resolved to the exact number ("E002").
    await counter.locator('.numpad-input').fill(t.ticket.number.replace(/^([A-Z])0+/, '$1'));
    await counter.screenshot({ path: join(SHOTS, 'counter-numpad.png') });
    await counter.keyboard.press('Enter');
    await expect.poll(async () => (await counterView(1)).current?.number).toBe(t.ticket.number);

    // The same pad reprints a ticket whose printout failed (here: the simulated printer).
    await idle(counter);
    await counter.keyboard.press('n');
    await counter.locator('.numpad-input').fill(t.ticket.number);
    await counter.locator('[data-testid="reprint"]').click();
    await counter.locator('[data-testid="toast"]', { hasText: 'Đã in lại phiếu' }).waitFor();
    const reprints = server.app.db.prepare("SELECT COUNT(*) FROM print_log WHERE kind = 'reprint'").pluck().get();
    expect(reprints).toBe(1);
  });

  it('a quick double press of Space calls one number only; a second browser on the counter stays in step', async () => {
    for (let i = 0; i < 3; i++) await issue('A');
    const second = await openCounter(officerCtx, 1, false); // same officer, remembered counter
    await idle(counter);
    const lastId = Math.max(0, ...(await queue()).lastCalls.map((c) => c.id));
    const newCalls = async (): Promise<CallRecord[]> =>
      (await queue()).lastCalls.filter((c) => c.id > lastId && c.counterId === 1 && c.kind === 'call');

    // Two key presses in the same instant, then a double click on the button.
    await counter.evaluate(() => {
      for (let i = 0; i < 2; i++) window.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', code: 'Space' }));
    });
    await counter.keyboard.press('Space');
    await counter.waitForTimeout(400);
    expect(await newCalls()).toHaveLength(1);
    const called = (await newCalls())[0] as CallRecord;
    await second.locator(`[data-testid="current-number"]:text("${called.number}")`).waitFor({ timeout: 10_000 });

    await counter.waitForTimeout(700); // past the call cool-down
    await counter.locator('button[data-action="next"]').dblclick();
    await counter.waitForTimeout(400);
    expect(await newCalls()).toHaveLength(2);

    // The other browser calls: the first one follows.
    const shown = (await counterView(1)).current?.number as string;
    await second.locator(`[data-testid="current-number"]:text("${shown}")`).waitFor({ timeout: 10_000 });
    await idle(second);
    await second.keyboard.press('Enter');
    await expect.poll(async () => (await newCalls()).length).toBe(3);
    const third = (await counterView(1)).current?.number as string;
    await counter.locator(`[data-testid="current-number"]:text("${third}")`).waitFor({ timeout: 10_000 });
    await second.close();
  });

  it('a second press within the call cool-down is ignored with a visible message, not silently', async () => {
    for (let i = 0; i < 2; i++) await issue('A');
    await idle(counter);
    await counter.waitForTimeout(1100); // past the cool-down of the calls of the test before
    const lastId = Math.max(0, ...(await queue()).lastCalls.map((c) => c.id));

    // Space, then Space again as soon as the called number shows: well within the cool-down.
    const toast = await counter.evaluate(async () => {
      const space = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', code: 'Space' }));
      const shown = () => document.querySelector('[data-testid="current-number"]')?.textContent ?? '';
      const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
      const until = async (ok: () => boolean) => {
        for (const end = Date.now() + 10_000; !ok() && Date.now() < end; ) await tick();
      };
      const before = shown();
      space();
      await until(() => shown() !== before);
      await tick();
      space();
      const message = () => [...document.querySelectorAll('[data-testid="toast"]')].find((t) => t.textContent?.includes('chờ 1 giây'));
      await until(() => message() !== undefined);
      return message()?.textContent ?? null;
    });
    expect(toast, 'no message about the ignored press').not.toBeNull();
    expect(toast).toContain('Vừa gọi số');
    const calls = (await queue()).lastCalls.filter((c) => c.id > lastId && c.counterId === 1);
    expect(calls).toHaveLength(1);
    expect(toast).toContain((calls[0] as CallRecord).number);
  });

  it('screenshots', async () => {
    // A realistic moment: several counters busy, one no-show, people waiting. The 'C' ticket
    // comes after a ticket was transferred into C: numbering of C is unaffected.
    for (const p of ['B', 'B', 'C', 'D', 'E', 'A']) await issue(p);
    const officer2 = await new Client(server.url).login('canbo2', OFFICER_PASSWORD);
    await officer2.post('/api/counters/2/call-next', {});
    await officer2.post('/api/counters/3/call-next', {});
    await officer2.post('/api/counters/3/skip', {});
    await officer2.post('/api/counters/3/call-next', {});
    await officer2.post('/api/counters/4/pause', {});
    await idle(counter);
    await counter.keyboard.press('s'); // the citizen called last did not come
    await counter.locator('.noshow').first().waitFor();
    await idle(counter);
    await counter.keyboard.press('Space');
    await counter.locator('.current-called').waitFor();
    await idle(counter);
    await counter.keyboard.press('b');
    await counter.locator('.current-serving').waitFor();
    await counter.mouse.move(0, 0);
    await counter.waitForTimeout(1200);
    await counter.screenshot({ path: join(SHOTS, 'counter.png') });
    await display.waitForTimeout(300);
    await display.screenshot({ path: join(SHOTS, 'display-landscape.png') });
    await display.setViewportSize({ width: 1080, height: 1920 });
    await display.waitForTimeout(300);
    await display.screenshot({ path: join(SHOTS, 'display-portrait.png') });
  });
});
