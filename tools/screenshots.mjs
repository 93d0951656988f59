// `npm run screenshots`: runs the end-to-end tests with SCREENSHOTS=docs, so that they save
// their screenshots in docs/screenshots/ (a normal test run saves them in tmp/screenshots/).
// Extra arguments go to vitest, e.g. `npm run screenshots -- tests/e2e/kiosk.test.ts`.
import { spawnSync } from 'node:child_process';

const files = process.argv.slice(2);
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...(files.length > 0 ? files : ['tests/e2e'])], {
  stdio: 'inherit',
  env: { ...process.env, SCREENSHOTS: 'docs' },
});
process.exit(r.status ?? 1);
