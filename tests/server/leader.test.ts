import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { migrate } from '../../server/db/database';
import type { Report, ReportMeta, TodaySummary } from '../../server/domain/reports/types';

const LEADER_PASSWORD = 'leader-pass-123';
let s: TestServer;
let admin: Client;
let leader: Client;
let officer: Client;

beforeAll(async () => {
  s = await startTestServer();
  await s.app.ctx.officers.save({ name: 'Chủ tịch UBND', username: 'lanhdao', role: 'leader', active: true, counterIds: [], password: LEADER_PASSWORD });
  admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
  leader = await new Client(s.url).login('lanhdao', LEADER_PASSWORD);
  officer = await new Client(s.url).login('canbo1', OFFICER_PASSWORD);
  // some activity today
  for (let i = 0; i < 3; i++) await new Client(s.url).post('/api/tickets', { serviceId: s.app.ctx.config.services()[0]!.id });
});
afterAll(async () => {
  await s.close();
});

describe('the leader role', () => {
  it('reads the reports, the dashboard and the queue', async () => {
    const meta = await leader.get<ReportMeta>('/api/reports/meta');
    expect(meta.status).toBe(200);
    expect(meta.body.services.length).toBeGreaterThan(0);
    expect(meta.body.demo).toBeNull();
    const today = await leader.get<TodaySummary>('/api/reports/today');
    expect(today.status).toBe(200);
    expect(today.body.issued).toBe(3);
    expect(today.body.waiting).toBe(3);
    const day = today.body.day;
    const r = await leader.get<Report>(`/api/reports/tickets?from=${day}&to=${day}&groupBy=day`);
    expect(r.status).toBe(200);
    expect(r.body.tables[0]!.rows.at(-1)!.slice(0, 2)).toEqual(['Tổng cộng', 3]);
    const counter = s.app.ctx.config.counters()[0]!;
    expect((await leader.get(`/api/counters/${counter.id}`)).status).toBe(200);
  });

  it('changes nothing: every state-changing request is refused with 403', async () => {
    const counter = s.app.ctx.config.counters()[0]!;
    const office = await admin.get<{ version: number }>('/api/admin/office');
    const attempts: [string, string, unknown][] = [
      ['POST', `/api/counters/${counter.id}/call-next`, {}],
      ['POST', `/api/counters/${counter.id}/pause`, {}],
      ['PUT', '/api/admin/office', office.body],
      ['PUT', '/api/admin/opening-hours', { version: 1, hours: [] }],
      ['POST', '/api/admin/officers', { name: 'X', username: 'x1', role: 'admin', active: true, counterIds: [], password: 'abcdefgh12' }],
      ['POST', '/api/admin/imports/procedures', { rows: [] }],
      ['POST', '/api/admin/imports/dossiers', { rows: [] }],
      ['POST', '/api/admin/backups', {}],
      ['POST', '/api/tickets', { serviceId: 1 }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await leader.request<{ error: { code: string; message: string } }>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('leader_read_only');
      expect(res.body.error.message).toMatch(/^Tài khoản lãnh đạo .*\(Leader accounts are read-only\.\)$/);
    }
    // nothing happened
    expect((await leader.get<TodaySummary>('/api/reports/today')).body).toMatchObject({ issued: 3, waiting: 3 });
    expect(s.app.ctx.officers.list().some((o) => o.username === 'x1')).toBe(false);
  });

  it('may still log out and change the own password', async () => {
    const other = await new Client(s.url).login('lanhdao', LEADER_PASSWORD);
    expect((await other.post('/api/auth/logout')).status).toBeLessThan(300);
  });

  it('an admin can create a leader; an officer cannot read reports', async () => {
    const created = await admin.post<{ role: string }>('/api/admin/officers', {
      name: 'Phó Chủ tịch',
      username: 'phochutich',
      role: 'leader',
      active: true,
      counterIds: [],
      password: 'pho-chu-tich-123',
    });
    expect(created.status).toBeLessThan(300);
    expect(created.body.role).toBe('leader');
    const refused = await officer.get<{ error: { code: string; message: string } }>('/api/reports/meta');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('(Admins and leaders only.)');
    expect((await new Client(s.url).get('/api/reports/today')).status).toBe(401);
  });
});

describe('report HTTP API', () => {
  it('refuses bad queries with a bilingual 400', async () => {
    for (const qs of ['from=2026-02-30&to=2026-03-01', 'from=2026-03-02&to=2026-03-01', 'from=2000-01-01&to=2026-01-01', 'from=2026-01-01&to=2026-01-31&groupBy=decade', 'from=2026-01-01&to=2026-01-31&serviceId=abc', 'to=2026-01-31']) {
      const r = await admin.get<{ error: { code: string; message: string } }>(`/api/reports/tickets?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(r.body.error.message).toMatch(/^Dữ liệu không hợp lệ.*\(.*\)$/);
    }
    expect((await admin.get('/api/reports/nonsense?from=2026-01-01&to=2026-01-02')).status).toBe(400);
    const noTable = await admin.get<{ error: { code: string } }>('/api/reports/tickets?from=2026-01-01&to=2026-01-02&format=csv&table=nope');
    expect(noTable.status).toBe(404);
  });

  it('downloads CSV (with BOM) and XLSX', async () => {
    const day = (await admin.get<TodaySummary>('/api/reports/today')).body.day;
    const csv = await fetch(`${s.url}/api/reports/tickets?from=${day}&to=${day}&format=csv&table=tickets_by_field`, { headers: { cookie: leader.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('tickets_by_field.csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(Buffer.from(bytes), { bom: true }) as string[][];
    expect(rows[0]![0]).toBe('Lĩnh vực');
    expect(rows.slice(1).reduce((n, r) => n + Number(r[1]), 0)).toBe(3);
    const xlsx = await fetch(`${s.url}/api/reports/satisfaction?from=${day}&to=${day}&format=xlsx`, { headers: { cookie: admin.cookie } });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.length).toBe(7);
    expect(wb.worksheets[0]!.getCell('A2').value).toBe('MỨC ĐỘ HÀI LÒNG – Số lượt theo mức đánh giá');
  });
});

describe('migration 010 on a database created at 009', () => {
  it('keeps officers, sessions and the tickets that name them, and accepts the leader role', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quayso-mig-'));
    try {
      const m9 = join(dir, 'm');
      mkdirSync(m9);
      const all = readdirSync('server/db/migrations').filter((f) => /^\d{3}_/.test(f));
      for (const f of all.filter((x) => x < '010')) copyFileSync(join('server/db/migrations', f), join(m9, f));
      const db = new Database(join(dir, 'q.db'));
      db.pragma('foreign_keys = ON');
      migrate(db, m9);
      db.prepare("INSERT INTO services (code, name) VALUES ('A', 'Tư pháp')").run();
      db.prepare("INSERT INTO counters (number, name) VALUES (1, 'Quầy 1')").run();
      db.prepare("INSERT INTO officers (name, username, password_hash, role, created_at, version, must_change_password) VALUES ('Lan', 'lan', 'h1', 'officer', 't', 4, 1)").run();
      db.prepare("INSERT INTO officers (name, username, password_hash, role, created_at) VALUES ('Quản trị', 'admin', 'h2', 'admin', 't')").run();
      db.prepare("INSERT INTO officer_counters VALUES (1, 1)").run();
      db.prepare("INSERT INTO sessions VALUES ('tok', 1, 't', 'x')").run();
      db.prepare(
        "INSERT INTO tickets (public_code, service_day, service_id, issued_service_id, seq, number, status, counter_id, officer_id, issued_at, queue_at) VALUES ('c', '2026-01-01', 1, 1, 1, 'A001', 'done', 1, 1, 't', 't')",
      ).run();
      expect(() => db.prepare("INSERT INTO officers (name, username, password_hash, role, created_at) VALUES ('L', 'l', 'h', 'leader', 't')").run()).toThrow(/CHECK/);
      for (const f of all) copyFileSync(join('server/db/migrations', f), join(m9, f));
      expect(migrate(db, m9)).toContain(10);
      expect(db.prepare('SELECT id, name, username, role, version, must_change_password AS m FROM officers ORDER BY id').all()).toEqual([
        { id: 1, name: 'Lan', username: 'lan', role: 'officer', version: 4, m: 1 },
        { id: 2, name: 'Quản trị', username: 'admin', role: 'admin', version: 1, m: 0 },
      ]);
      expect(db.prepare('SELECT officer_id FROM sessions').pluck().get()).toBe(1);
      expect(db.prepare('SELECT officer_id FROM tickets').pluck().get()).toBe(1);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // the rebuilt table keeps its rules: unique username (any case), valid roles, live references
      db.prepare("INSERT INTO officers (name, username, password_hash, role, created_at) VALUES ('L', 'lanhdao', 'h', 'leader', 't')").run();
      expect(() => db.prepare("INSERT INTO officers (name, username, password_hash, role, created_at) VALUES ('L', 'LAN', 'h', 'officer', 't')").run()).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO officers (name, username, password_hash, role, created_at) VALUES ('L', 'z', 'h', 'boss', 't')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO sessions VALUES ('t2', 99, 't', 'x')").run()).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare('DELETE FROM officers WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
