import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { log, readLogEnv, recentProblems, startLogFile, stopLogFile } from '../../server/log';
import { LogBuffer } from '../../server/logBuffer';
import type { AdminLogs } from '../../shared/logs';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { killHard, spawnServer, type SpawnedServer } from '../helpers/spawn';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'quayso-logs-'));
  dirs.push(d);
  return d;
};
let server: TestServer | null = null;
let spawned: SpawnedServer | null = null;

afterEach(async () => {
  await stopLogFile();
  await server?.close();
  server = null;
  if (spawned) await killHard(spawned.proc);
  spawned = null;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function waitFor(what: string, cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('structured log', () => {
  it('writes JSON lines with a level, an ISO time and the message', async () => {
    const dir = tempDir();
    startLogFile({ dir, size: '10M', maxFiles: 3 });
    log.info({ counter: 2 }, 'logs test: a line');
    log.warn('logs test: a warning');
    await stopLogFile();
    const written = lines(join(dir, 'quayso.log'));
    const info = written.find((l) => l.msg === 'logs test: a line');
    expect(info).toMatchObject({ level: 'info', pid: process.pid, counter: 2 });
    expect(new Date(info!.time as string).toISOString()).toBe(info!.time);
    expect(written.find((l) => l.msg === 'logs test: a warning')?.level).toBe('warn');
  });

  it('never writes personal data or secrets, at whatever depth a caller passes them', async () => {
    const dir = tempDir();
    startLogFile({ dir, size: '10M', maxFiles: 3 });
    const seen: unknown[] = [];
    const stop = recentProblems.subscribe((e) => seen.push(e.details));
    log.warn(
      {
        idNumber: '001099012345',
        password: 'hunter2-secret',
        card: { fullName: 'Nguyễn Văn An', birthDate: '01/02/1990', reader: 'sanh-1' },
        read: { identity: { idNumber: '079188001234' } },
        session: { auth: { token: 'abcdef0123456789' } },
      },
      'logs test: a card was read',
    );
    stop();
    await stopLogFile();
    const text = readFileSync(join(dir, 'quayso.log'), 'utf8');
    for (const secret of ['001099012345', 'hunter2', 'Nguyễn Văn An', '01/02/1990', '079188001234', 'abcdef0123456789']) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(seen)).not.toContain(secret);
    }
    const line = lines(join(dir, 'quayso.log')).find((l) => l.msg === 'logs test: a card was read');
    expect(line).toMatchObject({
      idNumber: '[redacted]',
      password: '[redacted]',
      card: { fullName: '[redacted]', birthDate: '[redacted]', reader: 'sanh-1' },
      read: { identity: '[redacted]' },
      session: { auth: { token: '[redacted]' } },
    });
  });

  it('rotates the file by size and keeps a bounded number of old files', async () => {
    const dir = tempDir();
    const stream = startLogFile({ dir, size: '2K', maxFiles: 2 });
    if (!stream) throw new Error('no log file');
    let rotations = 0;
    stream.on('rotated', () => rotations++);
    for (let i = 0; i < 40; i++) {
      log.info({ i, filler: 'x'.repeat(200) }, 'logs test: filling the file');
      // Let the rotation jobs run between writes, as they would on a live server.
      if (i % 5 === 4) await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor('three rotations', () => rotations >= 3);
    await stopLogFile();
    const rotated = readdirSync(dir).filter((f) => /^quayso-\d{8}-\d+\.log$/.test(f));
    expect(rotated.length).toBeGreaterThanOrEqual(1);
    expect(rotated.length).toBeLessThanOrEqual(2);
    for (const f of [...rotated, 'quayso.log']) {
      if (!existsSync(join(dir, f))) continue;
      expect(readFileSync(join(dir, f)).length).toBeLessThan(2048 + 400);
      for (const l of lines(join(dir, f))) expect(l.level).toBe('info');
    }
  });

  it('keeps only the last warnings and errors in memory, newest first', () => {
    const buffer = new LogBuffer(3);
    for (let i = 1; i <= 5; i++) buffer.add(JSON.stringify({ level: i % 2 ? 'warn' : 'error', time: `t${i}`, pid: 1, msg: `m${i}`, n: i }));
    buffer.add(JSON.stringify({ level: 'info', time: 't6', msg: 'not a problem' }));
    buffer.add('not json');
    expect(buffer.list().map((e) => [e.msg, e.level, e.details])).toEqual([
      ['m5', 'warn', { n: 5 }],
      ['m4', 'error', { n: 4 }],
      ['m3', 'warn', { n: 3 }],
    ]);
  });

  it('reads LOG_LEVEL, LOG_FILE_SIZE and LOG_FILES with clear errors', () => {
    expect(readLogEnv({})).toEqual({ level: 'info', size: '10M', maxFiles: 14 });
    expect(readLogEnv({ LOG_LEVEL: 'warn', LOG_FILE_SIZE: '500K', LOG_FILES: '5' })).toEqual({ level: 'warn', size: '500K', maxFiles: 5 });
    expect(() => readLogEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => readLogEnv({ LOG_FILE_SIZE: '10 MB' })).toThrow(/LOG_FILE_SIZE/);
  });
});

describe('GET /api/admin/logs', () => {
  it('lists the recent warnings and errors to admins only, newest first, filtered by level', async () => {
    // A printer that refuses connections: issuing a ticket logs a printer fault (an error).
    server = await startTestServer({ printer: 'tcp://127.0.0.1:1' });
    log.warn({ reason: 'test' }, 'logs test: a warning for the admin page');
    const kiosk = new Client(server.url);
    const issued = await kiosk.post<{ print: { ok: boolean } }>('/api/tickets', { serviceId: 1 });
    expect(issued.status).toBe(201);
    expect(issued.body.print.ok).toBe(false);

    const admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
    const r = await admin.get<AdminLogs>('/api/admin/logs');
    expect(r.status).toBe(200);
    expect(r.body.capacity).toBe(200);
    const msgs = r.body.entries.map((e) => e.msg);
    const fault = r.body.entries.find((e) => e.msg.startsWith('printer fault'));
    expect(fault).toMatchObject({ level: 'error', details: { printer: 'escpos-tcp' } });
    expect(msgs.indexOf(fault!.msg)).toBeLessThan(msgs.indexOf('logs test: a warning for the admin page'));
    expect(r.body.entries.every((e) => ['warn', 'error', 'fatal'].includes(e.level))).toBe(true);

    const errorsOnly = await admin.get<AdminLogs>('/api/admin/logs?level=error');
    expect(errorsOnly.body.entries.some((e) => e.msg.startsWith('printer fault'))).toBe(true);
    expect(errorsOnly.body.entries.every((e) => e.level !== 'warn')).toBe(true);
    expect((await admin.get('/api/admin/logs?level=loud')).status).toBe(400);

    expect((await new Client(server.url).get('/api/admin/logs')).status).toBe(401);
    const officer = await new Client(server.url).login('canbo1', OFFICER_PASSWORD);
    expect((await officer.get('/api/admin/logs')).status).toBe(403);
  });
});

describe('npm start', () => {
  it('logs to DATA_DIR/logs as JSON lines; the banner with the passwords stays out of the log file', async () => {
    const dataDir = tempDir();
    const started = await spawnServer({ DATA_DIR: dataDir, ADMIN_PASSWORD: 'banner-admin-pass' });
    spawned = started;
    // The banner follows the first line in later writes to stdout.
    await waitFor('the accounts in the banner', () => started.output().includes('canbo3'));
    const banner = started.output();
    const passwords = [...banner.matchAll(/^ {2}(?:admin|officer)\s+\S+\s+(\S+)\s+\(/gm)].map((m) => m[1]!);
    expect(passwords).toHaveLength(4);
    expect(passwords).toContain('banner-admin-pass');
    const file = join(dataDir, 'logs', 'quayso.log');
    await waitFor('the log file', () => existsSync(file) && readFileSync(file, 'utf8').includes('server started'));
    const written = lines(file);
    expect(written.find((l) => l.msg === 'server started')).toMatchObject({ level: 'info', dataDir });
    const text = readFileSync(file, 'utf8');
    for (const p of passwords) expect(text).not.toContain(p);
    expect(text).not.toContain('đang chạy tại');
  }, 60_000);
});
