// Runs the whole vitest suite and ends with one plain summary line ("Tests: N passed, N failed,
// N skipped") that CI can read whatever the runner prints above it. Exits with vitest's code.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = 'tmp/vitest-results.json';
mkdirSync('tmp', { recursive: true });
rmSync(out, { force: true });
const r = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
let summary = 'Tests: no results (vitest did not write its report)';
try {
  const j = JSON.parse(readFileSync(out, 'utf8'));
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  summary = `Tests: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${skipped} skipped`;
} catch {
  // keep the message above
}
console.log(`\n${summary}`);
process.exit(r.status ?? 1);
