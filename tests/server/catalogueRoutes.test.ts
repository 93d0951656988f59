import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/audit';
import type { CalendarYear, Procedure, ProcedureField, ProcedureRecord, ProcedureSummary } from '../../shared/catalogue';
import { DEMO_PROCEDURES } from '../../server/domain/catalogue/demoProcedures';
import { hasNationalHolidays, nationalHolidays } from '../../server/domain/calendar/nationalHolidays';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

let s: TestServer;
let admin: Client;
let kiosk: Client;
interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
  kiosk = new Client(s.url);
});
afterAll(async () => {
  await s.close();
});

describe('public catalogue routes', () => {
  it('the demo office has its procedures and this year\'s and next year\'s holidays', async () => {
    const r = await kiosk.get<{ procedures: ProcedureSummary[] }>('/api/procedures?q=khai%20sinh');
    expect(r.status).toBe(200);
    expect(r.body.procedures[0]).toMatchObject({ code: '1.001193', name: 'Đăng ký khai sinh', fieldName: 'Hộ tịch' });
    const fields = await kiosk.get<{ fields: ProcedureField[] }>('/api/procedure-fields');
    const tp = s.app.ctx.config.services().find((x) => x.code === 'TP')!;
    expect(fields.body.fields.find((f) => f.serviceId === tp.id)?.count).toBe(DEMO_PROCEDURES.filter((p) => p.field === 'TP').length);
    const year = new Date().getFullYear();
    for (const y of [year, year + 1]) {
      expect(s.app.ctx.calendar.year(y).length).toBe(hasNationalHolidays(y) ? nationalHolidays(y).length : 0);
    }
  });

  it('searches by field, without diacritics, with a limit', async () => {
    const tp = s.app.ctx.config.services().find((x) => x.code === 'TP')!;
    const r = await kiosk.get<{ procedures: ProcedureSummary[] }>(`/api/procedures?q=dang%20ky&serviceId=${tp.id}&limit=3`);
    expect(r.body.procedures).toHaveLength(3);
    expect(r.body.procedures.every((p) => p.serviceId === tp.id)).toBe(true);
  });

  it('gives one procedure by code, and a bilingual 404 for an unknown one', async () => {
    const r = await kiosk.get<Procedure>('/api/procedures/2.000635');
    expect(r.status).toBe(200);
    expect(r.body.channels[0]?.fee).toContain('8.000');
    const missing = await kiosk.get<ErrorBody>('/api/procedures/9.999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/^Không tìm thấy thủ tục 9\.999999\. \(Not found/);
  });

  it.each([
    '/api/procedures?limit=0',
    '/api/procedures?limit=500',
    '/api/procedures?serviceId=abc',
    '/api/procedures?q=a&q=b',
    `/api/procedures?q=${'a'.repeat(201)}`,
    '/api/procedures/bad%20code!',
  ])('refuses %s with a 400', async (path) => {
    const r = await kiosk.get<ErrorBody>(path);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_input');
    expect(r.body.error.message).toContain('(Invalid input.)');
  });
});

describe('admin procedures', () => {
  const body = {
    name: 'Đăng ký giám hộ',
    field: 'TP',
    fieldName: 'Hộ tịch',
    level: 'mot_phan',
    channels: [{ channel: 'truc_tiep', time: { unit: 'working_days', value: 3 }, fee: 'Miễn lệ phí' }],
    documents: [{ name: 'Tờ khai đăng ký giám hộ', form: 'original', copies: 1 }],
  };

  it('creates with PUT, updates with the version, refuses a stale version, withdraws with DELETE; all audited', async () => {
    const created = await admin.put<ProcedureRecord>('/api/admin/procedures/1.004837', body);
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    const updated = await admin.put<ProcedureRecord>('/api/admin/procedures/1.004837', { ...body, sets: 2, version: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ sets: 2, version: 2 });
    const stale = await admin.put<ErrorBody>('/api/admin/procedures/1.004837', { ...body, sets: 3, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    const gone = await admin.request<ProcedureRecord>('DELETE', '/api/admin/procedures/1.004837', { version: 2 });
    expect(gone.body.active).toBe(false);
    expect((await kiosk.get('/api/procedures/1.004837')).status).toBe(404);
    expect((await kiosk.get<{ procedures: unknown[] }>('/api/procedures?q=giam%20ho')).body.procedures).toEqual([]);
    const log = await admin.get<AuditPage>('/api/admin/audit?action=procedure');
    expect(log.body.entries.map((e) => e.action)).toEqual(['procedure.deactivate', 'procedure.update', 'procedure.create']);
    expect(log.body.entries[1]?.after).toEqual({ sets: 2 });
  });

  it('refuses bad bodies: another code, an unknown field, a bad document', async () => {
    expect((await admin.put('/api/admin/procedures/1.1', { ...body, code: '1.2' })).status).toBe(400);
    const field = await admin.put<ErrorBody>('/api/admin/procedures/1.1', { ...body, field: 'KHONG' });
    expect(field.body.error.message).toContain('KHONG');
    expect((await admin.put('/api/admin/procedures/1.1', { ...body, documents: [{ name: '', form: 'original', copies: 1 }] })).status).toBe(400);
    expect(s.app.ctx.procedures.record('1.1')).toBeNull();
    expect((await admin.request('DELETE', '/api/admin/procedures/1.1', {})).status).toBe(404);
  });

  it('imports over HTTP (dry run first), refuses a bad file whole, exports as an attachment', async () => {
    const file = { format: 'csv', content: 'code,name,field\n5.000001,Thủ tục nhập một,TP\n5.000002,Thủ tục nhập hai,VHXH\n' };
    const dry = await admin.post('/api/admin/imports/procedures', { ...file, dryRun: true });
    expect(dry.body).toEqual({ created: 2, updated: 0, unchanged: 0, dryRun: true });
    expect(s.app.ctx.procedures.record('5.000001')).toBeNull();
    const done = await admin.post('/api/admin/imports/procedures', file);
    expect(done.body).toEqual({ created: 2, updated: 0, unchanged: 0, dryRun: false });
    const bad = await admin.post<ErrorBody>('/api/admin/imports/procedures', {
      format: 'csv',
      content: 'code,name,field\n5.000003,Ba,TP\n5.000004,,TP\n',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('import_invalid');
    expect(bad.body.error.details).toEqual([{ line: 3, code: '5.000004', reason: expect.stringContaining('name') }]);
    expect(s.app.ctx.procedures.record('5.000003')).toBeNull();
    expect((await admin.post('/api/admin/imports/procedures', { format: 'xml', content: 'x' })).status).toBe(400);

    const res = await fetch(`${s.url}/api/admin/procedures/export?format=csv`, { headers: { cookie: admin.cookie } });
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="thu-tuc-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await res.text();
    expect(csv).toContain('5.000002,Thủ tục nhập hai,VHXH');
    const again = await admin.post('/api/admin/imports/procedures', { format: 'csv', content: csv });
    expect(again.body).toMatchObject({ created: 0, updated: 0 });
    const json = await fetch(`${s.url}/api/admin/procedures/export?format=json`, { headers: { cookie: admin.cookie } });
    expect(((await json.json()) as { procedures: unknown[] }).procedures.length).toBe(s.app.ctx.procedures.all().length);
    const log = await admin.get<AuditPage>('/api/admin/audit?action=procedure.import');
    expect(log.body.entries).toHaveLength(1);
    expect(log.body.entries[0]?.details).toEqual({ format: 'csv', created: 2, updated: 0, unchanged: 0 });
  });

  it('a state change that is not JSON is refused (415), an officer is refused (403), a stranger (401)', async () => {
    const res = await fetch(`${s.url}/api/admin/imports/procedures`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
      body: 'code,name\n',
    });
    expect(res.status).toBe(415);
    const officer = await new Client(s.url).login('canbo1', OFFICER_PASSWORD);
    expect((await officer.get('/api/admin/procedures')).status).toBe(403);
    expect((await new Client(s.url).get('/api/admin/calendar')).status).toBe(401);
  });
});

describe('admin calendar', () => {
  it('lists a year, adds a compensatory Saturday, removes it, refuses bad days and stale versions; audited', async () => {
    // Seeded only for the current and next year: make sure 2026 is there whatever today is.
    await admin.post('/api/admin/calendar/national-holidays', { year: 2026 });
    const y = await admin.get<CalendarYear>('/api/admin/calendar?year=2026');
    expect(y.body.nationalHolidaysKnown).toBe(true);
    expect(y.body.days.find((d) => d.day === '2026-04-27')?.name).toContain('Giỗ Tổ');
    const set = await admin.put<CalendarYear>('/api/admin/calendar/days/2026-12-19', { kind: 'working', name: 'Làm bù', version: y.body.version });
    expect(set.status).toBe(200);
    expect(set.body.days.find((d) => d.day === '2026-12-19')).toEqual({ day: '2026-12-19', kind: 'working', name: 'Làm bù' });
    expect(s.app.ctx.calendar.isWorkingDay('2026-12-19')).toBe(true);
    const stale = await admin.put<ErrorBody>('/api/admin/calendar/days/2026-12-26', { kind: 'working', name: '', version: y.body.version });
    expect(stale.status).toBe(409);
    const weekday = await admin.put<ErrorBody>('/api/admin/calendar/days/2026-12-21', { kind: 'working', name: '' });
    expect(weekday.status).toBe(400);
    expect(weekday.body.error.message).toContain('thứ Bảy hoặc Chủ nhật');
    expect((await admin.put('/api/admin/calendar/days/2026-02-30', { kind: 'holiday', name: '' })).status).toBe(400);
    expect((await admin.put('/api/admin/calendar/days/2026-12-22', { kind: 'nghỉ', name: '' })).status).toBe(400);
    const removed = await admin.request<CalendarYear>('DELETE', '/api/admin/calendar/days/2026-12-19', {});
    expect(removed.body.days.find((d) => d.day === '2026-12-19')).toBeUndefined();
    expect((await admin.request('DELETE', '/api/admin/calendar/days/2026-12-19', {})).status).toBe(404);
    const unknown = await admin.post<ErrorBody>('/api/admin/calendar/national-holidays', { year: 2040 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('year_not_supported');
    const again = await admin.post<CalendarYear & { added: unknown[] }>('/api/admin/calendar/national-holidays', { year: 2027 });
    expect(again.body.added).toEqual([]);
    const log = await admin.get<AuditPage>('/api/admin/audit?action=calendar');
    expect(log.body.entries.map((e) => e.details ?? e.after)).toHaveLength(4);
  });
});
