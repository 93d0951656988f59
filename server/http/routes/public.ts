import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AppContext } from '../context';
import { buildSnapshot, Views } from '../../domain/snapshot';
import { notFound } from '../../domain/errors';
import { idSchema, parse } from '../validate';
import { kioskKey } from '../../config/officeSettings';
import { sendError } from '../errors';
import { publicHealth } from '../health';
import type { IssuedTicket, PhoneTicketView } from '../../../shared/contract';
import type { PublicDossierStatus } from '../../../shared/dossiers';

const issueBody = z.object({
  serviceId: idSchema,
  priorityId: idSchema.nullish(),
  /** The kiosk's current card read (shared/cards.ts): links the ticket to that citizen. */
  cardReadId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'mã lần đọc thẻ').nullish(),
});

/** Which kiosk asks (optional): picks the kiosk's own printer and is kept with the ticket. */
const kioskHeader = z.object({ 'x-kiosk-id': kioskKey.nullish().transform((v) => v ?? null) });

const codeParam = z.object({ code: z.string().regex(/^[A-Z2-9]{12}$/, 'mã vé không hợp lệ') });

/** Endpoints anyone on the LAN may use: health, the public snapshot, taking a ticket, a ticket's phone page. */
export function publicRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/health', async (_req, res) => {
    const health = await publicHealth(ctx);
    res.status(health.ok ? 200 : 503).json(health);
  });

  r.get('/queue', (_req, res) => {
    res.json(buildSnapshot(ctx.queue, ctx.clock));
  });

  // A kiosk may issue a limited number of tickets per minute, so a child pressing the
  // button cannot empty the day's numbers. Logged-in staff are not limited.
  const issueLimiter = rateLimit({
    windowMs: 60_000,
    limit: () => ctx.config.office().ticketRateLimitPerMinute || Number.MAX_SAFE_INTEGER,
    skip: (req) => req.officer != null || ctx.config.office().ticketRateLimitPerMinute === 0,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) =>
      sendError(
        res,
        429,
        'too_many_tickets',
        'Máy vừa cấp nhiều số liên tiếp. Vui lòng chờ một phút rồi thử lại, hoặc liên hệ cán bộ. (Too many tickets from this kiosk; wait a minute.)',
      ),
  });

  r.post('/tickets', issueLimiter, async (req, res) => {
    const { cardReadId, ...body } = parse(issueBody, req.body);
    const { 'x-kiosk-id': kioskId } = parse(kioskHeader, { 'x-kiosk-id': req.headers['x-kiosk-id'] });
    const result = await ctx.queue.issueTicketDurable({ ...body, kioskId });
    const views = new Views(ctx.queue);
    const t = result.ticket;
    // An unknown, expired or other kiosk's read links nothing; the ticket is issued anyway.
    if (cardReadId) ctx.cards.service.linkFromKiosk(cardReadId, kioskId, t.id);
    const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const print = await ctx.printer.print(t, ctx.printer.jobFor(t, result.waitingAhead, origin), 'issue');
    const payload: IssuedTicket = {
      ticket: views.publicTicket(result.ticket),
      publicCode: result.ticket.publicCode,
      serviceName: ctx.config.service(result.ticket.serviceId).name,
      waitingAhead: result.waitingAhead,
      estimatedWaitMinutes: result.estimatedWaitMinutes,
      trackUrl: `${ctx.printer.publicUrl?.replace(/\/+$/, '') ?? ''}/t/${result.ticket.publicCode}`,
      print,
    };
    res.status(201).json(payload);
  });

  /** The phone page's data: one ticket by its unguessable code; nothing about anyone else. */
  r.get('/t/:code', (req, res) => {
    const { code } = parse(codeParam, req.params);
    const t = ctx.queue.tickets.byPublicCode(code);
    if (!t) throw notFound('vé', 'ticket_not_found');
    const office = ctx.config.office();
    const waitingAhead = t.status === 'waiting' ? ctx.queue.stats.waitingAhead(t) : 0;
    // The dossiers this visit received or returned, for the citizen to follow (no personal data).
    const view: PhoneTicketView & { dossiers: PublicDossierStatus[] } = {
      ticket: new Views(ctx.queue).publicTicket(t),
      serviceName: ctx.config.service(t.serviceId).name,
      officeName: office.name,
      waitingAhead,
      estimatedWaitMinutes:
        t.status === 'waiting'
          ? ctx.queue.stats.estimate(t.serviceId, waitingAhead, ctx.config.counters(), office.defaultServiceMinutes)
          : null,
      dossiers: ctx.dossierLookup.forTicket(t.id),
    };
    res.json(view);
  });

  return r;
}
