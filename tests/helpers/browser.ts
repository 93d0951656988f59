import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT_DIR, WEB_DIR } from '../../server/app';

/** Debian's Chromium, headless, with the flags this network needs (no background traffic). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      ...extraArgs,
    ],
  });
}

/**
 * Where the e2e tests save their screenshots: `tmp/screenshots` (git-ignored), so a test
 * run leaves the working tree clean; with `SCREENSHOTS=docs` (`npm run screenshots`) the
 * committed `docs/screenshots/`, refreshed on purpose.
 */
export const SHOTS =
  process.env.SCREENSHOTS === 'docs' ? join(ROOT_DIR, 'docs', 'screenshots') : join(ROOT_DIR, 'tmp', 'screenshots');

/** `npm test` builds before the tests; a single test file run alone builds here if nothing was ever built. */
export function ensureBuilt(): void {
  if (!existsSync(join(WEB_DIR, '.vite', 'manifest.json'))) {
    execFileSync('npx', ['vite', 'build', '--outDir', WEB_DIR], { cwd: ROOT_DIR, stdio: 'ignore' });
  }
  mkdirSync(SHOTS, { recursive: true });
}

/** Fills and sends the login form that `page` shows (admin, counter). */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}
