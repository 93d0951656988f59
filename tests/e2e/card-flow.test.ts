import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardReaderState, CitizenAccessEntry, CounterCitizen } from '../../shared/cards';
import { NAMESPACES, type IssuedTicket, type QueueSnapshot } from '../../shared/contract';
import { SHOTS, ensureBuilt, launchBrowser, logIn } from '../helpers/browser';
import { loginAtCounter } from '../helpers/counterPage';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

/**
 * The chip-card flow end to end, in headless Chromium, with the server's default simulated
 * reader at the kiosk without an id: the admin places the test card, the kiosk greets the
 * masked name, the ticket is linked, the officer serving it sees the identity, and nothing
 * public carries any of it.
 */

let server: TestServer;
let browser: Browser;
let admin: Client;
let kiosk: Page;
let display: Page;
let readerKey: string;
/** Every payload the public socket sent during the whole flow, as JSON. */
const publicTraffic: string[] = [];
let publicSocket: Socket;

/** What the counter showed, to look for everywhere else. */
const seen = { fullName: '', idNumber: '', birthDate: '', number: '', publicCode: '', greeting: '' };

const readers = async () => (await admin.get<CardReaderState[]>('/api/admin/card-readers')).body;
const testCard = async (method: 'POST' | 'DELETE', body: { wrongKey?: boolean } = {}) => {
  const r = await admin.request(method, `/api/admin/card-readers/${encodeURIComponent(readerKey)}/test-card`, body);
  expect(r.status).toBeLessThan(300);
};
const cardPresent = async () => (await readers()).find((r) => r.key === readerKey)?.cardPresent;
const SLOW = { timeout: 8000 };

/** Fails with the place where a personal datum shows up. */
function expectNoPersonalData(where: string, text: string) {
  for (const [what, value] of [
    ['full name', seen.fullName],
    ['ID number', seen.idNumber],
    ['birth date', seen.birthDate],
  ] as const) {
    expect(value, `${what} was read from the counter page`).not.toBe('');
    expect(text.includes(value), `${where} contains the ${what}`).toBe(false);
  }
}

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
  const simulated = (await readers()).find((r) => r.protocol === 'simulated' && r.place.kind === 'kiosk' && r.place.kioskId === null);
  expect(simulated, 'the default simulated reader at the kiosk without an id').toBeDefined();
  readerKey = simulated?.key ?? '';

  publicSocket = io(`${server.url}${NAMESPACES.public}`, { transports: ['websocket'], reconnection: false });
  publicSocket.onAny((event: string, ...args: unknown[]) => publicTraffic.push(`${event} ${JSON.stringify(args)}`));
  await new Promise<void>((resolve) => publicSocket.once('connect', () => resolve()));

  display = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await display.goto(`${server.url}/display/`);
  await display.locator('.tv-main').waitFor();

  kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  kiosk.setDefaultTimeout(10_000);
  await kiosk.goto(`${server.url}/kiosk/`);
  await kiosk.locator('.tile[data-prefix="A"]:not([disabled])').waitFor();
});

afterAll(async () => {
  publicSocket?.close();
  await browser?.close();
  await server?.close();
});

