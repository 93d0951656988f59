import type { Page } from 'playwright-core';
import { OFFICER_PASSWORD } from './server';

/** Logs a counter page in as a seeded officer and picks the counter; resolves once it is live. */
export async function loginAtCounter(page: Page, counterNumber: number, username = 'canbo1'): Promise<void> {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(OFFICER_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.locator(`.pick[data-counter="${counterNumber}"]`).click();
  await page.locator('[data-testid="connection"].conn-on').waitFor();
}
