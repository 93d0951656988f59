import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { requireAdmin } from '../auth';
import { DomainError } from '../../domain/errors';
import { hhmmToMinutes, minutesToHhmm } from '../../domain/time';
import { isValidTimeZone } from '../../../shared/zonedTime';
import { officeSettingsSchema } from '../../config/officeSettings';
import { closingTime, idParam, idSchema, invalidField, nameText, parse, timeOfDay } from '../validate';
import { adminHealth } from '../health';

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
  role: z.enum(['officer', 'admin']).default('officer'),
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
    return { ...o, dayStart: minutesToHhmm(o.dayStartMinutes) };
  };
  r.get('/office', (_req, res) => {
    res.json(officeView());
  });
  r.put('/office', async (req, res) => {
    const { dayStart, ...b } = parse(officeBody, req.body);
    // Device paths and the logo are checked on this machine before anything is saved.
    const printer = await ctx.printer.check(b.settings.printer);
    if (!printer.ok) throw invalidField(printer.setting, printer.reason, printer.english);
    ctx.config.saveOffice({ ...b, dayStartMinutes: hhmmToMinutes(dayStart) });
    await ctx.printer.apply(printer);
    changed();
    res.json(officeView());
  });

  const hoursView = () =>
    ctx.config
      .openingHours()
      .map((h) => ({ weekday: h.weekday, open: minutesToHhmm(h.openMinutes), close: minutesToHhmm(h.closeMinutes) }));
  r.get('/opening-hours', (_req, res) => {
    res.json({ hours: hoursView() });
  });
  r.put('/opening-hours', (req, res) => {
    const { hours } = parse(hoursBody, req.body);
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
    ctx.config.setOpeningHours(intervals);
    changed();
    res.json({ hours: hoursView() });
  });

  /** GET list, POST create, PUT update, for one kind of configuration row. */
  function crud<S extends z.ZodType, T>(
    path: string,
    schema: S,
    list: () => T[],
    save: (input: z.infer<S>, id?: number) => T | Promise<T>,
  ) {
    r.get(path, (_req, res) => {
      res.json(list());
    });
    r.post(path, async (req, res) => {
      const saved = await save(parse(schema, req.body));
      changed();
      res.status(201).json(saved);
    });
    r.put(`${path}/:id`, async (req, res) => {
      const { id } = parse(idParam, req.params);
      const saved = await save(parse(schema, req.body), id);
      changed();
      res.json(saved);
    });
  }

  crud('/services', serviceBody, () => ctx.config.services(), (b, id) => ctx.config.saveService(b, id));
  crud('/counters', counterBody, () => ctx.config.counters(), (b, id) => ctx.config.saveCounter(b, id));
  crud('/priorities', priorityBody, () => ctx.config.priorities(), (b, id) => ctx.config.savePriority(b, id));
  crud('/officers', officerBody, () => ctx.officers.list(), (b, id) => {
    if (id === undefined && !b.password) {
      throw new DomainError(400, 'invalid_input', 'Cần mật khẩu cho tài khoản mới. (Password required.)');
    }
    for (const c of b.counterIds) ctx.config.counter(c);
    return ctx.officers.save(b, id);
  });

  return r;
}
