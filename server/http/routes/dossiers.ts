/**
 * Dossiers at the counter (docs/dossiers.md): register one from the ticket being served (the
 * receipt slip prints), link a dossier to that ticket, hand a result over, reprint the slip,
 * and the staff views. Every route needs a logged-in officer; personal data is never cached.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { currentOfficer, requireOfficer } from '../auth';
import { DomainError } from '../../domain/errors';
import { CHANNELS } from '../../../shared/catalogue';
import type { OfficerInfo } from '../../../shared/contract';
import type { Counter } from '../../domain/configRepo';
import { idParam, idSchema, parse } from '../validate';
import { codeFromScan } from '../../domain/dossiers/scan';

const codeText = z.string().trim().min(1, 'chưa nhập mã hồ sơ').max(300);
const codeParam = z.object({ code: z.string().trim().min(1).max(80) });
const counterBody = z.object({ counterId: idSchema }).strict();
const linkBody = z.object({ code: codeText }).strict();
const searchQuery = z.object({ q: z.string().max(200).default(''), limit: z.coerce.number().int().min(1).max(200).default(50) });
const procedureQuery = z.object({ q: z.string().max(200).default('') });

const registerBody = z
  .object({
    procedureCode: z.string().trim().min(1, 'chưa chọn thủ tục').max(40),
    applicant: z.object({
      name: z.string().max(200).default(''),
      phone: z.string().max(20).default(''),
      address: z.string().max(300).default(''),
    }).strict(),
    channel: z.enum(CHANNELS).default('truc_tiep'),
    documents: z
      .array(z.object({ name: z.string().max(300), form: z.string().max(60).default(''), copies: z.number().int().min(1).max(99).default(1) }).strict())
      .max(60),
    sets: z.number().int().min(1).max(99).default(1),
    collectAt: z.string().max(300).optional(),
    /** Link the citizen read from the chip card of the ticket being served (citizen_id). */
    fromCard: z.boolean().default(false),
  })
  .strict();

/** The counter, checked to be one this officer works at (admins: any). */
function counterFor(ctx: AppContext, counterId: number, officer: OfficerInfo): Counter {
  const counter = ctx.config.counter(counterId);
  if (officer.role !== 'admin' && officer.counterIds.length > 0 && !officer.counterIds.includes(counter.id)) {
    throw new DomainError(403, 'not_your_counter', `Tài khoản này không được làm việc tại quầy ${counter.number}. (You are not assigned to counter ${counter.number}.)`);
  }
  return counter;
}

const noTicket = (counter: Counter) =>
  new DomainError(
    409,
    'no_current_ticket',
    `Quầy ${counter.number} chưa có số nào đang phục vụ: gọi số trước khi tiếp nhận hồ sơ. (Counter ${counter.number} is serving no ticket.)`,
  );

/** The base of the dossier's public address on the slip: PUBLIC_URL, else the request's origin. */
const baseUrl = (ctx: AppContext, req: Request) => ctx.printer.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** Mounted at /api. */
export function dossierRoutes(ctx: AppContext): Router {
  const r = Router();
  const ds = ctx.dossiers;
  r.use(['/dossiers', '/counters/:id/dossiers', '/tickets/:id/dossiers', '/dossier-procedures'], (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  r.get('/dossier-procedures', requireOfficer, (req, res) => {
    const { q } = parse(procedureQuery, req.query);
    res.json({ procedures: ds.searchProcedures(q) });
  });

  r.get('/dossier-procedures/:code', requireOfficer, (req, res) => {
    const { code } = parse(codeParam, req.params);
    res.json(ds.procedure(code));
  });

  r.post('/counters/:id/dossiers', requireOfficer, async (req, res) => {
    const { id } = parse(idParam, req.params);
    const officer = currentOfficer(req);
    const b = parse(registerBody, req.body);
    const counter = counterFor(ctx, id, officer);
    const ticket = ctx.queue.tickets.activeAtCounter(counter.id);
    if (!ticket) throw noTicket(counter);
    let citizenId: number | null = null;
    if (b.fromCard) {
      citizenId = ds.repo.citizenOfTicket(ticket.id);
      if (citizenId == null) {
        throw new DomainError(409, 'no_card', `Số ${ticket.number} chưa được đọc thẻ CCCD. (No chip card was read for this ticket.)`);
      }
    }
    const dossier = ds.register(
      { ticketId: ticket.id, procedureCode: b.procedureCode, applicant: b.applicant, citizenId, channel: b.channel, documents: b.documents, sets: b.sets, collectAt: b.collectAt },
      { officerId: officer.id, counterId: counter.id },
    );
    const print = await ctx.printer.printReceipt(ds.slip(dossier.code, baseUrl(ctx, req)), ticket.id, 'issue', officer.id);
    res.status(201).json({ dossier, print });
  });

  r.post('/counters/:id/dossiers/link', requireOfficer, (req, res) => {
    const { id } = parse(idParam, req.params);
    const officer = currentOfficer(req);
    const { code } = parse(linkBody, req.body);
    const counter = counterFor(ctx, id, officer);
    const ticket = ctx.queue.tickets.activeAtCounter(counter.id);
    if (!ticket) throw noTicket(counter);
    res.json({ dossier: ds.link(ticket.id, codeFromScan(code), 'other', { officerId: officer.id, counterId: counter.id }) });
  });

  r.post('/dossiers/:code/return', requireOfficer, (req, res) => {
    const { code } = parse(codeParam, req.params);
    const { counterId } = parse(counterBody, req.body);
    const officer = currentOfficer(req);
    const counter = counterFor(ctx, counterId, officer);
    const ticket = ctx.queue.tickets.activeAtCounter(counter.id) ?? null;
    res.json({ dossier: ds.returnResult(codeFromScan(code), ticket?.id ?? null, { officerId: officer.id, counterId: counter.id }) });
  });

  r.post('/dossiers/:code/print', requireOfficer, async (req, res) => {
    const { code } = parse(codeParam, req.params);
    const { counterId } = parse(counterBody, req.body);
    const officer = currentOfficer(req);
    const counter = counterFor(ctx, counterId, officer);
    const dossier = ds.require(codeFromScan(code));
    // print_log needs a ticket: the one being served, else the last that touched the dossier.
    const ticketId = ctx.queue.tickets.activeAtCounter(counter.id)?.id ?? dossier.tickets.at(-1)?.ticketId ?? null;
    const print = await ctx.printer.printReceipt(ds.slip(dossier.code, baseUrl(ctx, req)), ticketId, 'reprint', officer.id);
    res.json({ dossier, print });
  });

  r.get('/dossiers', requireOfficer, (req, res) => {
    const { q, limit } = parse(searchQuery, req.query);
    res.json({ dossiers: ds.search(q, limit) });
  });

  r.get('/dossiers/:code', requireOfficer, (req, res) => {
    const { code } = parse(codeParam, req.params);
    res.json(ds.require(code));
  });

  r.get('/dossiers/:code/slip', requireOfficer, (req, res) => {
    const { code } = parse(codeParam, req.params);
    res.json(ds.slip(code, baseUrl(ctx, req)));
  });

  r.get('/tickets/:id/dossiers', requireOfficer, (req, res) => {
    const { id } = parse(idParam, req.params);
    if (!ctx.queue.tickets.byId(id)) throw new DomainError(404, 'ticket_not_found', `Không tìm thấy vé ${id}. (Not found: ticket ${id})`);
    res.json({ dossiers: ds.forTicket(id) });
  });

  return r;
}
