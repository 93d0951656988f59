import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ProcedureRepo } from '../../server/domain/catalogue/procedureRepo';
import { systemClock } from '../../server/domain/clock';
import type { StaffDossier } from '../../shared/dossiers';
import { killHard, spawnServer } from '../helpers/spawn';

const dataDir = mkdtempSync(join(tmpdir(), 'quayso-dossier-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));

const env = { DATA_DIR: dataDir, ADMIN_PASSWORD: 'dossier-crash-admin', PRINTER: 'none' };

async function call(url: string, method: string, path: string, body: unknown, cookie = '') {
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? cookie, body: (await res.json().catch(() => null)) as unknown };
}

const register = (url: string, cookie: string) =>
  call(url, 'POST', '/api/counters/1/dossiers', {
    procedureCode: '9.000002',
    applicant: { name: 'Người Thử Nghiệm' },
    documents: [{ name: 'Tờ khai', form: 'original', copies: 1 }],
    sets: 1,
  }, cookie);

describe('dossier codes survive kill -9', () => {
  it('every acknowledged code is stored, and the next code after a restart is new', async () => {
    const first = await spawnServer(env);
    const db = new Database(join(dataDir, 'quayso.db'));
    const serviceId = db.prepare("SELECT id FROM services WHERE code = 'TP'").pluck().get() as number;
    new ProcedureRepo(db, systemClock).save({
      code: '9.000002',
      name: 'Thủ tục thử độ bền',
      serviceId,
      fieldName: '',
      level: '',
      channels: [{ channel: 'truc_tiep', time: { unit: 'working_days', value: 1 }, fee: '' }],
      documents: [],
      sets: 1,
      applicants: '',
      result: '',
      legalBasis: '',
      active: true,
      sortOrder: 1,
    });
    db.close();
    const login = await call(first.url, 'POST', '/api/auth/login', { username: 'admin', password: env.ADMIN_PASSWORD });
    const cookie = login.cookie;
    expect((await call(first.url, 'POST', '/api/tickets', { serviceId })).status).toBe(201);
    expect((await call(first.url, 'POST', '/api/counters/1/call-next', {}, cookie)).status).toBe(200);

    const acked: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await register(first.url, cookie);
      expect(r.status).toBe(201);
      acked.push((r.body as { dossier: StaffDossier }).dossier.code);
    }
    // Killed between two registrations: right after the last acknowledgement.
    await killHard(first.proc);

    const stored = new Database(join(dataDir, 'quayso.db'), { readonly: true });
    const codes = new Set(stored.prepare('SELECT code FROM dossiers').pluck().all() as string[]);
    stored.close();
    for (const c of acked) expect(codes.has(c), `dossier ${c} lost`).toBe(true);
    expect(acked.map((c) => Number(c.split('-').at(-1)))).toEqual([1, 2, 3, 4, 5]);

    const second = await spawnServer(env);
    try {
      const again = await call(second.url, 'POST', '/api/auth/login', { username: 'admin', password: env.ADMIN_PASSWORD });
      const r = await register(second.url, again.cookie);
      expect(r.status).toBe(201);
      const next = (r.body as { dossier: StaffDossier }).dossier.code;
      expect(codes.has(next)).toBe(false);
      expect(Number(next.split('-').at(-1))).toBe(6);
    } finally {
      await killHard(second.proc);
    }
  }, 90_000);
});
