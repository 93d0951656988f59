import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { PublicDossierStatus } from '../../../shared/dossiers';
import { kioskKey } from '../../config/officeSettings';
import { DomainError } from '../../domain/errors';
import type { AppContext } from '../context';
import { sendError } from '../errors';
import { parse } from '../validate';

/** Lookups per client per minute: plenty for a kiosk or a phone, too few to try codes one by one. */
export const LOOKUPS_PER_MINUTE = 30;

const codeParam = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(200, 'tối đa 200 ký tự')
    .regex(/^[0-9A-Za-z.\-\s:/?#=_%]+$/, 'mã hồ sơ chỉ gồm chữ số, chữ cái, dấu chấm và gạch ngang'),
});

const cardParam = z.object({
  /** The kiosk's current card read (shared/cards.ts CardReadEvent.readId). */
  readId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'mã lần đọc thẻ'),
});

const kioskHeader = z.object({ 'x-kiosk-id': kioskKey.nullish().transform((v) => v ?? null) });

const notFoundDossier = () =>
  new DomainError(
    404,
    'not_found',
    'Không tìm thấy hồ sơ có mã này. Xin kiểm tra lại mã trên giấy hẹn trả kết quả. (No dossier has this code; check the code on your receipt.)',
  );

/**
 * Public dossier status: by code (kiosk keypad, scanner, phone /h/<code>) and by the chip card
 * laid on this kiosk's reader. Answers carry PublicDossierStatus only, never personal data.
 */
export function dossierLookupRoutes(ctx: AppContext): Router {
  const r = Router();
  // Per client address: a phone or a kiosk looks up a few codes; nobody may walk through them.
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: LOOKUPS_PER_MINUTE,
    skip: (req) => req.officer != null,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) =>
      sendError(
        res,
        429,
        'too_many_lookups',
        'Tra cứu quá nhiều lần. Vui lòng chờ một phút rồi thử lại. (Too many lookups; wait a minute.)',
      ),
  });

  r.get('/dossier-status/:code', limiter, (req, res) => {
    const { code } = parse(codeParam, req.params);
    const status = ctx.dossierLookup.statusByCode(code);
    if (!status) throw notFoundDossier();
    res.setHeader('Cache-Control', 'no-store');
    res.json(status);
  });

  /**
   * The citizen's dossiers for the card read now at this kiosk. The kiosk knows only the
   * opaque readId; the server maps it to the citizen, and only while the card is on that
   * kiosk's reader (readSessions: 30 s without activity ends it). A GET: it changes nothing.
   */
  r.get('/dossier-status/card/:readId', limiter, (req, res) => {
    const { readId } = parse(cardParam, req.params);
    const { 'x-kiosk-id': kioskId } = parse(kioskHeader, { 'x-kiosk-id': req.headers['x-kiosk-id'] });
    const read = ctx.cards.service.citizenAtKiosk(readId, kioskId);
    if (!read) {
      throw new DomainError(
        409,
        'card_gone',
        'Thẻ đã được lấy ra hoặc đã hết thời gian. Xin đặt lại thẻ lên đầu đọc. (The card was removed or timed out; lay it on the reader again.)',
      );
    }
    const dossiers: PublicDossierStatus[] = read.citizenId === null ? [] : ctx.dossierLookup.openForCitizen(read.citizenId);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ dossiers });
  });

  return r;
}
