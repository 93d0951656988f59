import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../server/app';
import { openDatabase } from '../../server/db/database';
import { readBackupSettings } from '../../server/config/backupSettings';
import { sanitizeSettings } from '../../server/config/officeSettings';
import { ManualClock } from '../../server/domain/clock';
import { backupName, listBackups, pruneBackups } from '../../server/ops/backupFiles';
import type { BackupStatus } from '../../server/ops/backupService';
import { RestoreRefused, restoreDatabase } from '../../server/ops/restore';
import { killHard, spawnServer } from '../helpers/spawn';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

const dirs: string[] = [];
const tempDir = (prefix = 'quayso-backup-') => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Issued {
  ticket: { id: number; number: string };
}

const ticketsIn = (file: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, number, service_id AS serviceId FROM tickets ORDER BY id').all() as {
      id: number;
      number: string;
      serviceId: number;
    }[];
  } finally {
    db.close();
  }
};

async function issue(admin: Client, n: number): Promise<Issued[]> {
  const { body: services } = await admin.get<{ id: number; active: boolean }[]>('/api/admin/services');
  const serviceId = services.find((s) => s.active)?.id;
  const out: Issued[] = [];
  for (let i = 0; i < n; i++) {
    const r = await admin.post<Issued>('/api/tickets', { serviceId });
    expect(r.status).toBe(201);
    out.push(r.body);
  }
  return out;
}

async function backUp(admin: Client): Promise<string> {
  const r = await admin.post<{ backup: { name: string } }>('/api/admin/backups');
  expect(r.status).toBe(201);
  return r.body.backup.name;
}

const office = async (admin: Client) => (await admin.get<Record<string, unknown>>('/api/admin/office')).body;
const setBackupSettings = async (admin: Client, backup: Record<string, unknown>) =>
  admin.put<{ error?: { message: string; details: { path: string }[] } }>('/api/admin/office', {
    ...(await office(admin)),
    settings: { backup },
  });

/** Runs a tool (`tools/backup.ts`, `tools/restore.ts`) as `npm run` does, with DATA_DIR. */
function runTool(tool: string, args: string[], dataDir: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT_DIR, 'tools', tool), ...args],
      { cwd: ROOT_DIR, env: { ...process.env, DATA_DIR: dataDir }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe('a backup restores every ticket', () => {
  it('tickets issued before the backup are all back after a restore, and numbering continues from the backup', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir, printer: 'none' });
    const admin = await new Client(first.url).login('admin', ADMIN_PASSWORD);
    const before = await issue(admin, 6);
    const name = await backUp(admin);
    const after = await issue(admin, 3);
    await first.close();

    const backupFile = join(dataDir, 'backups', name);
    const inBackup = ticketsIn(backupFile);
    expect(inBackup.map((t) => t.id)).toEqual(before.map((t) => t.ticket.id));
    // On a new machine: an empty DATA_DIR gets the backup.
    const newMachine = join(tempDir(), 'data');
    expect(restoreDatabase(newMachine, backupFile)).toMatchObject({ tickets: 6, previous: null });
    expect(ticketsIn(join(newMachine, 'quayso.db'))).toEqual(inBackup);

    const r = restoreDatabase(dataDir, backupFile);
    expect(r.tickets).toBe(6);
    expect(r.previous && ticketsIn(r.previous)).toHaveLength(9);
    for (const ext of ['-wal', '-shm']) expect(existsSync(join(dataDir, `quayso.db${ext}`))).toBe(false);

    const second = await startTestServer({ dataDir, printer: 'none' });
    try {
      expect(ticketsIn(join(dataDir, 'quayso.db')).slice(0, 6)).toEqual(inBackup);
      const again = await new Client(second.url).login('admin', ADMIN_PASSWORD);
      const [next] = await issue(again, 1);
      // The number the lost ticket had is given again: the sequence is the backup's.
      expect(next?.ticket.number).toBe(after[0]?.ticket.number);
    } finally {
      await second.close();
    }
  }, 120_000);
});

