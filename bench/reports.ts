/**
 * Report timings (docs/reports.md): seeds a temporary database with the demo data
 * (`npm run seed:demo`, 12 months ≈ 500,000 tickets by default), then times every report over
 * the whole year, server side: cold (the first run on a freshly opened database connection)
 * and warm (p50 and max over several runs), for every grouping, with and without a filter.
 * Prints the slowest against the 200 ms target, and the database file's size.
 * `npx tsx bench/reports.ts` alone, or from `npm run bench`.
 * BENCH_REPORT_MONTHS, BENCH_REPORT_RUNS change the size and the runs.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase, type Db } from '../server/db/database';
import { ConfigRepo } from '../server/domain/configRepo';
import { OfficerRepo } from '../server/auth/officerRepo';
import { QueueService } from '../server/domain/queue';
import { QueueEvents } from '../server/domain/events';
import { systemClock } from '../server/domain/clock';
import { seedDemoData } from '../server/domain/reports/demoData';
import { ReportService, type ReportQuery } from '../server/domain/reports/reportService';
import { GROUP_BYS, REPORT_KINDS, type ReportKind } from '../server/domain/reports/types';
import { dayFromNumber, dayNumber } from '../server/domain/reports/periods';

const MONTHS = Number(process.env.BENCH_REPORT_MONTHS ?? 12);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 7);
const TARGET_MS = 200;

const fmt = (ms: number) => ms.toFixed(1);

function open(file: string) {
  const db = openDatabase(file);
  const config = new ConfigRepo(db);
  const queue = new QueueService(db, config, systemClock, new QueueEvents());
  return { db, config, queue, reports: new ReportService(db, config, systemClock, queue) };
}

function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function reportBench(): Promise<string[]> {
  const out: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'quayso-bench-reports-'));
  const file = join(dir, 'quayso.db');
  let db: Db | null = null;
  try {
    let s = open(file);
    db = s.db;
    const seedStart = performance.now();
    const seeded = await seedDemoData(s.db, s.config, new OfficerRepo(s.db, systemClock), { months: MONTHS, today: () => s.queue.serviceDay() });
    out.push(
      `reports: demo data of ${MONTHS} months — ${seeded.tickets.toLocaleString('en')} tickets, ${seeded.ratings.toLocaleString('en')} ratings, ` +
        `${seeded.dossiers.toLocaleString('en')} dossiers on ${seeded.days} working days, seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const today = s.queue.serviceDay();
    const from = dayFromNumber(dayNumber(today) - 366);
    const serviceId = s.config.services()[0]!.id;
    // the one-off cost of summarising closed days (seed:demo already did it; a server does it lazily)
    s.db.prepare('DELETE FROM report_days').run();
    s.db.prepare('DELETE FROM report_dossier_days').run();
    const buildMs = time(() => {
      s.reports.run('tickets', { from, to: today, groupBy: 'month', serviceId: null, counterId: null, officerId: null });
      s.reports.run('dossiers', { from, to: today, groupBy: 'month', serviceId: null, counterId: null, officerId: null });
    });
    out.push(`reports: summarising every closed day once (tickets, ratings, dossiers): ${fmt(buildMs)} ms`);
    // the same, as the server does it: a slice at a time, the event loop free in between
    s.db.prepare('DELETE FROM report_days').run();
    s.db.prepare('DELETE FROM report_dossier_days').run();
    const lags: number[] = [];
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      lags.push(now - last - 5);
      last = now;
    }, 5);
    const sliced = performance.now();
    const slicedDays = await s.reports.summarise(from, today);
    const slicedMs = performance.now() - sliced;
    clearInterval(ticker);
    lags.sort((a, b) => a - b);
    out.push(
      `reports: the same in slices (${slicedDays} day packs): ${fmt(slicedMs)} ms in all; a 5 ms timer meanwhile ran late by ` +
        `p50 ${fmt(lags[Math.floor(lags.length / 2)] ?? 0)} ms, p99 ${fmt(lags[Math.floor(lags.length * 0.99)] ?? 0)} ms, max ${fmt(lags.at(-1) ?? 0)} ms`,
    );
    const partBytes = s.db.prepare('SELECT part, SUM(length(data)) AS bytes FROM report_days GROUP BY part ORDER BY part').all() as { part: string; bytes: number }[];
    out.push(`reports: day summaries stored — ${partBytes.map((p) => `${p.part} ${(p.bytes / 1024 / 1024).toFixed(1)} MB`).join(', ')}`);
    s.db.close();
    db = null;

    const rows: { name: string; cold: number; p50: number; max: number }[] = [];
    const cases: { kind: ReportKind; q: ReportQuery; label: string }[] = [];
    for (const kind of REPORT_KINDS) {
      for (const groupBy of GROUP_BYS) cases.push({ kind, q: { from, to: today, groupBy, serviceId: null, counterId: null, officerId: null }, label: groupBy });
      cases.push({ kind, q: { from, to: today, groupBy: 'week', serviceId, counterId: null, officerId: null }, label: 'week, one field' });
    }
    for (const c of cases) {
      // cold: a new connection (empty page cache) and a new service
      s = open(file);
      db = s.db;
      const cold = time(() => s.reports.run(c.kind, c.q));
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) warm.push(time(() => s.reports.run(c.kind, c.q)));
      warm.sort((a, b) => a - b);
      rows.push({ name: `${c.kind} by ${c.label}`, cold, p50: warm[Math.floor(warm.length / 2)]!, max: warm.at(-1)! });
      s.db.close();
      db = null;
    }
    s = open(file);
    db = s.db;
    const todayRuns = Array.from({ length: RUNS }, () => time(() => s.reports.todaySummary())).sort((a, b) => a - b);
    out.push(`reports over the year ${from} … ${today} (server side; cold = first run on a fresh connection; warm over ${RUNS} runs):`);
    for (const r of rows) out.push(`  ${r.name.padEnd(34)} cold ${fmt(r.cold).padStart(7)} ms   warm p50 ${fmt(r.p50).padStart(7)} ms   max ${fmt(r.max).padStart(7)} ms`);
    out.push(`  today dashboard                    p50 ${fmt(todayRuns[Math.floor(RUNS / 2)]!)} ms, max ${fmt(todayRuns.at(-1)!)} ms`);
    const slowest = rows.reduce((a, b) => (Math.max(b.cold, b.max) > Math.max(a.cold, a.max) ? b : a));
    const worst = Math.max(slowest.cold, slowest.max);
    out.push(`slowest report: ${slowest.name}, ${fmt(worst)} ms (target ≤ ${TARGET_MS} ms): ${worst <= TARGET_MS ? 'OK' : 'OVER TARGET'}`);
    s.db.close();
    db = null;
    const size = statSync(file).size;
    out.push(`database file: ${(size / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await reportBench()) console.log(line);
}
