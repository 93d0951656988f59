/**
 * HTTP routes of satisfaction ratings (docs/ratings.md): a paired tablet's ratings (device
 * token in X-Rating-Device), the counter's pairing confirmation, and the admin's ratings,
 * devices and button box. Ratings' settings are saved with the office (settings.ratings).
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { currentOfficer, requireAdmin, requireOfficer } from '../auth';
import { DomainError } from '../../domain/errors';
import { idParam, idSchema, parse } from '../validate';
import { audit } from '../../audit/http';
import { RATE_DEVICE_HEADER, RATING_LEVELS } from '../../../shared/ratings';
import { MAX_REASON_TEXT } from '../../domain/ratings/ratingService';

const rateBody = z
  .object({
    ticketId: idSchema.nullish(),
    level: z.enum(RATING_LEVELS, { message: 'mức đánh giá không hợp lệ' }),
    source: z.enum(['tablet', 'keypad']).default('tablet'),
  })
  .strict();
const reasonsBody = z
  .object({
    reasons: z.array(z.string().max(40)).max(12).default([]),
    reasonText: z.string().max(MAX_REASON_TEXT, `tối đa ${MAX_REASON_TEXT} ký tự`).default(''),
  })
  .strict();
const codeBody = z.object({ code: z.string().regex(/^\d{6}$/, 'mã ghép nối gồm 6 chữ số') }).strict();
const adminConfirmBody = codeBody.extend({ counterId: idSchema });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');
const summaryQuery = z.object({ from: day.optional(), to: day.optional() });

const notPaired = () =>
  new DomainError(
    401,
    'device_not_paired',
    'Thiết bị này chưa được ghép nối với quầy. Mở trang đánh giá và xác nhận mã tại quầy. (This device is not paired with a counter.)',
  );

/** The paired tablet of a request, from its device token. */
function deviceOf(ctx: AppContext, req: Request) {
  const header = req.headers[RATE_DEVICE_HEADER];
  const device = ctx.ratings.devices.authenticate(typeof header === 'string' ? header : null);
  if (!device) throw notPaired();
  ctx.ratings.devices.seen(device.deviceId);
  return device;
}

const mayWorkAt = (ctx: AppContext, req: Request, counterId: number) => {
  const officer = currentOfficer(req);
  const counter = ctx.config.counter(counterId);
  if (officer.role !== 'admin' && officer.counterIds.length > 0 && !officer.counterIds.includes(counterId)) {
    throw new DomainError(403, 'not_your_counter', `Tài khoản này không được làm việc tại quầy ${counter.number}. (Not your counter.)`);
  }
  return counter;
};

/** Mounted at /api: tablets' ratings and the counter's pairing. */
export function ratingRoutes(ctx: AppContext): Router {
  const r = Router();
  r.post('/rate', (req, res) => {
    const device = deviceOf(ctx, req);
    const b = parse(rateBody, req.body);
    const stored = ctx.ratings.service.rate({ counterId: device.counterId, level: b.level, source: b.source, ticketId: b.ticketId ?? null });
    res.status(201).json({
      id: stored.id,
      ticketId: stored.ticketId,
      level: stored.level,
      askReasons: stored.level === 'unsatisfied' || stored.level === 'very_unsatisfied',
    });
  });

  r.post('/rate/:id/reasons', (req, res) => {
    const device = deviceOf(ctx, req);
    const { id } = parse(idParam, req.params);
    const b = parse(reasonsBody, req.body);
    ctx.ratings.service.addReasons(id, device.counterId, b.reasons, b.reasonText);
    res.status(204).end();
  });

  r.get('/counters/:id/rating-pairing', requireOfficer, (req, res) => {
    const { id } = parse(idParam, req.params);
    mayWorkAt(ctx, req, id);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ request: ctx.ratings.devices.pendingFor(id) });
  });

  r.post('/counters/:id/rating-pairing', requireOfficer, (req, res) => {
    const { id } = parse(idParam, req.params);
    const counter = mayWorkAt(ctx, req, id);
    const { code } = parse(codeBody, req.body);
    const done = ctx.ratings.devices.confirm(id, code, currentOfficer(req).id);
    audit(ctx, req, {
      action: 'rating_device.pair',
      target: { kind: 'counter', id, name: counter.name },
      details: { deviceId: done.deviceId, replacedDeviceId: done.replaced },
    });
    res.json({ deviceId: done.deviceId });
  });
  return r;
}

/** Mounted at /api/admin: the ratings, the paired tablets and the button box. */
export function ratingAdminRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use('/ratings', requireAdmin);
  r.get('/ratings', (req, res) => {
    const q = parse(summaryQuery, req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(ctx.ratings.service.summary(q.from, q.to));
  });

  r.get('/ratings/devices', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      devices: ctx.ratings.devices.list(),
      pending: ctx.ratings.devices.pendingAll(),
      buttons: ctx.ratings.buttons.state(),
    });
  });

  r.post('/ratings/devices', (req, res) => {
    const { counterId, code } = parse(adminConfirmBody, req.body);
    const counter = ctx.config.counter(counterId);
    const done = ctx.ratings.devices.confirm(counterId, code, currentOfficer(req).id);
    audit(ctx, req, {
      action: 'rating_device.pair',
      target: { kind: 'counter', id: counterId, name: counter.name },
      details: { deviceId: done.deviceId, replacedDeviceId: done.replaced },
    });
    res.status(201).json({ deviceId: done.deviceId });
  });

  r.delete('/ratings/devices/:id', (req, res) => {
    const { id } = parse(idParam, req.params);
    const d = ctx.ratings.devices.unpair(id);
    audit(ctx, req, {
      action: 'rating_device.unpair',
      target: { kind: 'counter', id: d.counterId, name: `Quầy ${d.counterNumber}` },
      details: { deviceId: id },
    });
    res.status(204).end();
  });
  return r;
}
