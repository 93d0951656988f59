/**
 * Dossier registration throughput (docs/dossiers.md): through DossierService on a file database
 * with the production pragmas (WAL, synchronous=FULL), through HTTP on an in-process server
 * (officer login, the counter's current ticket, PRINTER=none so the printer's paper speed does not
 * count), and the receipt slip's render + ESC/POS encode. `npx tsx bench/dossiers.ts` alone, or
 * from `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createQuaySo } from '../server/app';
import { ProcedureRepo } from '../server/domain/catalogue/procedureRepo';
import { WorkingCalendar } from '../server/domain/calendar/workingCalendar';
import { systemClock } from '../server/domain/clock';
import { DossierService } from '../server/domain/dossiers/dossierService';
import { encodeRendered } from '../drivers/printer/escpos';
import { renderReceipt } from '../drivers/printer/receipt';
import type { Db } from '../server/db/database';

const SECONDS = Number(process.env.BENCH_DOSSIER_SECONDS ?? 3);
const CONCURRENCY = 16;
const PASSWORD = 'bench-dossier-admin';

function addProcedure(db: Db): void {
  const serviceId = db.prepare('SELECT id FROM services ORDER BY id LIMIT 1').pluck().get() as number;
  new ProcedureRepo(db, systemClock).save({
    code: '9.900001',
    name: 'Thủ tục đo hiệu năng',
    serviceId,
    fieldName: '',
    level: '',
    channels: [{ channel: 'truc_tiep', time: { unit: 'working_days', value: 5 }, fee: '' }],
    documents: [
      { name: 'Tờ khai', form: 'original', copies: 1 },
      { name: 'Giấy tờ kèm theo', form: 'copy', copies: 2 },
    ],
    sets: 1,
    applicants: '',
    result: '',
    legalBasis: '',
    active: true,
    sortOrder: 1,
  });
}

const body = JSON.stringify({
  procedureCode: '9.900001',
  applicant: { name: 'Người Đo Hiệu Năng', phone: '0900 000 000', address: 'Thôn Thử' },
  documents: [
    { name: 'Tờ khai', form: 'original', copies: 1 },
    { name: 'Giấy tờ kèm theo', form: 'copy', copies: 2 },
  ],
  sets: 1,
});

function post(agent: Agent, url: URL, payload: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), cookie } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The benchmark's lines, for `npm run bench`. */
export async function dossierBench(): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'quayso-bench-dossiers-'));
  const app = await createQuaySo({ dataDir, adminPassword: PASSWORD, printer: 'none' });
  try {
    addProcedure(app.db);
    const service = new DossierService(app.db, app.ctx.config, systemClock, new ProcedureRepo(app.db, systemClock), new WorkingCalendar(app.db, app.ctx.config));
    const input = { ticketId: null, ...(JSON.parse(body) as object) } as Parameters<DossierService['register']>[0];
    let direct = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < SECONDS * 1000) {
      service.register(input, { officerId: null, counterId: null });
      direct++;
    }
    const directPerSecond = direct / ((performance.now() - t0) / 1000);

    const url = await app.listen(0, '127.0.0.1');
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const serviceId = app.db.prepare('SELECT id FROM services ORDER BY id LIMIT 1').pluck().get() as number;
    await fetch(`${url}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId }) });
    const counterId = app.db.prepare('SELECT counter_id FROM counter_services WHERE service_id = ? LIMIT 1').pluck().get(serviceId) as number;
    await fetch(`${url}/api/counters/${counterId}/call-next`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    const target = new URL(`${url}/api/counters/${counterId}/dossiers`);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let viaHttp = 0;
    let failed = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() - t1 < SECONDS * 1000) {
          if ((await post(agent, target, body, cookie)) === 201) viaHttp++;
          else failed++;
        }
      }),
    );
    const httpPerSecond = viaHttp / ((performance.now() - t1) / 1000);
    agent.destroy();

    const last = service.search('', 1)[0]!;
    const slip = service.slip(last.code, url);
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const s = performance.now();
      encodeRendered(renderReceipt(slip, 576));
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    return [
      `dossier registrations through DossierService: ${directPerSecond.toFixed(0)} /s (one at a time, each its own fsync'd transaction)`,
      `dossier registrations over HTTP: ${httpPerSecond.toFixed(0)} /s (${CONCURRENCY} concurrent clients, officer login, no printer${failed ? `, ${failed} failed` : ''})`,
      `receipt slip render + ESC/POS encode: median ${times[30]!.toFixed(1)} ms, p99 ${times[59]!.toFixed(1)} ms`,
    ];
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await dossierBench()) console.log(line);
}