describe('backups API', () => {
  let s: TestServer;
  let admin: Client;
  beforeAll(async () => {
    s = await startTestServer({ printer: 'none' });
    admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await s?.close();
  });
  afterEach(async () => {
    expect((await setBackupSettings(admin, {})).status).toBe(200);
  });

  it('lists the backups with size and time, newest first, and the last one', async () => {
    const name = await backUp(admin);
    const { body } = await admin.get<BackupStatus>('/api/admin/backups');
    expect(body.last?.name).toBe(name);
    expect(body.backups[0]).toMatchObject({ name, reason: 'manual' });
    expect(body.backups[0]?.size).toBeGreaterThan(4096);
    expect(body.settings).toEqual({ time: '12:00', keepDays: 30, copyTo: null });
    expect(Date.parse(body.nextAt ?? '')).toBeGreaterThan(Date.now());
  });

  it('downloads a backup by its listed name only: no other name, no path, no stranger', async () => {
    const name = await backUp(admin);
    const res = await fetch(`${s.url}/api/admin/backups/${name}`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(name);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(readFileSync(join(s.dataDir, 'backups', name)))).toBe(true);

    for (const bad of ['quayso.db', '..%2Fquayso.db', '..%2F..%2Fetc%2Fpasswd', `${name}.tmp-1`, '%2Fetc%2Fpasswd']) {
      expect((await admin.get(`/api/admin/backups/${bad}`)).status, bad).toBe(400);
    }
    expect((await admin.get(`/api/admin/backups/${backupName(new Date('2001-01-01'), 'daily')}`)).status).toBe(404);
    expect((await new Client(s.url).get(`/api/admin/backups/${name}`)).status).toBe(401);
    const officer = await new Client(s.url).login('canbo1', OFFICER_PASSWORD);
    expect((await officer.get(`/api/admin/backups/${name}`)).status).toBe(403);
    expect((await officer.get('/api/admin/backups')).status).toBe(403);
    expect((await officer.post('/api/admin/backups')).status).toBe(403);
    const audited = s.app.ctx.audit.query({ action: 'backup', timeZone: 'Asia/Ho_Chi_Minh', limit: 10, offset: 0 });
    expect(audited.entries.map((e) => [e.action, e.targetName, e.officerName])).toContainEqual([
      'backup.download',
      name,
      'Quản trị viên',
    ]);
  });

  it('deletes backups older than keepDays, never the newest, never other files', async () => {
    const dir = join(s.dataDir, 'backups');
    const old = backupName(new Date(Date.now() - 3 * 86_400_000), 'daily');
    writeFileSync(join(dir, old), 'old');
    writeFileSync(join(dir, 'notes.txt'), 'kept');
    expect((await setBackupSettings(admin, { keepDays: 2 })).status).toBe(200);
    const name = await backUp(admin);
    const left = readdirSync(dir);
    expect(left).toContain(name);
    expect(left).toContain('notes.txt');
    expect(left).not.toContain(old);
  });

  it('copies each backup to the second folder; a folder that disappears is a health fault, not an error', async () => {
    const usb = tempDir('quayso-usb-');
    expect((await setBackupSettings(admin, { copyTo: usb, time: '11:45' })).status).toBe(200);
    const name = await backUp(admin);
    expect(readFileSync(join(usb, name)).equals(readFileSync(join(s.dataDir, 'backups', name)))).toBe(true);

    rmSync(usb, { recursive: true });
    const second = await backUp(admin);
    expect(existsSync(join(s.dataDir, 'backups', second))).toBe(true);
    const health = await new Client(s.url).get<{ ok: boolean; backup: { faults: string[] } }>('/api/health');
    expect(health.body).toMatchObject({ ok: true, backup: { faults: ['backup_copy_failed'] } });
    expect(JSON.stringify(health.body)).not.toContain(usb);
    expect((await admin.get<BackupStatus>('/api/admin/backups')).body.copyError?.message).toContain(usb);

    mkdirSync(usb);
    await backUp(admin);
    expect((await new Client(s.url).get<{ backup: { faults: string[] } }>('/api/health')).body.backup.faults).toEqual([]);
  });

  it('refuses a second folder that does not exist, is a file, is relative, or is the backups folder itself', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    for (const copyTo of [join(tmpdir(), 'quayso-no-such-folder'), file, 'backups', join(s.dataDir, 'backups')]) {
      const r = await setBackupSettings(admin, { copyTo });
      expect(r.status, copyTo).toBe(400);
      expect(r.body.error?.details[0]?.path).toBe('settings.backup.copyTo');
    }
    for (const bad of [{ time: '25:00' }, { keepDays: 0 }, { extra: 1 }]) {
      expect((await setBackupSettings(admin, bad)).status).toBe(400);
    }
    expect((await office(admin)).settings).toEqual({ backup: { time: '12:00', keepDays: 30, copyTo: null } });
  });
});

