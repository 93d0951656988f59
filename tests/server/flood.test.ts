import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { killHard, spawnServer, type SpawnedServer } from '../helpers/spawn';
import { RawSocketIo } from '../helpers/rawSocket';
import type { QueueSnapshot } from '../../shared/contract';

const dataDir = mkdtempSync(join(tmpdir(), 'quayso-flood-'));
let server: SpawnedServer | null = null;
afterAll(async () => {
  if (server) await killHard(server.proc);
  rmSync(dataDir, { recursive: true, force: true });
});

const WAVES = 10;
const FLOODERS = 6;
const REQUESTS_EACH = 10_000;
const TICKETS = 100;

/** The resident memory of a process in MB (0 once it is gone). */
function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function api(url: string, method: string, path: string, cookie: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '', body: (await res.json()) as unknown };
}

describe('realtime flood', () => {
  it('drops clients that flood snapshot:get without reading; memory and /api/health stay fine', async () => {
    // A small heap: the old code died of it within seconds instead of eating the machine's RAM.
    server = await spawnServer({
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: 'flood-test-admin',
      PRINTER: 'none',
      NODE_OPTIONS: '--max-old-space-size=512',
    });
    const { url, proc, output } = server;
    const pid = proc.pid ?? 0;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const port = Number(new URL(url).port);
    const login = await api(url, 'POST', '/api/auth/login', '', { username: 'admin', password: 'flood-test-admin' });
    const cookie = login.cookie;
    const office = (await api(url, 'GET', '/api/admin/office', cookie)).body as object;
    expect((await api(url, 'PUT', '/api/admin/office', cookie, { ...office, ticketRateLimitPerMinute: 0 })).status).toBe(200);

    // A busy morning: the snapshot, which every ack used to serialise again, is some 20 KB.
    let issued = 0;
    await Promise.all(
      Array.from({ length: 32 }, async (_, w) => {
        for (let i = w; i < TICKETS; i += 32) {
          const r = await api(url, 'POST', '/api/tickets', '', { serviceId: 1 + (i % 5) });
          if (r.status === 201) issued++;
        }
      }),
    );
    expect(issued).toBe(TICKETS);
    const baseline = rssMb(pid);

    // Watch the server while it is attacked: its memory, and whether it still answers.
    let peak = baseline;
    const health: (number | string)[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching && proc.exitCode === null) {
        peak = Math.max(peak, rssMb(pid));
        const status = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) }).then(
          (r) => r.status,
          (e: unknown) => `${String(e)} ${String((e as Error).cause)}`,
        );
        health.push(status);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    // Wave after wave of connections that each send thousands of requests and read nothing.
    const flooders: RawSocketIo[] = [];
    for (let wave = 0; wave < WAVES && proc.exitCode === null; wave++) {
      const fresh = await Promise.all(Array.from({ length: FLOODERS }, () => RawSocketIo.open(port)));
      flooders.push(...fresh);
      await Promise.all(
        fresh.map(async (f) => {
          await f.send(['40/public,']);
          for (let sent = 0; sent < REQUESTS_EACH; sent += 1000) {
            await f.send(Array.from({ length: 1000 }, (_, i) => `42/public,${sent + i}["snapshot:get"]`));
          }
        }),
      );
    }
    // The server drops every one of them (and says so, a line a second at most).
    for (const f of flooders) f.drain();
    await Promise.race([Promise.all(flooders.map((f) => f.closed)), exited]);
    watching = false;
    await watcher;
    expect(proc.exitCode, output()).toBeNull();
    expect(output()).toMatch(/realtime: dropped client .*: too many (packets|requests)/);

    expect(peak - baseline, `RSS ${baseline.toFixed(0)} MB → peak ${peak.toFixed(0)} MB`).toBeLessThan(150);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((s) => s === 200), `health during the flood: ${health.join(' ')}`).toBe(true);

    // And it still serves everyone else.
    expect((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
    const display = connect(`${url}/public`, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      const snap = (await display.timeout(10_000).emitWithAck('snapshot:get')) as QueueSnapshot;
      expect(snap.tickets.length).toBe(TICKETS);
    } finally {
      display.close();
    }
  }, 120_000);
});
