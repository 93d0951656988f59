import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, PublicService, QueueSnapshot } from '../../shared/contract';
import { createQuaySo } from '../../server/app';
import { ensureBuilt, launchBrowser } from '../helpers/browser';
import { loginAtCounter } from '../helpers/counterPage';
import { ADMIN_PASSWORD, Client, startTestServer } from '../helpers/server';

// The TV and the counter page through server restarts: back within 3 s of the server, however
// long it was away, and the calls made meanwhile are announced on the TV.

const dataDir = mkdtempSync(join(tmpdir(), 'quayso-reconnect-'));
let server: { close(): Promise<void> } | null = null;
let url: string;
let port: number;
let browser: Browser;
let admin: Client;
let services: PublicService[];
let display: Page;
let counter: Page;

interface AnnouncementLog {
  number: string;
  state: string;
}
interface ConnectionLog {
  online: boolean;
  at: number;
}

const issue = async (prefix: string) => {
  const serviceId = services.find((s) => s.prefix === prefix)?.id;
  const r = await admin.post<IssuedTicket>('/api/tickets', { serviceId });
  expect(r.status).toBe(201);
  return r.body;
};
const callNext = async (counterId: number) => {
  const r = await admin.post<{ current: { number: string } }>(`/api/counters/${counterId}/call-next`, {});
  expect(r.status).toBe(200);
  return r.body.current.number;
};
const announcements = (page: Page) =>
  page.evaluate(() => (window.__qsAnnouncements ?? []) as unknown as AnnouncementLog[]);

/** Stops the server; the pages notice it. */
async function stopServer() {
  await server?.close();
  server = null;
  await display.locator('.offline').waitFor({ timeout: 10_000 });
  await counter.locator('[data-testid="connection"].conn-off').waitFor({ timeout: 10_000 });
}

/** Starts it again on the same port and data directory (sessions and tickets kept); returns when it listened. */
async function startServer(): Promise<number> {
  const app = await createQuaySo({ dataDir, adminPassword: ADMIN_PASSWORD });
  await app.listen(port, '127.0.0.1');
  const listening = Date.now();
  server = app;
  return listening;
}

/**
 * Logs in the page, from now on, each time it goes offline or online (in the page, so the
 * test's own polling adds nothing): online while `selector` matches, or while it does not.
 */
function recordConnection(page: Page, selector: string, onlineWhenPresent: boolean) {
  return page.evaluate(
    ({ selector, onlineWhenPresent }) => {
      const isOnline = () => (document.querySelector(selector) !== null) === onlineWhenPresent;
      const log: { online: boolean; at: number }[] = [{ online: isOnline(), at: Date.now() }];
      (window as unknown as { __connection: typeof log }).__connection = log;
      new MutationObserver(() => {
        const now = isOnline();
        if (now !== log[log.length - 1]?.online) log.push({ online: now, at: Date.now() });
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    },
    { selector, onlineWhenPresent },
  );
}
const connectionLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { __connection: ConnectionLog[] }).__connection);
/** When the page last came online. */
const backOnlineAt = async (page: Page) => {
  const log = await connectionLog(page);
  const last = log[log.length - 1];
  expect(last?.online).toBe(true);
  return (last as ConnectionLog).at;
};

beforeAll(async () => {
  ensureBuilt();
  const first = await startTestServer({ dataDir });
  server = first;
  url = first.url;
  port = Number(new URL(url).port);
  browser = await launchBrowser();
  admin = await new Client(url).login('admin', ADMIN_PASSWORD);
  services = (await admin.get<QueueSnapshot>('/api/queue')).body.services;
  for (const p of ['A', 'A', 'A', 'B', 'B']) await issue(p);
  await callNext(1); // called before the TV is switched on

  display = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await display.goto(`${url}/display/`);
  await display.locator('.tv-main').waitFor();

  counter = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await counter.goto(`${url}/counter/`);
  await loginAtCounter(counter, 1);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('TV and counter through server restarts', () => {
  it('a TV switched on does not call out the calls made before', async () => {
    await display.waitForFunction(() => window.__qsDisplay?.lastCall != null);
    expect(await announcements(display)).toEqual([]);
  });

  it('calls made while the TV is reconnecting are highlighted and announced, in order', async () => {
    // The TV cannot reach the server until the calls are made, whatever its reconnect timing.
    const blocked = /\/socket\.io\//;
    await display.route(blocked, (route) => route.abort());
    await stopServer();
    await startServer();
    const atOne = await callNext(1);
    const atTwo = await callNext(2);
    await display.unroute(blocked);

    await display.locator('.offline').waitFor({ state: 'detached', timeout: 15_000 });
    await display.locator('.hero-flash [data-testid="latest-number"]').getByText(atTwo).waitFor({ timeout: 5000 });
    await display.waitForFunction(
      (n) => window.__qsAnnouncements?.some((a) => a.number === n && a.state === 'started'),
      atOne,
      { timeout: 10_000 },
    );
    const queued = (await announcements(display)).filter((a) => a.state === 'queued').map((a) => a.number);
    expect(queued).toEqual([atOne, atTwo]);
  });

  it('after a 12 s outage the TV and the counter are live again within 3 s of the server listening', async () => {
    await recordConnection(display, '.offline', false);
    await recordConnection(counter, '[data-testid="connection"].conn-on', true);
    await stopServer();
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    const listening = await startServer();

    await display.locator('.offline').waitFor({ state: 'detached', timeout: 20_000 });
    await counter.locator('[data-testid="connection"].conn-on').waitFor({ timeout: 20_000 });
    expect((await backOnlineAt(display)) - listening).toBeLessThan(3000);
    expect((await backOnlineAt(counter)) - listening).toBeLessThan(3000);
    // And really live: a call reaches the TV.
    const number = await callNext(1);
    await display.waitForFunction((n) => window.__qsDisplay?.lastCall?.number === n, number, { timeout: 5000 });
  }, 90_000);
});
