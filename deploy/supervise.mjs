#!/usr/bin/env node
// Keeps the Quầy Số server running (the systemd unit runs it; on Windows or a plain
// autostart it is enough by itself):
//   node deploy/supervise.mjs                 (or: npm run supervise, which builds first)
//   node deploy/supervise.mjs -- CMD ARGS…    (supervise another command, cold restarts only)
//
// Whenever the server dies (crash, kill -9, out of memory) it is replaced at once. Loading
// the server's code takes seconds on a small machine, so a warm spare waits with every
// module loaded but no database or port opened (server/standby.ts); it takes over within
// a fraction of a second, and a new spare is loaded behind it. SUPERVISE_SPARE=0 turns the
// spare off (restarts then take as long as a start).
// Only a crash loop is slowed down: a server that dies within MIN_UPTIME_MS of taking
// over waits 1 s, 2 s, 4 s … up to 30 s the next time; a run that lasted resets that.
// SIGINT, SIGTERM and SIGHUP (Ctrl+C, service stop) go to the server, which shuts down
// cleanly; the supervisor then exits with its code. Its own lines are JSON like the
// server's log, with "msg" starting with "supervisor:".
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MIN_UPTIME_MS = 10_000;
const MAX_DELAY_MS = 30_000;
/** After a stop signal, how long the server may take to shut down before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

const dash = process.argv.indexOf('--');
const custom = dash >= 0 && process.argv.length > dash + 1 ? process.argv.slice(dash + 1) : null;
// The built server (`npm run build`), as `npm start` runs it; from source through tsx when it
// was never built (tsx costs ~35 MB of memory, so build before supervising for real).
const BUILT = join(ROOT, 'dist', 'server', 'main.mjs');
const [command, ...args] =
  custom ??
  (existsSync(BUILT)
    ? [process.execPath, '--max-semi-space-size=1', '--optimize-for-size', BUILT]
    : [process.execPath, '--import', 'tsx', join(ROOT, 'server', 'main.ts')]);
const useSpare = custom === null && process.env.SUPERVISE_SPARE !== '0';

/** One JSON line on stdout, in the server log's format. */
function say(level, msg, fields = {}) {
  const line = { level, time: new Date().toISOString(), pid: process.pid, ...fields, msg: `supervisor: ${msg}` };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** The wait before the next server takes over: none after a run that lasted, then doubling per quick crash. */
const restartDelay = (quickCrashes) => (quickCrashes <= 1 ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (quickCrashes - 2)));

/**
 * One server process. With the spare protocol it reports "standby" once loaded and
 * serves only after "activate"; without it, it serves as soon as it starts.
 */
function launch() {
  const proc = spawn(command, args, {
    cwd: ROOT,
    stdio: useSpare ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'inherit', 'inherit'],
    env: useSpare ? { ...process.env, QUAYSO_STANDBY: '1' } : process.env,
    // Its own process group: Ctrl+C reaches the supervisor only, which passes it on once.
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  const server = { proc, ready: !useSpare, activatedAt: 0 };
  proc.once('error', (e) => say('error', `cannot start the server: ${e.message}`));
  proc.on('message', (m) => {
    if (m !== 'standby') return;
    server.ready = true;
    if (active === server && !server.activatedAt) activate(server);
    else if (spare === server) say('info', 'spare ready', { child: server.proc.pid });
  });
  proc.once('exit', (code, signal) => onExit(server, code, signal));
  return server;
}

let active = null;
let spare = null;
let stopping = false;
let quickCrashes = 0;
let pendingTakeover = null;

function activate(server) {
  server.activatedAt = Date.now();
  if (useSpare) server.proc.send('activate');
  say('info', 'server started', { child: server.proc.pid });
  if (useSpare && !spare && !stopping) spare = launch();
}

/** Makes the spare (or a new process) the serving one, at once or after `delayMs`. */
function takeOver(delayMs) {
  pendingTakeover = setTimeout(() => {
    pendingTakeover = null;
    active = spare ?? launch();
    spare = null;
    if (active.ready) activate(active);
  }, delayMs);
}

function onExit(server, code, signal) {
  const how = signal ?? `code ${code}`;
  if (stopping) {
    if (server === active) {
      say('info', 'server stopped', { child: server.proc.pid, code, signal });
      process.exit(code ?? 0);
    }
    return;
  }
  if (server === spare) {
    // Load failures of the spare (a broken install) are retried slowly.
    say('warn', `spare server exited (${how}), loading another in 5 s`, { child: server.proc.pid, code, signal });
    spare = null;
    setTimeout(() => {
      if (!spare && !stopping) spare = launch();
    }, 5000).unref();
    return;
  }
  if (server !== active) return;
  const ranMs = server.activatedAt ? Date.now() - server.activatedAt : 0;
  quickCrashes = ranMs < MIN_UPTIME_MS ? quickCrashes + 1 : 1;
  const delayMs = restartDelay(quickCrashes);
  say('error', `server exited (${how}), restarting${delayMs ? ` in ${delayMs} ms` : ''}`, {
    child: server.proc.pid,
    code,
    signal,
    delayMs,
  });
  active = null;
  takeOver(delayMs);
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  say('info', `${signal}: stopping the server`);
  if (pendingTakeover) clearTimeout(pendingTakeover);
  spare?.proc.kill('SIGTERM');
  if (!active) process.exit(0);
  const { proc } = active;
  proc.kill(signal);
  setTimeout(() => {
    say('warn', 'server did not stop in time, killing it');
    proc.kill('SIGKILL');
  }, STOP_TIMEOUT_MS).unref();
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));

active = launch();
if (active.ready) activate(active);