describe('stored backup settings', () => {
  it('that no longer validate fall back to the defaults, with a setting_invalid fault', () => {
    const { settings, faults } = sanitizeSettings({ backup: { time: '7h', keepDays: 30, copyTo: null } });
    expect(settings.backup).toBeUndefined();
    expect(faults.map((f) => [f.code, f.setting])).toEqual([['setting_invalid', 'settings.backup']]);
    expect(readBackupSettings(settings)).toEqual({ time: '12:00', keepDays: 30, copyTo: null });
    expect(readBackupSettings({ backup: { time: '06:30', keepDays: 7, copyTo: '/mnt/usb' } })).toEqual({
      time: '06:30',
      keepDays: 7,
      copyTo: '/mnt/usb',
    });
  });
});

describe('retention', () => {
  it('keeps backups younger than keepDays and the newest one, whatever its age', async () => {
    const dir = tempDir();
    const now = new Date('2026-11-30T05:00:00Z');
    const ago = (days: number) => backupName(new Date(now.getTime() - days * 86_400_000), 'daily');
    for (const days of [40, 31, 29, 1]) writeFileSync(join(dir, ago(days)), 'x');
    expect((await pruneBackups(dir, 30, now)).sort()).toEqual([ago(40), ago(31)].sort());
    expect((await listBackups(dir)).map((b) => b.name)).toEqual([ago(1), ago(29)]);

    const alone = tempDir();
    writeFileSync(join(alone, ago(100)), 'x');
    writeFileSync(join(alone, ago(200)), 'x');
    await pruneBackups(alone, 7, now);
    expect(readdirSync(alone)).toEqual([ago(100)]);
  });
});

describe('the daily schedule', () => {
  it('backs up once a day at the set time in the office zone, and at start when that time passed while the server was off', async () => {
    const dataDir = tempDir();
    // Sunday 10:00 in Hanoi: a new office is first backed up at 12:00, not at start.
    const clock = new ManualClock('2026-11-22T03:00:00Z');
    const first = await startTestServer({ dataDir, printer: 'none', clock });
    expect(await first.app.ctx.backups.runIfDue()).toBeNull();
    expect((await first.app.ctx.backups.backupNow('manual')).createdAt).toBe('2026-11-22T03:00:00.000Z');
    await first.close();

    // A copy cut short by a power cut is removed at start.
    const halfMade = join(dataDir, 'backups', `${backupName(new Date('2026-11-22T05:00:00Z'), 'daily')}.tmp-4242`);
    writeFileSync(halfMade, 'half');

    // Monday 11:00: Sunday's 12:00 passed while the server was off.
    clock.set('2026-11-23T04:00:00Z');
    const s = await startTestServer({ dataDir, printer: 'none', clock });
    try {
      expect(existsSync(halfMade)).toBe(false);
      const backups = s.app.ctx.backups;
      // Only this test's calls back up (no timer in between).
      await backups.stop();
      expect((await backups.runIfDue())?.reason).toBe('daily');
      expect(await backups.runIfDue()).toBeNull();
      clock.set('2026-11-23T04:59:00Z');
      expect(await backups.runIfDue()).toBeNull();
      clock.set('2026-11-23T05:00:30Z');
      expect((await backups.runIfDue())?.createdAt).toBe('2026-11-23T05:00:30.000Z');
      clock.set('2026-11-24T04:00:00Z');
      expect(await backups.runIfDue()).toBeNull();
      expect((await listBackups(join(dataDir, 'backups'))).map((b) => b.reason)).toEqual(['daily', 'daily', 'manual']);
    } finally {
      await s.close();
    }
  }, 120_000);
});

