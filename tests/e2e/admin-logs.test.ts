import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentProblems } from '../../server/log';
import type { IssuedTicket } from '../../shared/contract';
import { SHOTS, ensureBuilt, launchBrowser, logIn } from '../helpers/browser';
import { RawSocketIo } from '../helpers/rawSocket';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  // A printer that refuses connections: every ticket logs a printer fault.
  [server, browser] = await Promise.all([startTestServer({ printer: 'tcp://127.0.0.1:1' }), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('admin page: system log', () => {
  it('shows the recent warnings and errors, newest first, and can hide the warnings', async () => {
    // A warning: a device on the LAN that floods refused connects is dropped.
    const dropped = new Promise<void>((resolve) => {
      const stop = recentProblems.subscribe((e) => {
        if (!e.msg.startsWith('realtime: dropped client')) return;
        stop();
        resolve();
      });
    });
    const raw = await RawSocketIo.open(Number(new URL(server.url).port));
    await raw.send(Array.from({ length: 5000 }, () => '40/staff,'));
    raw.drain();
    await raw.closed;
    await dropped;
    // Then an error: a ticket that could not be printed.
    const issued = await new Client(server.url).post<IssuedTicket>('/api/tickets', { serviceId: 1 });
    expect(issued.status).toBe(201);

    await page.goto(`${server.url}/admin/#logs`);
    await logIn(page, 'admin', ADMIN_PASSWORD);
    const section = page.locator('main[data-section="logs"]');
    const rows = section.locator('[data-testid="log-rows"] tbody tr');
    await rows.filter({ hasText: 'printer fault' }).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => rows.filter({ hasText: 'realtime: dropped client' }).count()).toBeGreaterThan(0);
    const first = rows.first();
    expect(await first.getAttribute('data-level')).toBe('error');
    expect(await first.textContent()).toContain(`ticket: ${issued.body.ticket.number}`);
    await page.screenshot({ path: join(SHOTS, 'admin-logs.png') });

    await section.locator('select[name="level"]').selectOption('error');
    await expect.poll(() => rows.filter({ hasText: 'realtime: dropped client' }).count()).toBe(0);
    expect(await rows.filter({ hasText: 'printer fault' }).count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
