import { Router } from 'express';
import { join } from 'node:path';
import { z } from 'zod';
import type { AppContext } from '../context';
import { requireAdmin } from '../auth';
import { DomainError } from '../../domain/errors';
import { listBackups, parseBackupName } from '../../ops/backupFiles';
import { errorMessage } from '../../log';
import { parse } from '../validate';
import { audit } from '../../audit/http';

const nameParam = z.object({
  name: z.string().max(100).refine((n) => parseBackupName(n) !== null, 'tên tệp sao lưu không hợp lệ'),
});

/** /api/admin/backups: the list, a backup now, and downloading one. Admins only. */
export function backupRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use(requireAdmin);

  r.get('/backups', async (_req, res) => {
    res.json(await ctx.backups.status());
  });

  r.post('/backups', async (req, res) => {
    const made = await ctx.backups.backupNow('manual').catch((e: unknown) => {
      throw new DomainError(503, 'backup_failed', `Sao lưu không thành công: ${errorMessage(e)}. (Backup failed.)`);
    });
    audit(ctx, req, { action: 'backup.create', target: { kind: 'backup', name: made.name } });
    res.status(201).json({ backup: made, status: await ctx.backups.status() });
  });

  // Only a name of the form the service gives, present in the listing, is served: no paths.
  r.get('/backups/:name', async (req, res) => {
    const { name } = parse(nameParam, req.params);
    const found = (await listBackups(ctx.backups.dir)).find((b) => b.name === name);
    if (!found) throw new DomainError(404, 'not_found', 'Không có bản sao lưu này. (No such backup.)');
    // The whole database leaves the server: who took it is recorded.
    audit(ctx, req, { action: 'backup.download', target: { kind: 'backup', name: found.name } });
    res.setHeader('Cache-Control', 'no-store');
    res.download(join(ctx.backups.dir, found.name), found.name, { dotfiles: 'deny' });
  });

  return r;
}