describe('before a migration', () => {
  it('a database with data is backed up before pending migrations run; a new one is not', async () => {
    const dataDir = tempDir();
    const s = await startTestServer({ dataDir, printer: 'none' });
    await issue(await new Client(s.url).login('admin', ADMIN_PASSWORD), 2);
    await s.close();
    expect(await listBackups(join(dataDir, 'backups'))).toEqual([]);

    const migrations = tempDir();
    cpSync(join(ROOT_DIR, 'server', 'db', 'migrations'), migrations, { recursive: true });
    writeFileSync(join(migrations, '999_test_extra.sql'), 'CREATE TABLE test_extra (x INTEGER);');
    const db = openDatabase(join(dataDir, 'quayso.db'), { migrationsDir: migrations });
    db.close();
    const [made] = await listBackups(join(dataDir, 'backups'));
    expect(made?.reason).toBe('migration');
    const file = join(dataDir, 'backups', made?.name ?? '');
    expect(ticketsIn(file)).toHaveLength(2);
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare("SELECT name FROM sqlite_master WHERE name = 'test_extra'").get()).toBeUndefined();
    copy.close();

    openDatabase(join(dataDir, 'quayso.db'), { migrationsDir: migrations }).close();
    expect(await listBackups(join(dataDir, 'backups'))).toHaveLength(1);
    const fresh = tempDir();
    openDatabase(join(fresh, 'quayso.db'), { migrationsDir: migrations }).close();
    expect(existsSync(join(fresh, 'backups'))).toBe(false);
  });
});

describe('npm run backup / npm run restore', () => {
  it('backs up a running server, refuses to restore while it runs, restores once it is killed', async () => {
    const dataDir = tempDir();
    const server = await spawnServer({ DATA_DIR: dataDir, PRINTER: 'none', ADMIN_PASSWORD });
    try {
      const admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
      await issue(admin, 2);
      const backup = await runTool('backup.ts', [], dataDir);
      expect(backup.code, backup.out).toBe(0);
      const [made] = await listBackups(join(dataDir, 'backups'));
      expect(made?.reason).toBe('cli');
      const file = join(dataDir, 'backups', made?.name ?? '');
      await issue(admin, 1);

      const refused = await runTool('restore.ts', [file], dataDir);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('đang chạy');
      expect(ticketsIn(join(dataDir, 'quayso.db'))).toHaveLength(3);

      await killHard(server.proc);
      const restored = await runTool('restore.ts', [file], dataDir);
      expect(restored.code, restored.out).toBe(0);
      expect(ticketsIn(join(dataDir, 'quayso.db'))).toHaveLength(2);
    } finally {
      await killHard(server.proc);
    }
  }, 240_000);

  it('refuses a backup that fails the integrity check, or is no database, and changes nothing', async () => {
    const dataDir = tempDir();
    const s = await startTestServer({ dataDir, printer: 'none' });
    const admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
    await issue(admin, 2);
    const name = await backUp(admin);
    await s.close();

    const damaged = join(tempDir(), 'damaged.db');
    copyFileSync(join(dataDir, 'backups', name), damaged);
    const bytes = readFileSync(damaged);
    // Garbage over every page but the first (the header and schema stay readable).
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    writeFileSync(damaged, bytes);
    const text = join(tempDir(), 'notes.db');
    writeFileSync(text, 'không phải cơ sở dữ liệu');
    for (const file of [damaged, text, join(dataDir, 'missing.db')]) {
      expect(() => restoreDatabase(dataDir, file), file).toThrow(RestoreRefused);
    }
    const cli = await runTool('restore.ts', [damaged], dataDir);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('integrity');
    expect(ticketsIn(join(dataDir, 'quayso.db'))).toHaveLength(2);
    expect(readdirSync(dataDir).filter((f) => f.includes('before-restore'))).toEqual([]);
  }, 120_000);
});
