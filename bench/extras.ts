import { join } from 'node:path';
import { benchPrinter } from './printer';
import { appJsGzipBytes } from './bundles';
import { soak } from './soak';

export interface ExtraContext {
  serverUrl: string;
  serverPid: number;
  cookie: string;
  webDir: string;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** The figures issues 3 and 4 add to the benchmark, printed in order. */
export const extras: ((ctx: ExtraContext) => Promise<void>)[] = [
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
    console.log(
      `soak: ${clients} socket clients for ${minutes} min, a call every second (${r.calls} calls): ` +
        `server RSS ${r.startMb.toFixed(0)} MB at start, ${r.endMb.toFixed(0)} MB at end; ` +
        `every client received ≥ ${r.minReceived} calls`,
    );
  },
];

export const WEB_DIR = join(import.meta.dirname, '..', 'dist', 'web');
