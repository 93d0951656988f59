import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

interface ManifestEntry {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

/** Gzipped size (bytes) of an app's JavaScript: its entry chunk plus every chunk it imports. */
export function appJsGzipBytes(webDir: string, entryHtml: string): number {
  const manifest = JSON.parse(readFileSync(join(webDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestEntry>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  if (!manifest[entryHtml]) throw new Error(`no ${entryHtml} in the Vite manifest: run npm run build`);
  visit(entryHtml);
  let total = 0;
  for (const key of seen) {
    const file = manifest[key]?.file;
    if (file?.endsWith('.js')) total += gzipSync(readFileSync(join(webDir, file)), { level: 9 }).length;
  }
  return total;
}
