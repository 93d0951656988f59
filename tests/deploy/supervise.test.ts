import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../server/app';

interface SupervisorLine {
  level: string;
  msg: string;
  child?: number;
  delayMs?: number;
}

interface Supervisor {
  proc: ChildProcess;
  lines: () => SupervisorLine[];
  exited: Promise<number | null>;
}

const running: Supervisor[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const s of running.splice(0)) {
    if (s.proc.exitCode !== null || s.proc.signalCode !== null) continue;
    s.proc.kill('SIGTERM');
    const timer = setTimeout(() => {
      s.proc.kill('SIGKILL');
      for (const l of s.lines()) if (l.child) killQuietly(l.child);
    }, 20_000);
    await s.exited;
    clearTimeout(timer);
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}, 60_000);

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts `node deploy/supervise.mjs [-- command]` and collects its JSON lines (and the server's). */
function supervise(env: Record<string, string>, command: string[] = []): Supervisor {
  const proc = spawn(process.execPath, [join(ROOT_DIR, 'deploy', 'supervise.mjs'), ...(command.length ? ['--', ...command] : [])], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as SupervisorLine);
  const s = { proc, lines, exited };
  running.push(s);
  return s;
}

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

const started = (s: Supervisor) => s.lines().filter((l) => l.msg === 'supervisor: server started');

describe('deploy/supervise.mjs', () => {
  it('kill -9 of the supervised server: the service answers again within 5 s, with its tickets', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'quayso-supervise-'));
    dirs.push(dataDir);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const s = supervise({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ADMIN_PASSWORD: 'supervise-admin' });
    // Starting (and loading the warm spare) takes a while on a busy machine; the restart must not.
    await waitFor('the server to answer', () => healthy(url), 120_000, 200);
    await waitFor('the spare to be loaded', () => s.lines().some((l) => l.msg === 'supervisor: spare ready'), 120_000, 200);
    const issued = await fetch(`${url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 1 }),
    });
    expect(issued.status).toBe(201);
    const { publicCode } = (await issued.json()) as { publicCode: string };

    const first = started(s)[0]?.child;
    expect(first).toBeTypeOf('number');
    const killedAt = Date.now();
    process.kill(first!, 'SIGKILL');
    await waitFor('the old server to be gone', () => !alive(first!), 5000, 10);
    await waitFor('the service to answer again', () => healthy(url), 30_000);
    const downMs = Date.now() - killedAt;
    expect(downMs, `back after ${downMs} ms`).toBeLessThan(5000);
    const second = started(s)[1]?.child;
    expect(second).toBeTypeOf('number');
    expect(second).not.toBe(first);
    expect(s.lines().find((l) => l.level === 'error' && l.msg.startsWith('supervisor: server exited (SIGKILL)'))).toBeDefined();
    expect((await fetch(`${url}/api/t/${publicCode}`)).status).toBe(200);

    // A service stop: the server shuts down cleanly and nothing is left running.
    const spares = s.lines().filter((l) => l.msg === 'supervisor: spare ready').map((l) => l.child!);
    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.lines().some((l) => l.msg === 'supervisor: server stopped' && l.child === second)).toBe(true);
    await waitFor('every server process to end', () => ![second!, ...spares].some(alive), 15_000);
  }, 300_000);

  it('restarts a crashing command at once, then slows a crash loop down (1 s, 2 s, 4 s)', async () => {
    const s = supervise({}, [process.execPath, '-e', 'process.exit(3)']);
    const exits = () => s.lines().filter((l) => l.msg.startsWith('supervisor: server exited (code 3)'));
    await waitFor('four exits', () => exits().length >= 4, 60_000);
    expect(exits().slice(0, 4).map((l) => l.delayMs)).toEqual([0, 1000, 2000, 4000]);
    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 120_000);
});
