/**
 * `npm run bench`: starts the real server (and a bare socket.io relay as the floor) in
 * their own processes and prints the figures the issues ask for. Ratios are measured in
 * one run on the same machine, so they hold on a noisy shared host.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { killHard, spawnServer } from '../tests/helpers/spawn';
import { connectClients, measureFanout, percentile } from './sockets';
import { extras, WEB_DIR } from './extras';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 300);
const ISSUE_SECONDS = Number(process.env.BENCH_ISSUE_SECONDS ?? 5);
const CALL_ROUNDS = Number(process.env.BENCH_CALL_ROUNDS ?? 180);
const ADMIN_PASSWORD = 'bench-admin-password';

const fmt = (n: number, d = 1) => n.toFixed(d);

async function json(url: string, method: string, body: unknown, cookie = ''): Promise<{ status: number; body: unknown; cookie: string }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? cookie };
}

/** POSTs over a keep-alive agent (fetch's per-request overhead would make the client the bottleneck). */
function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function issueThroughput(url: string): Promise<number> {
  const CONCURRENCY = 32;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL(`${url}/api/tickets`);
  let count = 0;
  const end = performance.now() + ISSUE_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      const body = JSON.stringify({ serviceId: (w % 5) + 1 });
      while (performance.now() < end) {
        const status = await post(agent, target, body);
        if (status !== 201) throw new Error(`issue failed: HTTP ${status}`);
        count++;
      }
    }),
  );
  agent.destroy();
  return count / ISSUE_SECONDS;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'quayso-bench-'));
  // No printer: the bench measures the queue core, not a thermal printer's paper speed.
  const server = await spawnServer({ DATA_DIR: dataDir, ADMIN_PASSWORD, PRINTER: 'none' });
  const bareProc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'bareServer.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const bareUrl = await new Promise<string>((resolve) => {
    bareProc.stdout?.on('data', (d: Buffer) => {
      const m = /(http:\/\/\S+)/.exec(d.toString());
      if (m?.[1]) resolve(m[1]);
    });
  });
  try {
    const login = await json(`${server.url}/api/auth/login`, 'POST', { username: 'admin', password: ADMIN_PASSWORD });
    const cookie = login.cookie;
    const office = await json(`${server.url}/api/admin/office`, 'GET', undefined, cookie);
    // The kiosk rate limit protects real offices; the bench measures raw capacity.
    await json(`${server.url}/api/admin/office`, 'PUT', { ...(office.body as object), ticketRateLimitPerMinute: 0 }, cookie);
    // Room for hundreds of thousands of numbers per field, so the run never hits the daily range.
    const services = (await json(`${server.url}/api/admin/services`, 'GET', undefined, cookie)).body as { id: number }[];
    for (const svc of services) {
      await json(`${server.url}/api/admin/services/${svc.id}`, 'PUT', { ...svc, lastNumber: 999_999, digits: 6 }, cookie);
    }

    console.log(`Quầy Số benchmark — ${new Date().toISOString()} — node ${process.version}\n`);
    const perSecond = await issueThroughput(server.url);
    console.log(`durable ticket issues over HTTP: ${fmt(perSecond, 0)} /s (32 concurrent clients, each acknowledged after its fsync'd commit; target ≥ 1000)`);

    // Call-next → ticket:called at CLIENTS connected displays, against the bare relay floor.
    // Both sets of clients stay connected, and the two servers are measured in alternating
    // blocks, so that noise from other work on this machine falls on both alike. The relay
    // sends the very payload the real server sent, so the ratio measures our server alone.
    const real = await connectClients(`${server.url}/public`, CLIENTS);
    const bare = await connectClients(`${bareUrl}/public`, CLIENTS);
    let payload: unknown = null;
    real[0]?.on('ticket:called', (p: unknown) => (payload ??= p));
    const realSamples: number[] = [];
    const bareSamples: number[] = [];
    const BLOCKS = 6;
    const perBlock = Math.max(1, Math.round(CALL_ROUNDS / BLOCKS));
    for (let block = 0; block < BLOCKS; block++) {
      realSamples.push(
        ...(await measureFanout(real, 'ticket:called', perBlock, async () => {
          const r = await json(`${server.url}/api/counters/4/call-next`, 'POST', {}, cookie);
          if (r.status !== 200) throw new Error(`call-next failed: ${r.status}`);
        })),
      );
      bareSamples.push(
        ...(await measureFanout(bare, 'ticket:called', perBlock, async () => {
          await json(`${bareUrl}/relay`, 'POST', payload);
        })),
      );
    }
    for (const s of [...real, ...bare]) s.close();
    const p = (xs: number[]) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99) });
    const r = p(realSamples);
    const b = p(bareSamples);
    console.log(`call-next → ticket:called at ${CLIENTS} clients: p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms (${realSamples.length / CLIENTS} calls)`);
    console.log(`bare socket.io relay of the same payload (floor): p50 ${fmt(b.p50)} ms, p99 ${fmt(b.p99)} ms`);
    console.log(`ratio p99 real/floor: ${fmt(r.p99 / b.p99, 2)}× (target ≤ 1.5×)`);
    for (const extra of extras) {
      await extra({ serverUrl: server.url, serverPid: server.proc.pid ?? 0, cookie, webDir: WEB_DIR });
    }
  } finally {
    await killHard(server.proc);
    await killHard(bareProc);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
