import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { requireAdmin } from '../auth';
import { DomainError } from '../../domain/errors';
import { hhmmToMinutes, minutesToHhmm } from '../../domain/time';
import { isValidTimeZone } from '../../../shared/zonedTime';
import { officeSettingsSchema } from '../../config/officeSettings';
import { closingTime, idSchema, invalidField, nameText, parse, timeOfDay } from '../validate';
import { adminHealth } from '../health';
import { mountCrud, versionBody } from './adminCrud';
import { auditChange, auditListHandler } from '../../audit/http';

const officeBody = z.object({
  name: nameText,
  agencyCode: z.string().regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, 'mã định danh dạng 000.00.00.H56'),
  timeZone: z.string().refine(isValidTimeZone, 'múi giờ không hợp lệ').default('Asia/Ho_Chi_Minh'),
  dayStart: timeOfDay.default('00:00'),
  priorityStreakLimit: z.number().int().min(0).max(50).default(3),
  callOrder: z.enum(['oldest', 'preference']).default('oldest'),
  ticketRateLimitPerMinute: z.number().int().min(0).max(10_000).default(12),
  defaultServiceMinutes: z.number().min(0.5).max(480).default(6),
  notice: z.string().max(1000).default(''),
  settings: officeSettingsSchema.default({}),
});

const hoursBody = z.object({
  hours: z
    .array(z.object({ weekday: z.number().int().min(0).max(6), open: timeOfDay, close: closingTime }))
    .max(50),
});

const serviceBody = z
  .object({
    code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/, 'mã chỉ gồm chữ, số, - và _'),
    name: nameText,
    nameEn: z.string().trim().max(200).default(''),
    icon: z.string().trim().regex(/^[a-z0-9-]{1,40}$/).default('document'),
    prefix: z.string().trim().regex(/^[A-Z]{0,3}$/, 'tiền tố là 0–3 chữ cái in hoa').default(''),
    firstNumber: z.number().int().min(0).max(999_999).default(1),
    lastNumber: z.number().int().min(1).max(999_999).default(999),
    step: z.number().int().min(1).max(1000).default(1),
    digits: z.number().int().min(1).max(6).default(3),
    dailyMax: z.number().int().min(1).max(999_999).nullable().default(null),
    fixedCounterId: idSchema.nullable().default(null),
    active: z.boolean().default(true),
    sortOrder: z.number().int().min(0).max(10_000).default(0),
  })
  .refine((s) => s.lastNumber >= s.firstNumber, { message: 'số cuối phải ≥ số đầu', path: ['lastNumber'] })
  .refine((s) => String(s.lastNumber).length <= s.digits || s.prefix === '', {
    message: 'số chữ số không đủ cho số cuối',
    path: ['digits'],
  });

const counterBody = z.object({
  number: z.number().int().min(1).max(999),
  name: nameText,
  active: z.boolean().default(true),
  serviceIds: z.array(idSchema).max(100).refine((a) => new Set(a).size === a.length, 'lĩnh vực bị lặp'),
});

const officerBody = z.object({
  name: nameText,
  username: z.string().trim().regex(/^[a-zA-Z0-9._-]{3,40}$/, 'tên đăng nhập 3–40 ký tự a-z 0-9 . _ -'),
  role: z.enum(['officer', 'admin', 'leader']).default('officer'),
  active: z.boolean().default(true),
  counterIds: z.array(idSchema).max(100).default([]),
  password: z.string().min(8, 'mật khẩu ít nhất 8 ký tự').max(200).optional(),
});

const priorityBody = z.object({
  name: nameText,
  nameEn: z.string().trim().max(200).default(''),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});

