import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, ADMIN_PASSWORD, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { closedPort, startFakePrinter, STATUS_PAPER_END, type FakePrinter } from '../drivers/printer/fake-printer';
import { assembleRaster, decodeEscPos } from '../drivers/printer/escpos-decoder';
import type { IssuedTicket, QueueSnapshot } from '../../shared/contract';

let server: TestServer | null = null;
let printer: FakePrinter | null = null;
afterEach(async () => {
  await server?.close();
  await printer?.close();
  server = null;
  printer = null;
});

const issue = (s: TestServer) => new Client(s.url).post<IssuedTicket>('/api/tickets', { serviceId: 1 });
/** The printers' full health (kind, target, faults) is for admins: GET /api/admin/health. */
const asAdmin = (s: TestServer) => new Client(s.url).login('admin', ADMIN_PASSWORD);

describe('printing issued tickets', () => {
  it('prints on a network printer as an ESC/POS raster with a cut, at the paper width', async () => {
    printer = await startFakePrinter();
    server = await startTestServer({ printer: `tcp://127.0.0.1:${printer.port}` });
    const r = await issue(server);
    expect(r.status).toBe(201);
    expect(r.body.print).toEqual({ ok: true, code: 'printed', message: null });
    await printer.waitForClosed(1);
    const job = printer.connections.find((c) => c.length > 1000) as Buffer;
    const commands = decodeEscPos(job);
    expect(commands.some((c) => c.op === 'cut')).toBe(true);
    const bitmap = assembleRaster(commands);
    expect(bitmap.width).toBe(576);
    expect(bitmap.height).toBeGreaterThan(600);
    const log = server.app.db.prepare('SELECT kind, printer, ok, code FROM print_log').all();
    expect(log).toEqual([{ kind: 'issue', printer: 'escpos-tcp', ok: 1, code: 'printed' }]);
    const health = await (await asAdmin(server)).get<{ devices: { printer: { kind: string; online: boolean } } }>(
      '/api/admin/health',
    );
    expect(health.body.devices.printer).toMatchObject({ kind: 'escpos-tcp', online: true });
  });

  it('a printer fault keeps the ticket valid, records the fault, and a counter can reprint', async () => {
    const port = await closedPort();
    const dataDir = mkdtempSync(join(tmpdir(), 'quayso-print-'));
    server = await startTestServer({ dataDir, printer: `tcp://127.0.0.1:${port}` });
    const r = await issue(server);
    expect(r.status).toBe(201);
    expect(r.body.print).toMatchObject({ ok: false, code: 'offline' });
    expect(r.body.print.message).toContain('cán bộ tại quầy có thể in lại');
    const snap = await new Client(server.url).get<QueueSnapshot>('/api/queue');
    expect(snap.body.tickets.map((t) => t.number)).toContain(r.body.ticket.number);
    const health = await (await asAdmin(server)).get<{ devices: { printer: { online: boolean; lastFault: { code: string } } } }>(
      '/api/admin/health',
    );
    expect(health.body.devices.printer.lastFault.code).toBe('offline');
    // Point the office at a working printer and reprint from a counter.
    printer = await startFakePrinter();
    const admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
    const office = await admin.get<{ settings: Record<string, unknown> }>('/api/admin/office');
    // PRINTER given at start-up wins over the office setting: start one without it.
    await server.close();
    server = await startTestServer({ dataDir });
    const admin2 = await new Client(server.url).login('admin', ADMIN_PASSWORD);
    await admin2.put('/api/admin/office', {
      ...office.body,
      settings: { printer: { uri: `tcp://127.0.0.1:${printer.port}` } },
    });
    const officer = await new Client(server.url).login('canbo1', OFFICER_PASSWORD);
    const again = await officer.post<{ print: { ok: boolean; code: string } }>(`/api/tickets/${r.body.ticket.id}/reprint`);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.print).toEqual({ ok: true, code: 'printed', message: null });
    await printer.waitForClosed(1);
    const kinds = server.app.db.prepare('SELECT kind, ok FROM print_log ORDER BY id').all();
    expect(kinds).toEqual([
      { kind: 'issue', ok: 0 },
      { kind: 'reprint', ok: 1 },
    ]);
    await server.close();
    server = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('paper end refuses to print and says so', async () => {
    printer = await startFakePrinter({ status: STATUS_PAPER_END });
    server = await startTestServer({ printer: `tcp://127.0.0.1:${printer.port}` });
    const r = await issue(server);
    expect(r.status).toBe(201);
    expect(r.body.print).toMatchObject({ ok: false, code: 'paper_end' });
    expect(r.body.print.message).toContain('hết giấy');
  });

  it('the simulated printer writes the PNG and bytes under DATA_DIR/printed', async () => {
    server = await startTestServer();
    const r = await issue(server);
    expect(r.body.print).toEqual({ ok: true, code: 'simulated', message: null });
    const day = r.body.ticket.issuedAt ? (await new Client(server.url).get<QueueSnapshot>('/api/queue')).body.office.serviceDay : '';
    const base = join(server.dataDir, 'printed', day, `${r.body.ticket.number}-${r.body.ticket.id}`);
    expect(existsSync(`${base}.png`)).toBe(true);
    expect(existsSync(`${base}.bin`)).toBe(true);
  });

  it('a kiosk with its own printer prints there; other kiosks use the office printer; a reprint goes back to it', async () => {
    printer = await startFakePrinter();
    const second = await startFakePrinter();
    try {
      server = await startTestServer({ printer: `tcp://127.0.0.1:${printer.port}` });
      const admin = await new Client(server.url).login('admin', ADMIN_PASSWORD);
      const office = (await admin.get<Record<string, unknown>>('/api/admin/office')).body;
      const kiosks = [
        { key: 'tang-2', name: 'Kiosk tầng 2', uri: `tcp://127.0.0.1:${second.port}` },
        { key: 'sanh-nho', name: 'Kiosk sảnh nhỏ', uri: 'none' },
      ];
      const saved = await admin.put('/api/admin/office', { ...office, settings: { printer: { kiosks } } });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);

      const kiosk = (id: string | null) => {
        const c = new Client((server as TestServer).url);
        if (id) c.headers['x-kiosk-id'] = id;
        return c;
      };
      const upstairs = await kiosk('TANG-2').post<IssuedTicket>('/api/tickets', { serviceId: 1 });
      expect(upstairs.body.print).toEqual({ ok: true, code: 'printed', message: null });
      await second.waitForClosed(1);
      expect(printer.connections).toHaveLength(0);

      const lobby = await kiosk('sanh-chinh').post<IssuedTicket>('/api/tickets', { serviceId: 1 });
      expect(lobby.body.print.code).toBe('printed');
      await printer.waitForClosed(1);
      expect(second.connections).toHaveLength(1);

      const noPrinter = await kiosk('sanh-nho').post<IssuedTicket>('/api/tickets', { serviceId: 1 });
      expect(noPrinter.body.print).toMatchObject({ ok: false, code: 'none' });

      const bad = await kiosk('kiosk 1; drop').post<{ error: { code: string; message: string } }>('/api/tickets', {
        serviceId: 1,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('x-kiosk-id');
      const count = server.app.db.prepare('SELECT COUNT(*) AS n, GROUP_CONCAT(kiosk_id) AS ids FROM tickets').get();
      expect(count).toEqual({ n: 3, ids: 'tang-2,sanh-chinh,sanh-nho' });

      const officer = await new Client(server.url).login('canbo1', OFFICER_PASSWORD);
      const again = await officer.post<{ print: { ok: boolean } }>(`/api/tickets/${upstairs.body.ticket.id}/reprint`);
      expect(again.body.print.ok).toBe(true);
      await second.waitForClosed(2);
      expect(printer.connections).toHaveLength(1);

      const log = server.app.db.prepare('SELECT kind, printer, code FROM print_log ORDER BY id').all();
      expect(log).toEqual([
        { kind: 'issue', printer: 'escpos-tcp (kiosk tang-2)', code: 'printed' },
        { kind: 'issue', printer: 'escpos-tcp', code: 'printed' },
        { kind: 'reprint', printer: 'escpos-tcp (kiosk tang-2)', code: 'printed' },
      ]);
      const health = await (await asAdmin(server)).get<{ devices: { printer: { online: boolean }; kioskPrinters: unknown[] } }>(
        '/api/admin/health',
      );
      expect(health.body.devices.printer.online).toBe(true);
      expect(health.body.devices.kioskPrinters).toEqual([
        expect.objectContaining({ kiosk: 'tang-2', name: 'Kiosk tầng 2', kind: 'escpos-tcp', online: true }),
        { kiosk: 'sanh-nho', name: 'Kiosk sảnh nhỏ', kind: 'none', online: false, error: null },
      ]);
    } finally {
      await server?.close();
      server = null;
      await second.close();
    }
  });

  it('with no printer the kiosk is told to show the number and QR', async () => {
    server = await startTestServer({ printer: 'none', publicUrl: 'http://192.168.1.10:3000' });
    const r = await issue(server);
    expect(r.body.print).toMatchObject({ ok: false, code: 'none' });
    expect(r.body.trackUrl).toBe(`http://192.168.1.10:3000/t/${r.body.publicCode}`);
  });
});
