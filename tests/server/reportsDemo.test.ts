import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/database';
import { ConfigRepo } from '../../server/domain/configRepo';
import { OfficerRepo } from '../../server/auth/officerRepo';
import { QueueService } from '../../server/domain/queue';
import { QueueEvents } from '../../server/domain/events';
import { ManualClock } from '../../server/domain/clock';
import { seedDemoData } from '../../server/domain/reports/demoData';
import { ReportService } from '../../server/domain/reports/reportService';
import { DomainError } from '../../server/domain/errors';
import { seedDemoOffice } from '../../server/domain/seed';

function fresh() {
  const db = openDatabase(':memory:');
  const clock = new ManualClock('2026-11-23T02:00:00Z');
  const config = new ConfigRepo(db);
  const officers = new OfficerRepo(db, clock);
  const queue = new QueueService(db, config, clock, new QueueEvents());
  return { db, clock, config, officers, queue };
}

describe('seed:demo', () => {
  it('fills a fresh database with a month of demo data, marks it, and refuses to run twice', async () => {
    const f = fresh();
    const r = await seedDemoData(f.db, f.config, f.officers, { months: 1, today: () => f.queue.serviceDay(), ticketsPerDay: 60, seed: 5 });
    expect(r.days).toBeGreaterThan(18);
    expect(r.tickets).toBe(f.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get());
    expect(r.ratings).toBeGreaterThan(100);
    expect(r.dossiers).toBeGreaterThan(50);
    // every closed day is already summarised for the reports
    expect(r.packedDays).toBe(f.db.prepare('SELECT COUNT(DISTINCT day) FROM report_days').pluck().get());
    expect(r.packedDays).toBeGreaterThanOrEqual(r.days);
    expect(f.db.prepare('SELECT COUNT(DISTINCT service_day) FROM tickets WHERE service_day NOT IN (SELECT day FROM report_days)').pluck().get()).toBe(0);
    expect(f.db.prepare("SELECT MAX(service_day) FROM tickets").pluck().get()).toBe('2026-11-20'); // Friday: weekends have no tickets
    expect(f.db.prepare("SELECT COUNT(DISTINCT channel) FROM dossiers").pluck().get()).toBe(3);
    const statuses = f.db.prepare('SELECT status, COUNT(*) AS n FROM tickets GROUP BY status').all() as { status: string; n: number }[];
    // no-shows end their day expired, as the day's rollover leaves them
    expect(statuses.map((s) => s.status).sort()).toEqual(['cancelled', 'done', 'expired']);
    expect(f.db.prepare("SELECT COUNT(*) FROM tickets WHERE status = 'expired' AND first_called_at IS NOT NULL").pluck().get()).toBeGreaterThan(20);
    expect(f.queue.rolloverIfNeeded()).toBe(0);
    const reports = new ReportService(f.db, f.config, f.clock, f.queue);
    expect(reports.meta().demo).toMatchObject({ months: 1 });
    expect(reports.todaySummary().demo).toBe(true);
    const t = reports.run('tickets', { from: '2026-10-01', to: '2026-11-23', groupBy: 'month', serviceId: null, counterId: null, officerId: null });
    expect(t.tables[0]!.rows.at(-1)![1]).toBe(r.tickets);
    // weekends are empty, Monday busier than Friday on average
    expect(f.db.prepare("SELECT COUNT(*) FROM tickets WHERE strftime('%w', service_day) IN ('0', '6')").pluck().get()).toBe(0);
    await expect(seedDemoData(f.db, f.config, f.officers, { months: 1, today: () => f.queue.serviceDay() })).rejects.toMatchObject({ code: 'already_demo' });
  });

  it('refuses a database that holds real tickets, and changes nothing', async () => {
    const f = fresh();
    await seedDemoOffice(f.config, f.officers, 'admin-pass-123');
    f.queue.issueTicket({ serviceId: f.config.services()[0]!.id });
    const counters = f.config.counters().length;
    const err = await seedDemoData(f.db, f.config, f.officers, { months: 1, today: () => f.queue.serviceDay() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('not_fresh');
    expect((err as DomainError).message).toMatch(/^Cơ sở dữ liệu đã có 1 phiếu thật.*\(The database already holds 1 real tickets/);
    expect(f.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(1);
    expect(f.config.counters().length).toBe(counters);
    expect(f.db.prepare('SELECT COUNT(*) FROM demo_data').pluck().get()).toBe(0);
  });

  it('the command line tool says why it refuses and exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quayso-demo-'));
    try {
      const db = openDatabase(join(dir, 'quayso.db'));
      const config = new ConfigRepo(db);
      const clock = new ManualClock(new Date().toISOString());
      await seedDemoOffice(config, new OfficerRepo(db, clock), 'admin-pass-123');
      new QueueService(db, config, clock, new QueueEvents()).issueTicket({ serviceId: config.services()[0]!.id });
      db.close();
      const run = spawnSync('npx', ['tsx', 'tools/seed-demo.ts', '--months', '1', '--data-dir', dir], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('DỮ LIỆU MẪU / DEMO DATA');
      expect(run.stderr).toContain('Cơ sở dữ liệu đã có 1 phiếu thật');
      const bad = spawnSync('npx', ['tsx', 'tools/seed-demo.ts', '--months', 'abc', '--data-dir', dir], { encoding: 'utf8', timeout: 120_000 });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--months phải là số nguyên');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
