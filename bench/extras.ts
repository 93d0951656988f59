import { join } from 'node:path';
import { benchPrinter } from './printer';
import { appJsGzipBytes } from './bundles';
import { soak } from './soak';
import { cardReadBench } from './cardRead';

export interface ExtraContext {
  serverUrl: string;
  serverPid: number;
  cookie: string;
  webDir: string;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** The figures the later issues add to the benchmark, printed in order. */
export const extras: ((ctx: ExtraContext) => Promise<void>)[] = [
  async () => {
    // From the QR scan with the card on the reader to the verified identity at the server (issue 11).
    for (const line of await cardReadBench()) console.log(line);
  },
  async () => {
    const r = await benchPrinter(200);
    console.log(
      `ticket render + ESC/POS encode: median ${r.medianMs.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms (target median ≤ 30 ms)`,
    );
  },
  async ({ webDir }) => {
    console.log(`kiosk JavaScript gzipped: ${kb(appJsGzipBytes(webDir, 'kiosk/index.html'))} KB (target ≤ 60 KB)`);
    console.log(`display JavaScript gzipped: ${kb(appJsGzipBytes(webDir, 'display/index.html'))} KB (target ≤ 60 KB)`);
  },
  async ({ serverUrl, serverPid, cookie }) => {
    const minutes = Number(process.env.SOAK_MINUTES ?? 10);
    if (minutes <= 0) return console.log('soak: skipped (SOAK_MINUTES=0)');
    const clients = Number(process.env.BENCH_CLIENTS ?? 300);
    const r = await soak({ url: serverUrl, pid: serverPid, cookie, clients, minutes });
    const mb = (n: number) => n.toFixed(0);
    console.log(
      `soak: ${clients} socket clients for ${minutes} min, a call every second (${r.calls} calls), ` +
        `from ${r.waiting} waiting tickets (a ${mb(r.snapshotKb)} KB snapshot to each client on connect): ` +
        `server RSS ${mb(r.startMb)} MB at start, ${mb(r.endMb)} MB at end, at most ${mb(Math.max(...r.samplesMb, r.endMb))} MB ` +
        `(target ≤ 150 MB, flat); every client received ≥ ${r.minReceived} calls`,
    );
    console.log(`  server RSS each minute (MB): ${[...r.samplesMb, r.endMb].map(mb).join(', ')}; bench clients' own RSS ${mb(r.benchMb)} MB`);
  },
];

export const WEB_DIR = join(import.meta.dirname, '..', 'dist', 'web');
