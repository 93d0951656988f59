import { Router } from 'express';
import { z } from 'zod';
import type { AdminLogs } from '../../../shared/logs';
import { requireAdmin } from '../auth';
import { parse } from '../validate';
import { recentProblems } from '../../log';

const STARTED = new Date().toISOString();

const logsQuery = z.object({
  /** Only this level and worse: `error` leaves the warnings out. */
  level: z.enum(['warn', 'error', 'fatal']).default('warn'),
});

const RANK = { warn: 1, error: 2, fatal: 3 } as const;

/** GET /api/admin/logs: the recent warnings and errors of this server process, newest first. */
export function logRoutes(): Router {
  const r = Router();
  r.get('/logs', requireAdmin, (req, res) => {
    const { level } = parse(logsQuery, req.query);
    const body: AdminLogs = {
      entries: recentProblems.list().filter((e) => RANK[e.level] >= RANK[level]),
      capacity: recentProblems.capacity,
      since: STARTED,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });
  return r;
}
