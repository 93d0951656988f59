// Checks that package-lock.json is complete for every platform, so that `npm ci` installs
// the same tree on Linux x64/arm64, Windows and macOS: every optional dependency of every
// locked package (the per-platform binaries of @napi-rs/canvas, esbuild, argon2 …) has its
// own locked entry with an integrity hash. Exits 1 and names what is missing.
// Repair: `npm install --package-lock-only --no-audit --no-fund`, then run this again.
import { readFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const packages = lock.packages ?? {};
const problems = [];

/** Node's lookup: the dependency next to the package, then in each enclosing node_modules. */
function resolves(fromPath, name) {
  let base = fromPath;
  for (;;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (base === '') return false;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

if (lock.lockfileVersion < 2) problems.push(`lockfileVersion ${lock.lockfileVersion}: npm ≥ 7 lock expected`);
for (const [path, entry] of Object.entries(packages)) {
  if (path === '' || entry.link) continue;
  if (!entry.version || !entry.integrity) problems.push(`${path}: no version or integrity`);
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!resolves(path, name)) problems.push(`${path}: optional dependency ${name} is not in the lock`);
  }
}
if (problems.length > 0) {
  console.error(`package-lock.json is incomplete:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`package-lock.json: ${Object.keys(packages).length - 1} packages, every platform's optional package locked`);