/** Office configuration: admins only. Every change is pushed to connected clients. */
export function adminRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use(requireAdmin);
  const changed = () => ctx.events.emit([{ type: 'configChanged' }]);

  r.get('/health', async (_req, res) => {
    res.json(await adminHealth(ctx));
  });

  const officeView = () => {
    const o = ctx.config.office();
    return { ...o, dayStart: minutesToHhmm(o.dayStartMinutes), version: ctx.config.version('office') };
  };
  r.get('/office', (_req, res) => {
    res.json(officeView());
  });
  r.put('/office', async (req, res) => {
    const { dayStart, ...b } = parse(officeBody, req.body);
    const { version } = parse(versionBody, req.body);
    const before = officeView();
    // Device paths and the logo are checked on this machine before anything is saved.
    const printer = await ctx.printer.check(b.settings.printer);
    if (!printer.ok) throw invalidField(printer.setting, printer.reason, printer.english);
    // The backups' second folder must exist and be writable now.
    const backup = await ctx.backups.check(b.settings.backup);
    if (!backup.ok) throw invalidField(backup.setting, backup.reason, backup.english);
    ctx.config.saveOffice({ ...b, dayStartMinutes: hhmmToMinutes(dayStart) }, version);
    await ctx.printer.apply(printer);
    changed();
    const after = officeView();
    auditChange(ctx, req, { action: 'office.update', target: { kind: 'office', name: after.name }, before, after });
    res.json(after);
  });

  const hoursView = () =>
    ctx.config
      .openingHours()
      .map((h) => ({ weekday: h.weekday, open: minutesToHhmm(h.openMinutes), close: minutesToHhmm(h.closeMinutes) }));
  /** The hours of each weekday as one line ("07:30–11:30, 13:30–17:00"), for the audit log. */
  const hoursByDay = () => {
    const days: Record<string, string> = {};
    for (const h of hoursView()) {
      const key = `weekday${h.weekday}`;
      days[key] = [days[key], `${h.open}–${h.close}`].filter(Boolean).join(', ');
    }
    return days;
  };
  r.get('/opening-hours', (_req, res) => {
    res.json({ hours: hoursView(), version: ctx.config.version('hours') });
  });
  r.put('/opening-hours', (req, res) => {
    const { hours } = parse(hoursBody, req.body);
    const { version } = parse(versionBody, req.body);
    const before = hoursByDay();
    const intervals = hours.map((h, i) => {
      const openMinutes = hhmmToMinutes(h.open);
      const closeMinutes = hhmmToMinutes(h.close);
      if (closeMinutes <= openMinutes) {
        throw invalidField(
          `hours.${i}.close`,
          `giờ đóng (${h.close}) phải sau giờ mở (${h.open})`,
          'Closing time must be after opening time.',
        );
      }
      return { weekday: h.weekday, openMinutes, closeMinutes };
    });
    ctx.config.setOpeningHours(intervals, version);
    changed();
    auditChange(ctx, req, {
      action: 'hours.update',
      target: { kind: 'hours', name: 'Giờ làm việc' },
      before,
      after: hoursByDay(),
    });
    res.json({ hours: hoursView(), version: ctx.config.version('hours') });
  });

  const crud = <S extends z.ZodType, T extends { id: number }>(k: Parameters<typeof mountCrud<S, T>>[3]) =>
    mountCrud(r, ctx, changed, k);
  crud({
    path: '/services',
    kind: 'service',
    schema: serviceBody,
    list: () => ctx.config.services(),
    name: (s) => `${s.code} – ${s.name}`,
    save: (b, id, v) => ctx.config.saveService(b, id, v),
  });
  crud({
    path: '/counters',
    kind: 'counter',
    schema: counterBody,
    list: () => ctx.config.counters(),
    name: (c) => c.name,
    save: (b, id, v) => ctx.config.saveCounter(b, id, v),
  });
  crud({
    path: '/priorities',
    kind: 'priority',
    schema: priorityBody,
    list: () => ctx.config.priorities(),
    name: (p) => p.name,
    save: (b, id, v) => ctx.config.savePriority(b, id, v),
  });
  crud({
    path: '/officers',
    kind: 'officer',
    schema: officerBody,
    list: () => ctx.officers.list(),
    name: (o) => `${o.name} (${o.username})`,
    // A password set by an admin (a new account, a reset) must be changed by its owner at the next login.
    save: (b, id, v, req) => {
      if (id === undefined && !b.password) {
        throw new DomainError(400, 'invalid_input', 'Cần mật khẩu cho tài khoản mới. (Password required.)');
      }
      for (const c of b.counterIds) ctx.config.counter(c);
      return ctx.officers.save(b, id, { expectedVersion: v, mustChangePassword: id !== req.officer?.id });
    },
    details: (b, id) => (b.password && id !== undefined ? { passwordReset: true } : null),
  });

  r.get('/audit', auditListHandler(ctx));

  return r;
}
