import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { currentOfficer, requireOfficer } from '../auth';
import { Views } from '../../domain/snapshot';
import { notFound } from '../../domain/errors';
import { TICKET_STATUSES, type CounterView } from '../../../shared/contract';
import { idParam, idSchema, parse } from '../validate';
import { audit } from '../../audit/http';

const callNextBody = z.object({ expectedCurrentTicketId: idSchema.nullable().optional() });
const callNumberBody = z.object({ number: z.string().trim().min(1).max(12) });
const transferBody = z
  .object({ serviceId: idSchema.nullish(), counterId: idSchema.nullish(), ticketId: idSchema.optional() })
  .refine((b) => b.serviceId != null || b.counterId != null, { message: 'cần serviceId hoặc counterId' });
/** The counter acting on a ticket: required for officers, an admin may act for the whole office. */
const optionalCounter = z.object({ counterId: idSchema.nullish() });
const listQuery = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

/** Counter actions and the staff view of tickets. Every route needs a logged-in officer. */
export function counterRoutes(ctx: AppContext): Router {
  const r = Router();
  const q = ctx.queue;

  const view = (counterId: number): CounterView => {
    const views = new Views(q);
    const counter = ctx.config.counter(counterId);
    const active = views.activeAt(counterId);
    const noShows = q.tickets
      .ofDay(q.serviceDay(), ['no_show'])
      .filter((t) => counter.serviceIds.includes(t.serviceId) || t.counterId === counterId)
      .map((t) => views.staffTicket(t));
    return { counter: views.publicCounter(counter), current: active ? views.staffTicket(active) : null, noShows };
  };

  r.get('/counters/:id', requireOfficer, (req, res) => {
    const { id } = parse(idParam, req.params);
    res.json(view(id));
  });

  r.post('/counters/:id/call-next', requireOfficer, (req, res) => {
    const { id } = parse(idParam, req.params);
    const { expectedCurrentTicketId } = parse(callNextBody, req.body);
    const t = q.callNext(id, currentOfficer(req), expectedCurrentTicketId);
    if (!t) {
      res.status(204).end();
      return;
    }
    res.json(view(id));
  });

  const simple = (path: string, act: (id: number, req: Parameters<typeof currentOfficer>[0]) => void) =>
    r.post(`/counters/:id/${path}`, requireOfficer, (req, res) => {
      const { id } = parse(idParam, req.params);
      act(id, req);
      res.json(view(id));
    });

  simple('recall', (id, req) => q.recall(id, currentOfficer(req)));
  simple('start', (id, req) => q.start(id, currentOfficer(req)));
  simple('finish', (id, req) => q.finish(id, currentOfficer(req)));
  simple('skip', (id, req) => q.skip(id, currentOfficer(req)));
  simple('pause', (id, req) => q.setPaused(id, currentOfficer(req), true));
  simple('resume', (id, req) => q.setPaused(id, currentOfficer(req), false));
  simple('call-number', (id, req) => {
    const { number } = parse(callNumberBody, req.body);
    const t = q.callNumber(id, currentOfficer(req), number);
    audit(ctx, req, {
      action: 'ticket.call_number',
      target: { kind: 'ticket', id: t.id, name: t.number },
      details: { counterId: id, counterNumber: ctx.config.counter(id).number },
    });
  });
  simple('transfer', (id, req) => {
    const b = parse(transferBody, req.body);
    q.transfer(id, currentOfficer(req), { serviceId: b.serviceId, counterId: b.counterId }, b.ticketId);
  });

  r.get('/tickets', requireOfficer, (req, res) => {
    const { status, day } = parse(listQuery, req.query);
    const views = new Views(q);
    const rows = q.tickets.ofDay(day ?? q.serviceDay(), status ? [status] : TICKET_STATUSES);
    res.json({ tickets: rows.map((t) => views.staffTicket(t)) });
  });

  r.post('/tickets/:id/return', requireOfficer, (req, res) => {
    const { id } = parse(idParam, req.params);
    const { counterId } = parse(optionalCounter, req.body);
    const t = q.returnTicket(id, currentOfficer(req), counterId ?? null);
    res.json({ ticket: new Views(q).staffTicket(t) });
  });

  /** Reprints a ticket (after a printer fault), from a counter. */
  r.post('/tickets/:id/reprint', requireOfficer, async (req, res) => {
    const { id } = parse(idParam, req.params);
    const t = q.tickets.byId(id);
    if (!t) throw notFound(`vé ${id}`, 'ticket_not_found');
    const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const ahead = t.status === 'waiting' ? q.stats.waitingAhead(t) : 0;
    const print = await ctx.printer.print(t, ctx.printer.jobFor(t, ahead, origin), 'reprint', currentOfficer(req).id);
    audit(ctx, req, { action: 'ticket.reprint', target: { kind: 'ticket', id: t.id, name: t.number }, details: { print: print.code } });
    res.json({ ticket: new Views(q).staffTicket(q.tickets.byId(id) ?? t), print });
  });

  r.post('/tickets/:id/cancel', requireOfficer, (req, res) => {
    const { id } = parse(idParam, req.params);
    const { counterId } = parse(optionalCounter, req.body);
    const before = q.tickets.byId(id)?.status ?? null;
    const t = q.cancel(id, currentOfficer(req), counterId ?? null);
    audit(ctx, req, {
      action: 'ticket.cancel',
      target: { kind: 'ticket', id: t.id, name: t.number },
      before: { status: before },
      after: { status: t.status },
      details: counterId ? { counterId } : null,
    });
    res.json({ ticket: new Views(q).staffTicket(t) });
  });

  return r;
}
