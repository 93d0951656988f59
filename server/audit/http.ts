import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import type { AppContext } from '../http/context';
import { parse } from '../http/validate';
import type { OfficerInfo } from '../../shared/contract';
import { AUDIT_ACTIONS, AUDIT_GROUPS } from '../../shared/audit';
import type { Actor, AuditRecord } from './auditLog';
import { changes } from './changes';

/** The client's address as the login throttle sees it (X-Forwarded-For only from a local proxy). */
export const clientOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** The logged-in officer of a request (or `officer`, e.g. just logged in), and where the request came from. */
export function actorOf(req: Request, officer: OfficerInfo | null = req.officer ?? null): Actor {
  return { officerId: officer?.id ?? null, officerName: officer?.name ?? null, client: clientOf(req) };
}

/** Records an action of the request's officer. */
export function audit(ctx: AppContext, req: Request, r: AuditRecord): void {
  ctx.audit.record(actorOf(req), r);
}

/**
 * Records a configuration change with the fields that changed (nothing when nothing did,
 * unless `details` says what happened, e.g. a password reset).
 */
export function auditChange(
  ctx: AppContext,
  req: Request,
  r: Omit<AuditRecord, 'before' | 'after'> & { before: object | null; after: object },
): void {
  const diff = changes(r.before, r.after);
  if (!diff && !r.details) return;
  audit(ctx, req, { ...r, before: diff?.before ?? null, after: diff?.after ?? null });
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');
const actions = new Set<string>([...Object.keys(AUDIT_ACTIONS), ...Object.keys(AUDIT_GROUPS)]);

const auditQuery = z.object({
  action: z
    .string()
    .refine((a) => actions.has(a), 'thao tác không có trong nhật ký')
    .optional(),
  officerId: z.coerce.number().int().positive().optional(),
  from: day.optional(),
  to: day.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** GET /api/admin/audit: the log, newest first, filtered by action, officer, days and text, in pages. */
export function auditListHandler(ctx: AppContext): RequestHandler {
  return (req, res) => {
    const { q, ...f } = parse(auditQuery, req.query);
    res.json(ctx.audit.query({ ...f, text: q || undefined, timeZone: ctx.config.office().timeZone }));
  };
}
