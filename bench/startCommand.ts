import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/**
 * The node arguments `npm start` runs the server with (the last step of its script,
 * `node <flags> dist/server/main.mjs`), so that the bench measures the server exactly as
 * an office runs it: built, with the same V8 flags.
 */
export function startNodeArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const last = pkg.scripts?.start?.split('&&').pop()?.trim().split(/\s+/) ?? [];
  const [command, ...args] = last;
  const script = args.at(-1);
  if (command !== 'node' || !script?.endsWith('.mjs')) throw new Error(`npm start does not end with "node … <script>.mjs": ${last.join(' ')}`);
  return [...args.slice(0, -1), join(ROOT, script)];
}