describe('chip card: kiosk → counter, and nowhere else', () => {
  it('the kiosk greets the holder of the test card by a masked name', async () => {
    await testCard('POST');
    const greeting = kiosk.locator('[data-testid="card-greeting"]');
    await greeting.waitFor();
    const text = (await greeting.textContent()) ?? '';
    expect(text).toMatch(/^Xin chào \S+( \p{Lu}\.)+$/u);
    seen.greeting = text.replace(/^Xin chào /, '');
    expect(await kiosk.locator('[data-testid="card-verified"]').textContent()).toContain('Đã xác thực bằng chip');
    // The tiles stay usable below the greeting.
    await kiosk.locator('.tile[data-prefix="A"]:not([disabled])').waitFor();
    await kiosk.screenshot({ path: join(SHOTS, 'kiosk-card-greeting.png') });
    await expect.poll(cardPresent, SLOW).toBe(true);
  });

  it('the ticket taken while greeted carries the citizen to the officer who calls it', async () => {
    const issued = kiosk.waitForResponse((r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST');
    await kiosk.locator('.tile[data-prefix="A"]').click();
    const response = await issued;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toMatchObject({ cardReadId: expect.any(String) });
    const body = (await response.json()) as IssuedTicket;
    seen.number = body.ticket.number;
    seen.publicCode = body.publicCode;
    await kiosk.locator(`.ticket-number:text("${seen.number}")`).waitFor();

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const counter = await ctx.newPage();
    await counter.goto(`${server.url}/counter/`);
    await loginAtCounter(counter, 1);
    await counter.locator('button[data-action="pause"]:not([disabled])').waitFor();
    await counter.keyboard.press('Space');
    await counter.locator(`[data-testid="current-number"]:text("${seen.number}")`).waitFor();

    const card = counter.locator('[data-testid="citizen"]');
    await card.waitFor();
    seen.fullName = ((await card.locator('[data-testid="citizen-name"]').textContent()) ?? '').trim();
    seen.idNumber = ((await card.locator('[data-testid="citizen-id"]').textContent()) ?? '').trim();
    seen.birthDate = ((await card.locator('[data-testid="citizen-birth"]').textContent()) ?? '').trim();
    expect(seen.idNumber).toMatch(/^\d{12}$/);
    expect(seen.birthDate).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    // The greeting was the masked form of this very name: family name, then initials.
    const [family, ...rest] = seen.fullName.split(/\s+/);
    expect(seen.greeting).toBe([family, ...rest.map((w) => `${w.charAt(0).toLocaleUpperCase('vi')}.`)].join(' '));
    expect(await card.locator('[data-testid="citizen-check"]').getAttribute('data-check')).toBe('verified');
    expect(await card.locator('[data-testid="citizen-check"]').textContent()).toContain('Đã xác thực chip');
    // Only in the current-ticket panel: the queue lists never show it.
    expect(await counter.locator('.desk-right').innerText()).not.toContain(seen.fullName);
    await counter.screenshot({ path: join(SHOTS, 'counter-citizen.png') });

    // The officer's look was recorded, with the ID masked.
    const log = (await admin.get<CitizenAccessEntry[]>('/api/admin/citizens/access-log')).body;
    const entry = log.find((e) => e.ticketNumber === seen.number && e.action === 'view');
    expect(entry).toMatchObject({ officerName: 'Nguyễn Thị Lan' });
    const current = (await admin.get<CounterCitizen>('/api/counters/1/citizen')).body;
    expect(current.citizen).toMatchObject({ fullName: seen.fullName, idNumber: seen.idNumber, check: 'verified' });
    expect(entry?.idNumber).not.toBe(seen.idNumber);
    expect(entry?.idNumber.slice(-4)).toBe(seen.idNumber.slice(-4));
    await ctx.close();
  });

  it('the TV display, the phone page, /api/queue and the /public socket carry none of it', async () => {
    await display.locator(`[data-testid="latest-number"]:text("${seen.number}")`).waitFor();
    expectNoPersonalData('the TV display', `${await display.innerText('body')}\n${await display.content()}`);

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    const phoneApi = phone.waitForResponse((r) => r.url().includes(`/api/t/${seen.publicCode}`));
    await phone.goto(`${server.url}/t/${seen.publicCode}`);
    const phoneJson = await (await phoneApi).text();
    await phone.locator(`text=${seen.number}`).first().waitFor();
    expectNoPersonalData('the phone page', `${await phone.innerText('body')}\n${await phone.content()}\n${phoneJson}`);
    await phone.close();

    const anonymous = new Client(server.url);
    const q = await anonymous.get<QueueSnapshot>('/api/queue');
    // The ticket itself is there (the walk looks at the right data), its citizen is not.
    expect(q.body.counters.find((c) => c.currentTicket?.number === seen.number)).toBeDefined();
    expectNoPersonalData('/api/queue', JSON.stringify(q.body));
    expectNoPersonalData('/api/t/:code', JSON.stringify((await anonymous.get(`/api/t/${seen.publicCode}`)).body));
    expectNoPersonalData('/api/health', JSON.stringify((await anonymous.get('/api/health')).body));

    const snapshot = await publicSocket.timeout(5000).emitWithAck('snapshot:get');
    expect(JSON.stringify(snapshot)).toContain(seen.number);
    expect(publicTraffic.some((p) => p.includes(seen.number))).toBe(true);
    expectNoPersonalData('the /public socket', `${JSON.stringify(snapshot)}\n${publicTraffic.join('\n')}`);
    // The kiosk itself only ever shows the masked greeting.
    expectNoPersonalData('the kiosk', `${await kiosk.innerText('body')}\n${await kiosk.content()}`);
  });

  it('taking the card off the reader forgets the greeting', async () => {
    await testCard('DELETE');
    await expect.poll(cardPresent, SLOW).toBe(false);
    // A new citizen lays the card: the kiosk leaves the previous ticket and greets.
    await testCard('POST');
    await kiosk.locator('[data-testid="card-greeting"]').waitFor();
    await testCard('DELETE');
    await kiosk.locator('[data-testid="card-greeting"]').waitFor({ state: 'detached' });
    await kiosk.locator('[data-screen="home"] .prompt').waitFor();
    expect(await kiosk.innerText('body')).not.toContain(seen.greeting);
  });

  it('a card that cannot be read gives a calm message, and nothing of the citizen', async () => {
    await testCard('POST', { wrongKey: true });
    const failed = kiosk.locator('[data-card="failed"]');
    await failed.waitFor();
    expect(await failed.locator('[data-testid="card-failed-message"]').textContent()).toMatch(/thẻ/i);
    expect(await kiosk.locator('[data-testid="card-greeting"]').count()).toBe(0);
    await kiosk.screenshot({ path: join(SHOTS, 'kiosk-card-failed.png') });
    // The tiles stay usable: the citizen can still take a number without the card.
    await kiosk.locator('.tile[data-prefix="A"]:not([disabled])').waitFor();
    await testCard('DELETE');
    await failed.waitFor({ state: 'detached' });
  });

  it('the idle kiosk says that a card may be placed on its reader', async () => {
    const hint = kiosk.locator('[data-testid="card-hint"]');
    await hint.waitFor();
    expect(await hint.textContent()).toContain('Có thể đặt thẻ CCCD lên đầu đọc');
  });
});

describe('admin: card readers section', () => {
  let page: Page;

  beforeAll(async () => {
    // Tall enough that the screenshot shows the readers, their configuration and the access log.
    page = await browser.newPage({ viewport: { width: 1366, height: 1320 } });
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/admin/#card-readers`);
    await logIn(page, 'admin', ADMIN_PASSWORD);
    await page.locator('main[data-section="card-readers"]').waitFor();
  });

  it('places and removes the test card, and shows the reader state live', async () => {
    const state = page.locator(`[data-testid="reader-state"][data-key="${readerKey}"]`);
    await state.locator('[data-testid="place-test-card"]:not([disabled])').waitFor();
    expect(await state.getAttribute('data-connected')).toBe('true');
    const before = (await readers()).find((r) => r.key === readerKey)?.cardsRead ?? 0;

    await state.locator('[data-testid="place-test-card"]').click();
    await page.locator(`[data-testid="reader-state"][data-key="${readerKey}"][data-card="true"]`).waitFor();
    await expect.poll(async () => (await readers()).find((r) => r.key === readerKey)?.cardsRead, SLOW).toBe(before + 1);
    await expect.poll(() => state.locator('[data-testid="reader-counts"]').textContent(), SLOW).toContain(`${before + 1} /`);
    await kiosk.locator('[data-testid="card-greeting"]').waitFor();
    // The access log lists the officer's look at the ticket of the first test.
    await page.locator(`[data-testid="citizen-access-log"] td:text("${seen.number}")`).first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'admin-card-readers.png') });

    await state.locator('[data-testid="remove-test-card"]').click();
    await page.locator(`[data-testid="reader-state"][data-key="${readerKey}"][data-card="false"]`).waitFor();
    await kiosk.locator('[data-testid="card-greeting"]').waitFor({ state: 'detached' });
  });

  it('adds a reader at a counter through the form, saved in settings.cardReaders', async () => {
    const form = page.locator('[data-testid="card-readers-form"]');
    // Nothing saved yet: the form starts from the built-in simulated reader, and says so.
    await form.locator('[data-testid="readers-default"]').waitFor();
    expect(await form.locator('input[name="reader-key-0"]').inputValue()).toBe(readerKey);
    const index = await form.locator('fieldset.profile').count();
    await form.locator('[data-testid="add-card-reader"]').click();
    await form.locator(`input[name="reader-key-${index}"]`).fill('quay-2-qr');
    await form.locator(`select[name="reader-protocol-${index}"]`).selectOption('simulated');
    await form.locator(`select[name="reader-place-${index}"]`).selectOption('counter');
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('[data-testid="save-status"].status-error').textContent()).toContain('chưa chọn quầy');

    await form.locator(`select[name="reader-counter-${index}"]`).selectOption('2');
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-testid="save-status"].status-ok').waitFor();
    const office = (await admin.get<{ settings: { cardReaders?: unknown[] } }>('/api/admin/office')).body;
    await form.locator('[data-testid="readers-default"]').waitFor({ state: 'detached' });
    expect(office.settings.cardReaders).toContainEqual({ key: readerKey, protocol: 'simulated', path: '', place: { kind: 'kiosk', kioskId: null } });
    expect(office.settings.cardReaders).toContainEqual({
      key: 'quay-2-qr',
      protocol: 'simulated',
      path: '',
      place: { kind: 'counter', counterNumber: 2 },
    });
    await page.locator('[data-testid="reader-state"][data-key="quay-2-qr"]').waitFor();
  });

  it('erases a citizen on request after a confirmation', async () => {
    const erase = page.locator('[data-testid="citizen-erase"]');
    await erase.locator('input[name="erase-id"]').fill(seen.idNumber);
    await erase.locator('button[type="submit"]').click();
    await erase.locator('[data-testid="erase-confirm"]').click();
    await erase.locator('[data-testid="erase-status"].status-ok').waitFor();
    expect((await admin.get<CounterCitizen>('/api/counters/1/citizen')).body.citizen).toBeNull();
    const log = (await admin.get<CitizenAccessEntry[]>('/api/admin/citizens/access-log')).body;
    expect(log.some((e) => e.action === 'erase')).toBe(true);
  });
});
