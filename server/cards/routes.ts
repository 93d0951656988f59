/**
 * HTTP routes of the card readers and the citizens' data: the counter's view of its current
 * ticket's citizen, and the admin's readers, test cards, access log and erasure.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../http/context';
import { currentOfficer, requireAdmin, requireOfficer } from '../http/auth';
import { notFound, DomainError } from '../domain/errors';
import { idParam, parse } from '../http/validate';
import { TEST_CARDS } from '../../drivers/card-reader';

const keyParam = z.object({ key: z.string().regex(/^[a-z0-9-]{1,40}$/, 'mã đầu đọc') });
const testCardBody = z
  .object({
    preset: z.number().int().min(0).max(TEST_CARDS.length - 1).default(0),
    /** Give the reader a key the chip refuses, to try the failure message. */
    wrongKey: z.boolean().default(false),
  })
  .strict();
const eraseBody = z.object({ idNumber: z.string().regex(/^\d{12}$/, 'số định danh gồm 12 chữ số') }).strict();
const logQuery = z.object({ limit: z.coerce.number().int().min(1).max(5000).default(500) });

const notSimulated = (key: string) =>
  new DomainError(409, 'reader_not_simulated', `Đầu đọc ${key} không phải đầu đọc mô phỏng. (Only a simulated reader takes a test card.)`);

/** Mounted at /api: GET /counters/:id/citizen. */
export function cardCounterRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/counters/:id/citizen', requireOfficer, (req, res) => {
    const { id } = parse(idParam, req.params);
    res.setHeader('Cache-Control', 'no-store');
    res.json(ctx.cards.access.counterCitizen(id, currentOfficer(req)));
  });
  return r;
}

/** Mounted at /api/admin: readers, test cards, citizens' access log and erasure. */
export function cardAdminRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/card-readers', requireAdmin, (_req, res) => {
    res.json(ctx.cards.service.states());
  });

  r.post('/card-readers/:key/test-card', requireAdmin, (req, res) => {
    const { key } = parse(keyParam, req.params);
    const { preset, wrongKey } = parse(testCardBody, req.body);
    if (!ctx.cards.service.reader(key)) throw notFound(`đầu đọc ${key}`, 'reader_not_found');
    if (!ctx.cards.service.placeTestCard(key, preset, { wrongKey })) throw notSimulated(key);
    res.status(204).end();
  });

  r.delete('/card-readers/:key/test-card', requireAdmin, (req, res) => {
    const { key } = parse(keyParam, req.params);
    if (!ctx.cards.service.reader(key)) throw notFound(`đầu đọc ${key}`, 'reader_not_found');
    if (!ctx.cards.service.removeTestCard(key)) throw notSimulated(key);
    res.status(204).end();
  });

  r.get('/citizens/access-log', requireAdmin, (req, res) => {
    const { limit } = parse(logQuery, req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(ctx.cards.access.accessLog(limit));
  });

  r.delete('/citizens', requireAdmin, (req, res) => {
    const { idNumber } = parse(eraseBody, req.body);
    if (!ctx.cards.access.erase(idNumber, currentOfficer(req))) throw notFound('công dân', 'citizen_not_found');
    res.status(204).end();
  });
  return r;
}
