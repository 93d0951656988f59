import type { Request, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { idParam, parse } from '../validate';
import type { AuditAction } from '../../../shared/audit';
import { auditChange } from '../../audit/http';

/** `version` in a PUT body: the version the edit was based on. Optional for older API clients. */
export const versionBody = z.object({ version: z.number().int().min(0).optional() });

type RowKind = 'service' | 'counter' | 'priority' | 'officer';

export interface CrudKind<S extends z.ZodType, T extends { id: number }> {
  /** The collection under /api/admin: GET and POST here, PUT at `${path}/:id`. */
  path: string;
  kind: RowKind;
  schema: S;
  list: () => T[];
  /** How the row is named in the audit log. */
  name: (row: T) => string;
  save: (input: z.infer<S>, id: number | undefined, expectedVersion: number | undefined, req: Request) => T | Promise<T>;
  /** What the audit log should say beyond the changed fields (e.g. a password reset). */
  details?: (input: z.infer<S>, id: number | undefined) => Record<string, unknown> | null;
}

/**
 * GET list, POST create, PUT update for one kind of configuration row. Every row carries
 * its `version`; a PUT based on an older one is a 409 `stale_version`. Every change is
 * recorded in the audit log with its author and the fields that changed.
 */
export function mountCrud<S extends z.ZodType, T extends { id: number }>(
  r: Router,
  ctx: AppContext,
  changed: () => void,
  k: CrudKind<S, T>,
): void {
  const withVersion = (row: T, versions = ctx.config.versions(k.kind)) => ({ ...row, version: versions.get(row.id) ?? 0 });
  const target = (row: T) => ({ kind: k.kind, id: row.id, name: k.name(row) });

  r.get(k.path, (_req, res) => {
    const versions = ctx.config.versions(k.kind);
    res.json(k.list().map((row) => withVersion(row, versions)));
  });
  r.post(k.path, async (req, res) => {
    const input = parse(k.schema, req.body);
    const saved = await k.save(input, undefined, undefined, req);
    changed();
    auditChange(ctx, req, {
      action: `${k.kind}.create` as AuditAction,
      target: target(saved),
      before: null,
      after: saved,
      details: k.details?.(input, undefined) ?? null,
    });
    res.status(201).json(withVersion(saved));
  });
  r.put(`${k.path}/:id`, async (req, res) => {
    const { id } = parse(idParam, req.params);
    const input = parse(k.schema, req.body);
    const { version } = parse(versionBody, req.body);
    const before = k.list().find((row) => row.id === id) ?? null;
    const saved = await k.save(input, id, version, req);
    changed();
    auditChange(ctx, req, {
      action: `${k.kind}.update` as AuditAction,
      target: target(saved),
      before,
      after: saved,
      details: k.details?.(input, id) ?? null,
    });
    res.json(withVersion(saved));
  });
}
