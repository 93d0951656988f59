/**
 * `npm run bench`: starts the real server (and a bare socket.io relay as the floor) in
 * their own processes and prints the figures the issues ask for. The latency ratio
 * alternates single calls to the two servers, so it holds on a noisy shared host; memory
 * is each process's own resident set, read from /proc, the bench's clients apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, release, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { killHard, spawnServer } from '../tests/helpers/spawn';
import { connectClients, fanoutOnce } from './sockets';
import { interleaved, spread } from './interleaved';
import { memoryLine } from './memory';
import { startNodeArgs } from './startCommand';
import { extras, WEB_DIR } from './extras';
import { catalogueBench } from './catalogue';
import { dossierBench } from './dossiers';
import { reportBench } from './reports';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 300);
const ISSUE_SECONDS = Number(process.env.BENCH_ISSUE_SECONDS ?? 5);
const CALL_ROUNDS = Number(process.env.BENCH_CALL_ROUNDS ?? 180);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ADMIN_PASSWORD = 'bench-admin-password';

const fmt = (n: number, d = 1) => n.toFixed(d);

/** The machine the figures come from, for quoting them. */
function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Linux ${release()}`;
}

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
  const server = await spawnServer({ DATA_DIR: dataDir, ADMIN_PASSWORD, PRINTER: 'none' }, startNodeArgs());
  const bareProc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'bareServer.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const bareUrl = await new Promise<string>((resolve) => {
    bareProc.stdout?.on('data', (d: Buffer) => {
      const m = /(http:\/\/\S+)/.exec(d.toString());
      if (m?.[1]) resolve(m[1]);
    });
  });
  const serverPid = server.proc.pid ?? 0;
  const relayPid = bareProc.pid ?? 0;
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

    console.log(`Quầy Số benchmark — ${new Date().toISOString()} — node ${process.version}, ${machine()}\n`);
    console.log(memoryLine('at start', serverPid, relayPid));
    const perSecond = await issueThroughput(server.url);
    console.log(`durable ticket issues over HTTP: ${fmt(perSecond, 0)} /s (32 concurrent clients, each acknowledged after its fsync'd commit; target ≥ 1000)`);

    console.log(memoryLine('after the issue burst', serverPid, relayPid));

    // Call-next → ticket:called at CLIENTS connected displays, against the bare relay floor.
    // Both sets of clients stay connected in this one process, and the two servers are
    // measured call by call, alternately, so that noise from other work on this machine
    // falls on both alike; each round gives its own ratio. The relay sends the very payload
    // the real server sent, so the ratio measures our server alone.
    const real = await connectClients(`${server.url}/public`, CLIENTS);
    const bare = await connectClients(`${bareUrl}/public`, CLIENTS);
    let payload: unknown = null;
    real[0]?.once('ticket:called', (p: unknown) => (payload = p));
    const callNext = async () => {
      const r = await json(`${server.url}/api/counters/4/call-next`, 'POST', {}, cookie);
      if (r.status !== 200) throw new Error(`call-next failed: ${r.status}`);
    };
    await fanoutOnce(real, 'ticket:called', callNext);
    console.log(memoryLine(`with ${CLIENTS} clients on each`, serverPid, relayPid));
    const perRound = Math.max(1, Math.round(CALL_ROUNDS / ROUNDS));
    const result = await interleaved(
      { sockets: real, trigger: callNext },
      { sockets: bare, trigger: async () => void (await json(`${bareUrl}/relay`, 'POST', payload)) },
      ROUNDS,
      perRound,
      'ticket:called',
    );
    for (const s of [...real, ...bare]) s.close();
    console.log(
      `call-next → ticket:called at ${CLIENTS} clients, alternating single calls with the bare socket.io relay of the same payload (the floor), ${ROUNDS} rounds × ${perRound} calls each:`,
    );
    result.rounds.forEach((r, i) =>
      console.log(
        `  round ${i + 1}: real p50 ${fmt(r.real.p50)} ms, p99 ${fmt(r.real.p99)} ms; floor p50 ${fmt(r.floor.p50)} ms, p99 ${fmt(r.floor.p99)} ms; ratio p50 ${fmt(r.ratioP50, 2)}×, p99 ${fmt(r.ratioP99, 2)}×`,
      ),
    );
    console.log(`  all rounds: real p50 ${fmt(result.real.p50)} ms, p99 ${fmt(result.real.p99)} ms; floor p50 ${fmt(result.floor.p50)} ms, p99 ${fmt(result.floor.p99)} ms`);
    const p99 = spread(result.rounds.map((r) => r.ratioP99));
    const p50 = spread(result.rounds.map((r) => r.ratioP50));
    console.log(`ratio p99 real/floor: median ${fmt(p99.median, 2)}× over ${ROUNDS} rounds (min ${fmt(p99.min, 2)}×, max ${fmt(p99.max, 2)}×; target ≤ 1.5×)`);
    console.log(`ratio p50 real/floor: median ${fmt(p50.median, 2)}× (min ${fmt(p50.min, 2)}×, max ${fmt(p50.max, 2)}×)`);
    console.log(memoryLine('after the latency rounds', serverPid, relayPid));
    for (const extra of extras) {
      await extra({ serverUrl: server.url, serverPid, cookie, webDir: WEB_DIR });
    }
    for (const line of await catalogueBench()) console.log(line);
    for (const line of await dossierBench()) console.log(line);
    for (const line of await reportBench()) console.log(line);
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
