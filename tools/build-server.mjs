// Part of `npm run build`: compiles the server (server/main.ts and everything it imports from
// server/, drivers/ and shared/) into one plain ES module, dist/server/main.mjs, that
// `npm start` runs with plain node. Running the TypeScript through tsx at run time costs the
// server about 35 MB of resident memory (tsx's module hooks live in a thread of their own).
// Packages stay external (loaded from node_modules as usual). Each source file keeps its own
// `import.meta.url`, so paths found relative to a source file (migrations, the project root,
// fonts) are the same as when the server runs from source.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Replaces `import.meta.url`/`dirname`/`filename` in each bundled source file by its own location. */
const sourceLocation = {
  name: 'source-location',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

await build({
  absWorkingDir: ROOT,
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [sourceLocation],
  logLevel: 'warning',
});
console.log('dist/server/main.mjs built');
