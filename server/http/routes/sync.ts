/**
 * The sync API with the province's one-stop system (POST /api/sync/*, a Bearer API key, no
 * session), its keys (admin), the dossier CSV import (admin) and the admin's dossier list.
 * Mounted at /api. docs/api.md describes every route.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { currentOfficer, requireAdmin } from '../auth';
import { idParam, nameText, parse } from '../validate';
import { audit } from '../../audit/http';
import { notFound } from '../../domain/errors';
import { requireApiKey } from '../../domain/dossiers/apiKeys';
import { readDossierCsv } from '../../domain/dossiers/dossierCsv';
import { MAX_SYNC_ROWS, tooManyRows } from '../../domain/dossiers/syncImport';
import { DOSSIER_STATUSES } from '../../../shared/dossiers';
import { log } from '../../log';

const dossiersBody = z.object({ dossiers: z.array(z.unknown()).min(1, 'ít nhất một hồ sơ') }).strict();
const changesBody = z.object({ changes: z.array(z.unknown()).min(1, 'ít nhất một thay đổi') }).strict();
const keyBody = z.object({ name: nameText }).strict();
const importBody = z
  .object({
    content: z.string().min(1, 'tệp rỗng').max(8_000_000),
    dryRun: z.boolean().default(false),
  })
  .strict();

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');
const listQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(DOSSIER_STATUSES).or(z.literal('')).optional(),
  timeliness: z.enum(['early', 'on_time', 'overdue', 'in_time', 'overdue_open', 'none']).or(z.literal('')).optional(),
  from: day.or(z.literal('')).optional(),
  to: day.or(z.literal('')).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

const rowsOf = (rows: unknown[]) => {
  if (rows.length > MAX_SYNC_ROWS) throw tooManyRows(rows.length);
  return rows;
};

export function syncRoutes(ctx: AppContext): Router {
  const r = Router();
  const { keys, importer, browser } = ctx.dossierSync;
  const apiKey = requireApiKey(keys, ctx.clock);

  // The province's system: upsert dossiers by code, change statuses.
  r.post('/sync/dossiers', apiKey, (req, res) => {
    const { dossiers } = parse(dossiersBody, req.body);
    const result = importer.upsertDossiers(rowsOf(dossiers), 'sync');
    log.info({ apiKey: req.apiKey?.name, rows: dossiers.length, ...result }, 'sync dossiers');
    res.json(result);
  });

  r.post('/sync/dossiers/status', apiKey, (req, res) => {
    const { changes } = parse(changesBody, req.body);
    const result = importer.changeStatuses(rowsOf(changes), 'sync');
    log.info({ apiKey: req.apiKey?.name, rows: changes.length, ...result }, 'sync dossier statuses');
    res.json(result);
  });

  // The keys (admin).
  r.get('/admin/api-keys', requireAdmin, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(keys.list());
  });

  r.post('/admin/api-keys', requireAdmin, (req, res) => {
    const { name } = parse(keyBody, req.body);
    const { key, info } = keys.create(name, currentOfficer(req).id);
    audit(ctx, req, { action: 'api_key.create', target: { kind: 'api_key', id: info.id, name }, after: { name, prefix: info.prefix } });
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({ key, apiKey: info });
  });

  r.delete('/admin/api-keys/:id', requireAdmin, (req, res) => {
    const { id } = parse(idParam, req.params);
    const before = keys.get(id);
    const info = keys.revoke(id);
    if (before && !before.revokedAt) {
      audit(ctx, req, { action: 'api_key.revoke', target: { kind: 'api_key', id, name: info.name }, details: { prefix: info.prefix } });
    }
    res.json(info);
  });

  // The CSV import and the list (admin).
  r.post('/admin/imports/dossiers', requireAdmin, (req, res) => {
    const { content, dryRun } = parse(importBody, req.body);
    const csv = readDossierCsv(content, ctx.config.office().timeZone);
    const result = importer.upsertDossiers(csv.rows, 'csv', { dryRun, lines: csv.lines, rowProblems: csv.problems });
    if (!dryRun) audit(ctx, req, { action: 'dossier.import', target: { kind: 'dossier' }, details: { rows: csv.rows.length, ...result } });
    res.json(result);
  });

  r.get('/admin/dossiers', requireAdmin, (req, res) => {
    const { q, status, timeliness, from, to, limit, offset } = parse(listQuery, req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(
      browser.list({
        q: q || undefined,
        status: status || undefined,
        timeliness: timeliness || undefined,
        from: from || undefined,
        to: to || undefined,
        limit,
        offset,
      }),
    );
  });

  r.get('/admin/dossiers/:id', requireAdmin, (req, res) => {
    const { id } = parse(idParam, req.params);
    const d = browser.get(id);
    if (!d) throw notFound(`hồ sơ ${id}`, 'dossier_not_found');
    res.setHeader('Cache-Control', 'no-store');
    res.json(d);
  });
  return r;
}
