/**
 * HTTP routes of the procedure catalogue and the working calendar: the public search and
 * details (kiosk, phones: no login) and the admin's list, edits, import, export and calendar.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { requireAdmin } from '../auth';
import { parse } from '../validate';
import { audit, auditChange } from '../../audit/http';
import { DomainError, notFound } from '../../domain/errors';
import { MAX_SEARCH_LIMIT, DEFAULT_SEARCH_LIMIT } from '../../domain/catalogue/procedureRepo';
import { procedureCode, procedureInput } from '../../domain/catalogue/schema';
import { exportProcedures, importProcedures, resolveField, toData } from '../../domain/catalogue/importExport';
import { hasNationalHolidays } from '../../domain/calendar/nationalHolidays';
import { localParts, weekdayOf } from '../../domain/time';
import type { CalendarYear } from '../../../shared/catalogue';

const searchQuery = z.object({
  q: z.string().max(200, 'tối đa 200 ký tự').default(''),
  serviceId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(DEFAULT_SEARCH_LIMIT),
});
const codeParam = z.object({ code: procedureCode });
const versionOnly = z.object({ version: z.number().int().min(0).optional() });
const importBody = z
  .object({
    format: z.enum(['json', 'csv'], { error: 'định dạng là json hoặc csv' }),
    content: z.string().min(1, 'tệp rỗng').max(8_000_000, 'tệp quá lớn (tối đa 8 MB)'),
    dryRun: z.boolean().default(false),
  })
  .strict();
const exportQuery = z.object({ format: z.enum(['json', 'csv'], { error: 'định dạng là json hoặc csv' }).default('csv') });

/** A real calendar date, yyyy-mm-dd. */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, 'ngày không có thật');
const dayParam = z.object({ day: isoDay });
const yearSchema = z.coerce.number().int().min(2000).max(2100);
const yearQuery = z.object({ year: yearSchema.optional() });
const dayBody = z
  .object({
    kind: z.enum(['holiday', 'working'], { error: 'loại ngày là holiday (nghỉ) hoặc working (làm bù)' }),
    name: z.string().trim().max(200).default(''),
    version: z.number().int().min(0).optional(),
  })
  .strict();
const nationalBody = z.object({ year: z.number().int().min(2000).max(2100), version: z.number().int().min(0).optional() }).strict();

/** Mounted at /api: the catalogue for the kiosk and phones, no login. */
export function cataloguePublicRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/procedures', (req, res) => {
    const { q, serviceId, limit } = parse(searchQuery, req.query);
    res.json({ procedures: ctx.procedures.search(q, { serviceId, limit }) });
  });
  r.get('/procedures/:code', (req, res) => {
    const { code } = parse(codeParam, req.params);
    const p = ctx.procedures.byCode(code);
    if (!p || !p.active) throw notFound(`thủ tục ${code}`);
    res.json(p);
  });
  r.get('/procedure-fields', (_req, res) => {
    res.json({ fields: ctx.procedures.fields() });
  });
  return r;
}

