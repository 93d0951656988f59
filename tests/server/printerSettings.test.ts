import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';
import { startFakePrinter, type FakePrinter } from '../drivers/printer/fake-printer';
import type { IssuedTicket } from '../../shared/contract';
import type { SettingsFault } from '../../server/config/officeSettings';
import { recentProblems } from '../../server/log';

let server: TestServer | null = null;
let fake: FakePrinter | null = null;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await server?.close();
  await fake?.close();
  server = null;
  fake = null;
  for (const fn of cleanups.splice(0).reverse()) fn();
});

type Office = { settings: Record<string, unknown> } & Record<string, unknown>;
type Refusal = { error: { message: string; details?: { path: string; message: string }[] } };

async function admin(s: TestServer): Promise<{ client: Client; office: Office }> {
  const client = await new Client(s.url).login('admin', ADMIN_PASSWORD);
  const office = (await client.get<Office>('/api/admin/office')).body;
  return { client, office };
}

/** Each probe starts from the office as first read, so it is sent without its version (never stale). */
const putPrinter = (c: Client, office: Office, printer: Record<string, unknown>) =>
  c.put<Refusal>('/api/admin/office', { ...office, version: undefined, settings: { ...office.settings, printer } });

/** A 400 that names `field` in its message and its details. */
function expectRefused(r: { status: number; body: Refusal }, field: string, why?: RegExp): void {
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.error.message).toContain(field);
  const detail = r.body.error.details?.find((d) => d.path === field);
  expect(detail, JSON.stringify(r.body)).toBeDefined();
  if (why) expect(detail!.message).toMatch(why);
}

function tempDir(root = tmpdir()): string {
  const dir = mkdtempSync(join(root, 'quayso-printer-settings-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function mkfifo(path: string): string {
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
}

function logoPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(0);
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
  return PNG.sync.write(png);
}

/** Height of each ticket the simulated printer wrote, oldest first. */
function printedHeights(dataDir: string): number[] {
  const root = join(dataDir, 'printed');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => PNG.sync.read(readFileSync(join(root, f))).height);
}

const issue = (s: TestServer) => new Client(s.url).post<IssuedTicket>('/api/tickets', { serviceId: 1 });
const health = async (s: TestServer) =>
  (await s.app.ctx.printer.health()) as { printer: { kind: string; target?: string }; settingsFaults: SettingsFault[] };

const shmWritable = (() => {
  try {
    rmSync(mkdtempSync('/dev/shm/quayso-probe-'), { recursive: true });
    return true;
  } catch {
    return false;
  }
})();

