import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, PublicService, QueueSnapshot } from '../../shared/contract';
import { createQuaySo, type QuaySoApp } from '../../server/app';
import { ensureBuilt, launchBrowser } from '../helpers/browser';
import { loginAtCounter } from '../helpers/counterPage';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

const dataDir = mkdtempSync(join(tmpdir(), 'quayso-recovery-'));
let first: TestServer | null = null;
let restarted: QuaySoApp | null = null;
let url: string;
let browser: Browser;
let admin: Client;
let services: PublicService[];
let display: Page;
let counter: Page;

const issue = async (prefix: string) => {
  const serviceId = services.find((s) => s.prefix === prefix)?.id;
  const r = await admin.post<IssuedTicket>('/api/tickets', { serviceId });
  expect(r.status).toBe(201);
  return r.body;
};

beforeAll(async () => {
  ensureBuilt();
  [first, browser] = await Promise.all([startTestServer({ dataDir }), launchBrowser()]);
  url = first.url;
  admin = await new Client(url).login('admin', ADMIN_PASSWORD);
  services = (await admin.get<QueueSnapshot>('/api/queue')).body.services;

  display = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await display.goto(`${url}/display/?mute=1`);
  await display.locator('.tv-main').waitFor();

  counter = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await counter.goto(`${url}/counter/`);
  await loginAtCounter(counter, 1);
});

afterAll(async () => {
  await browser?.close();
  await first?.close();
  await restarted?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('recovery', () => {
  it('the display and the counter reconnect after a server restart and show fresh state by themselves', async () => {
    await issue('A');
    await issue('A');
    const port = Number(new URL(url).port);

    await first?.close();
    first = null;
    await display.locator('.offline').waitFor({ timeout: 15_000 });
    await counter.locator('[data-testid="connection"].conn-off').waitFor({ timeout: 15_000 });

    // Same port, same data directory: sessions and tickets are still there.
    restarted = await createQuaySo({ dataDir, adminPassword: ADMIN_PASSWORD });
    await restarted.listen(port, '127.0.0.1');

    // Changed while the pages were away or reconnecting: they must show it without a reload.
    const called = await admin.post<{ current: { number: string } }>('/api/counters/1/call-next', {});
    expect(called.status).toBe(200);
    const number = called.body.current.number;

    await display.waitForFunction((n) => window.__qsDisplay?.lastCall?.number === n, number, { timeout: 15_000 });
    await display.locator('.offline').waitFor({ state: 'detached' });
    await counter.locator('[data-testid="connection"].conn-on').waitFor({ timeout: 15_000 });
    await counter.locator(`[data-testid="current-number"]:text("${number}")`).waitFor({ timeout: 15_000 });

    // And live events flow again.
    await counter.keyboard.press('Space');
    await display.waitForFunction((n) => !!n && window.__qsDisplay?.lastCall?.number !== n, number, { timeout: 10_000 });
  });

  it('the counter asks for the login again when its session is gone', async () => {
    await counter.evaluate(() => fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' } }));
    await counter.waitForTimeout(1100); // past the call cool-down
    await counter.keyboard.press('Space');
    await counter.locator('input[name="username"]').waitFor({ timeout: 10_000 });
    expect(await counter.locator('.notice').innerText()).toContain('Phiên đăng nhập đã hết hạn');
  });
});