/** Mounted at /api/admin: procedures (list, edit, withdraw, import, export) and the calendar. */
export function catalogueAdminRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/procedures', requireAdmin, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(ctx.procedures.all());
  });

  r.get('/procedures/export', requireAdmin, (req, res) => {
    const { format } = parse(exportQuery, req.query);
    const day = todayOf(ctx);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="thu-tuc-${day}.${format}"`);
    res.send(exportProcedures(ctx.procedures, format));
  });

  r.put('/procedures/:code', requireAdmin, (req, res) => {
    const { code } = parse(codeParam, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.code !== undefined && body.code !== code) {
      throw new DomainError(400, 'invalid_input', `Mã trong nội dung (${String(body.code)}) khác mã trên đường dẫn (${code}). (The code in the body differs from the path.)`);
    }
    const input = parse(procedureInput, { ...body, code });
    const { version } = parse(versionOnly, body);
    const field = resolveField(input, ctx.procedures.services());
    if (typeof field === 'string') throw new DomainError(400, 'invalid_input', `Dữ liệu không hợp lệ: ${field}.`);
    const before = ctx.procedures.record(code);
    const { record, outcome } = ctx.procedures.save(toData(input, field.serviceId), version);
    if (outcome !== 'unchanged') {
      const { version: _a, updatedAt: _b, ...after } = record;
      const prev = before ? (({ version: _c, updatedAt: _d, ...rest }) => rest)(before) : null;
      auditChange(ctx, req, {
        action: outcome === 'created' ? 'procedure.create' : 'procedure.update',
        target: { kind: 'procedure', name: `${record.code} ${record.name}` },
        before: prev,
        after,
      });
    }
    res.status(outcome === 'created' ? 201 : 200).json(record);
  });

  r.delete('/procedures/:code', requireAdmin, (req, res) => {
    const { code } = parse(codeParam, req.params);
    const { version } = parse(versionOnly, req.body);
    const { before, after } = ctx.procedures.deactivate(code, version);
    if (before.active) {
      audit(ctx, req, {
        action: 'procedure.deactivate',
        target: { kind: 'procedure', name: `${after.code} ${after.name}` },
        before: { active: true },
        after: { active: false },
      });
    }
    res.json(after);
  });

  r.post('/imports/procedures', requireAdmin, (req, res) => {
    const { format, content, dryRun } = parse(importBody, req.body);
    const result = importProcedures(ctx.procedures, format, content, dryRun);
    if (!dryRun && result.created + result.updated > 0) {
      audit(ctx, req, { action: 'procedure.import', target: { kind: 'procedure' }, details: { format, ...result } });
    }
    res.json({ ...result, dryRun });
  });

  // ---- the working calendar

  const yearView = (year: number): CalendarYear => ({
    year,
    days: ctx.calendar.year(year),
    version: ctx.calendar.version(),
    nationalHolidaysKnown: hasNationalHolidays(year),
  });

  r.get('/calendar', requireAdmin, (req, res) => {
    const { year } = parse(yearQuery, req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(yearView(year ?? localParts(ctx.clock.now(), ctx.config.office().timeZone).year));
  });

  r.put('/calendar/days/:day', requireAdmin, (req, res) => {
    const { day } = parse(dayParam, req.params);
    const { kind, name, version } = parse(dayBody, req.body);
    const w = weekdayOf(day);
    if (kind === 'working' && w >= 1 && w <= 5) {
      throw new DomainError(
        400,
        'invalid_input',
        `Ngày ${day} là ngày thường, đã là ngày làm việc; ngày làm bù chỉ đặt vào thứ Bảy hoặc Chủ nhật. (A weekday is already a working day.)`,
      );
    }
    const before = ctx.calendar.day(day);
    ctx.calendar.setDay({ day, kind, name }, version);
    auditChange(ctx, req, {
      action: 'calendar.update',
      target: { kind: 'calendar', name: day },
      before: before ? { kind: before.kind, name: before.name } : null,
      after: { kind, name },
    });
    res.json(yearView(Number(day.slice(0, 4))));
  });

  r.delete('/calendar/days/:day', requireAdmin, (req, res) => {
    const { day } = parse(dayParam, req.params);
    const { version } = parse(versionOnly, req.body);
    const before = ctx.calendar.day(day);
    if (!before) throw notFound(`ngày ${day} trong lịch`);
    ctx.calendar.removeDay(day, version);
    audit(ctx, req, {
      action: 'calendar.update',
      target: { kind: 'calendar', name: day },
      before: { kind: before.kind, name: before.name },
      after: null,
      details: { removed: day },
    });
    res.json(yearView(Number(day.slice(0, 4))));
  });

  r.post('/calendar/national-holidays', requireAdmin, (req, res) => {
    const { year, version } = parse(nationalBody, req.body);
    const added = ctx.calendar.addNationalHolidays(year, version);
    audit(ctx, req, {
      action: 'calendar.update',
      target: { kind: 'calendar', name: String(year) },
      details: { nationalHolidays: year, added: added.map((d) => d.day) },
    });
    res.json({ ...yearView(year), added });
  });
  return r;
}

function todayOf(ctx: AppContext): string {
  const p = localParts(ctx.clock.now(), ctx.config.office().timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
