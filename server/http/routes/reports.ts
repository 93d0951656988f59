/**
 * Reports and the live "today" dashboard (admins and leaders; read only): GET /api/reports/…
 * Every report is JSON by default, or a download: ?format=csv&table=<key> (one table) or
 * ?format=xlsx (every table, one sheet each).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { requireReportReader } from '../auth';
import { parse, invalidField } from '../validate';
import { DomainError } from '../../domain/errors';
import { GROUP_BYS, REPORT_KINDS, type ReportKind } from '../../domain/reports/types';
import { dayNumber, isCalendarDay } from '../../domain/reports/periods';
import { reportXlsx, tableCsv } from '../../domain/reports/export';
import { dayToText } from '../../../shared/dayText';

/** The longest range a report covers: ten years. */
export const MAX_RANGE_DAYS = 3660;

const day = z.string().refine(isCalendarDay, 'ngày dạng yyyy-mm-dd');
const optionalId = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().positive().nullable());
const reportQuery = z
  .object({
    from: day,
    to: day,
    groupBy: z.enum(GROUP_BYS).default('month'),
    serviceId: optionalId.default(null),
    counterId: optionalId.default(null),
    officerId: optionalId.default(null),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    table: z.string().regex(/^[a-z_]{1,60}$/, 'mã bảng').optional(),
  })
  .strict();
const kindParam = z.object({ kind: z.enum(REPORT_KINDS) });


export function reportRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use(requireReportReader);

  r.get('/meta', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(ctx.reports.meta());
  });

  r.get('/today', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(ctx.reports.todaySummary());
  });

  r.get('/:kind', async (req, res) => {
    const { kind } = parse(kindParam, req.params) as { kind: ReportKind };
    const q = parse(reportQuery, req.query);
    if (q.from > q.to) throw invalidField('to', 'ngày kết thúc trước ngày bắt đầu', 'the end is before the start');
    if (dayNumber(q.to) - dayNumber(q.from) + 1 > MAX_RANGE_DAYS) {
      throw invalidField('to', `khoảng thời gian dài quá ${MAX_RANGE_DAYS} ngày`, `the range exceeds ${MAX_RANGE_DAYS} days`);
    }
    // days not summarised yet are summarised a slice at a time, the event loop free in between
    await ctx.reports.summarise(q.from, q.to, kind === 'dossiers' ? 'dossiers' : 'tickets');
    const report = ctx.reports.run(kind, q);
    res.setHeader('Cache-Control', 'no-store');
    if (q.format === 'json') {
      res.json(report);
      return;
    }
    const base = `bao-cao-${kind}-${q.from}_${q.to}`;
    if (q.format === 'csv') {
      const table = q.table ? report.tables.find((t) => t.key === q.table) : report.tables[0];
      if (!table) {
        throw new DomainError(404, 'table_not_found', `Báo cáo không có bảng ${q.table}. (No such table in this report.)`);
      }
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${base}-${table.key}.csv"`);
      res.send(tableCsv(table));
      return;
    }
    const office = ctx.config.office();
    const period = `Từ ngày ${dayToText(q.from)} đến ngày ${dayToText(q.to)} (theo ${GROUP_LABELS[q.groupBy]})`;
    const file = await reportXlsx(report, { officeName: office.name, period });
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${base}.xlsx"`);
    res.send(file);
  });
  return r;
}

const GROUP_LABELS = { day: 'ngày', week: 'tuần', month: 'tháng', quarter: 'quý', year: 'năm' } as const;