describe('printer targets are checked when saved', () => {
  it('refuses /dev/.. paths, paths outside /dev and bad ports with a 400 naming the field; nothing changes', async () => {
    server = await startTestServer();
    const { client, office } = await admin(server);
    const db = join(tempDir(), 'quayso.db');
    writeFileSync(db, 'live database');
    expectRefused(await putPrinter(client, office, { uri: `/dev/..${db}` }), 'settings.printer.uri', /không có "\." hay "\.\."/);
    expectRefused(await putPrinter(client, office, { uri: db }), 'settings.printer.uri', /phải là thiết bị trong \/dev/);
    expectRefused(await putPrinter(client, office, { uri: 'tcp://127.0.0.1:70000' }), 'settings.printer.uri', /cổng phải từ 1 đến 65535/);
    expectRefused(await putPrinter(client, office, { uri: 'tcp://127.0.0.1:0' }), 'settings.printer.uri', /cổng/);
    expectRefused(
      await putPrinter(client, office, { kiosks: [{ key: 'tang-2', uri: '/dev/../etc/passwd' }] }),
      'settings.printer.kiosks.0.uri',
    );
    expect(readFileSync(db, 'utf8')).toBe('live database');
    expect((await client.get<Office>('/api/admin/office')).body.settings).toEqual(office.settings);
    expect((await health(server)).printer.kind).toBe('simulated');
  });

  it.skipIf(!shmWritable)('refuses a regular file, a FIFO and a symlink to a file under /dev; accepts a character device or a missing one', async () => {
    server = await startTestServer();
    const { client, office } = await admin(server);
    const dir = tempDir('/dev/shm');
    const file = join(dir, 'lp0');
    writeFileSync(file, 'not a printer');
    symlinkSync(file, join(dir, 'lp1'));
    mkfifo(join(dir, 'lp2'));
    expectRefused(await putPrinter(client, office, { uri: file }), 'settings.printer.uri', /là tệp thường/);
    expectRefused(await putPrinter(client, office, { uri: join(dir, 'lp1') }), 'settings.printer.uri', /là tệp thường/);
    expectRefused(await putPrinter(client, office, { uri: join(dir, 'lp2') }), 'settings.printer.uri', /là FIFO/);
    expectRefused(
      await putPrinter(client, office, { kiosks: [{ key: 'tang-2', uri: file }] }),
      'settings.printer.kiosks.0.uri',
      /là tệp thường/,
    );
    expect(readFileSync(file, 'utf8')).toBe('not a printer');
    // A device that is not there (yet) is accepted: the printer may be unplugged; it shows offline.
    const unplugged = await putPrinter(client, office, { uri: join(dir, 'usb-lp9') });
    expect(unplugged.status, JSON.stringify(unplugged.body)).toBe(200);
    expect((await health(server)).printer).toMatchObject({ kind: 'escpos-device', online: false });
    const ok = await putPrinter(client, office, { uri: '/dev/null' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // applied when the save answers: no waiting for a background reload
    expect((await health(server)).printer).toMatchObject({ kind: 'escpos-device', target: '/dev/null' });
  });

  it.skipIf(!existsSync('/dev/loop0'))('refuses a block device', async () => {
    server = await startTestServer();
    const { client, office } = await admin(server);
    expectRefused(await putPrinter(client, office, { uri: '/dev/loop0' }), 'settings.printer.uri', /thiết bị khối/);
  });

  it('refuses paper widths and timeouts the driver cannot use; a valid save applies at once', async () => {
    server = await startTestServer();
    const { client, office } = await admin(server);
    for (const paperWidthDots of [1000, 200, 500]) {
      expectRefused(await putPrinter(client, office, { paperWidthDots }), 'settings.printer.paperWidthDots', /bội số của 8/);
    }
    expectRefused(await putPrinter(client, office, { timeoutMs: 20_000 }), 'settings.printer.timeoutMs', /thời gian chờ/);
    fake = await startFakePrinter();
    const saved = await putPrinter(client, office, { uri: `tcp://127.0.0.1:${fake.port}`, paperWidthDots: 384 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await health(server)).printer).toMatchObject({ kind: 'escpos-tcp', target: `tcp://127.0.0.1:${fake.port}` });
    const r = await issue(server);
    expect(r.body.print).toEqual({ ok: true, code: 'printed', message: null });
  });
});

describe('the ticket logo', () => {
  it('refuses a FIFO, a directory, a big file and a file that is not a PNG; the server stays responsive', async () => {
    server = await startTestServer();
    const { client, office } = await admin(server);
    const dir = server.dataDir;
    mkfifo(join(dir, 'logo.fifo'));
    mkdirSync(join(dir, 'logo-dir'));
    writeFileSync(join(dir, 'big.png'), Buffer.concat([logoPng(8, 8), Buffer.alloc(300 * 1024)]));
    writeFileSync(join(dir, 'logo.txt'), 'UBND xã Hòa An');
    const cases: [string, RegExp][] = [
      ['logo.fifo', /tệp PNG thường/],
      ['logo-dir', /tệp PNG thường/],
      ['big.png', /lớn hơn 256 KB/],
      ['logo.txt', /không phải ảnh PNG/],
      ['missing.png', /không tìm thấy/],
    ];
    for (const [logoPath, why] of cases) {
      expectRefused(await putPrinter(client, office, { logoPath }), 'settings.printer.logoPath', why);
    }
    const r = await issue(server);
    expect(r.status).toBe(201);
    expect(r.body.print.code).toBe('simulated');
  });

  it('is read once when saved and kept in memory', async () => {
    server = await startTestServer();
    const { client, office } = await admin(server);
    await issue(server);
    writeFileSync(join(server.dataDir, 'logo.png'), logoPng(120, 60));
    const saved = await putPrinter(client, office, { logoPath: 'logo.png' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    unlinkSync(join(server.dataDir, 'logo.png'));
    await issue(server);
    const [plain, withLogo] = printedHeights(server.dataDir);
    expect(withLogo).toBeGreaterThan(plain! + 30);
    expect((await health(server)).settingsFaults).toEqual([]);
  });
});

describe('stored settings that no longer validate', () => {
  it('fall back to their defaults at start-up, with a fault and one log line each; tickets still issue', async () => {
    const dataDir = tempDir();
    server = await startTestServer({ dataDir });
    await server.close();
    server = null;
    mkfifo(join(dataDir, 'logo.fifo'));
    const db = new Database(join(dataDir, 'quayso.db'));
    const settings = {
      printer: {
        uri: '/dev/../etc/passwd',
        paperWidthDots: 1000,
        timeoutMs: 2500,
        logoPath: 'logo.fifo',
        kiosks: [{ key: 'tang-2', uri: 'tcp://10.0.0.5:70000' }],
      },
      display: { repeat: 9 },
    };
    db.prepare("UPDATE office SET settings_json = ?, time_zone = 'Mars/Olympus' WHERE id = 1").run(JSON.stringify(settings));
    db.close();
    const errors: string[] = [];
    const stopListening = recentProblems.subscribe((e) => void errors.push(e.msg));
    try {
      server = await startTestServer({ dataDir });
    } finally {
      stopListening();
    }
    const h = await health(server);
    expect(h.printer.kind).toBe('simulated');
    expect(h.settingsFaults.map((f) => [f.code, f.setting])).toEqual([
      ['setting_invalid', 'timeZone'],
      ['setting_invalid', 'settings.printer.uri'],
      ['setting_invalid', 'settings.printer.paperWidthDots'],
      ['setting_invalid', 'settings.printer.kiosks'],
      ['setting_invalid', 'settings.display'],
      ['logo_unreadable', 'settings.printer.logoPath'],
    ]);
    for (const f of h.settingsFaults) expect(errors.filter((line) => line.includes(f.setting)), f.setting).toHaveLength(1);
    const r = await issue(server);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.print.code).toBe('simulated');
    // The admin page sees the defaults in use and can save the office as loaded.
    const { client, office } = await admin(server);
    expect(office.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(office.settings).toEqual({ printer: { timeoutMs: 2500, logoPath: 'logo.fifo' } });
    const fixed = await putPrinter(client, office, { timeoutMs: 2500 });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect((await health(server)).settingsFaults).toEqual([]);
  });

  it('unreadable settings JSON and columns out of bounds do not stop the server from starting', async () => {
    const dataDir = tempDir();
    server = await startTestServer({ dataDir });
    await server.close();
    server = null;
    const db = new Database(join(dataDir, 'quayso.db'));
    db.prepare("UPDATE office SET settings_json = '{\"printer\": ', day_start_minutes = 5000 WHERE id = 1").run();
    db.close();
    server = await startTestServer({ dataDir });
    expect((await health(server)).settingsFaults.map((f) => f.setting)).toEqual(['dayStartMinutes', 'settings']);
    expect((await issue(server)).status).toBe(201);
  });
});
