import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, startTestServer, type TestServer } from '../helpers/server';

let s: TestServer;
let admin: Client;

beforeAll(async () => {
  s = await startTestServer();
  admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await s.close();
});

interface ErrorBody {
  error: { code: string; message: string; details: { currentVersion: number; sentVersion: number } };
}
type Versioned = Record<string, unknown> & { version: number };

/** Each kind of configuration record: where it is read and saved, and one edit of it. */
const KINDS: { kind: string; get: string; put: string; row?: number; edit: (r: Versioned, n: number) => Record<string, unknown> }[] = [
  { kind: 'office', get: '/api/admin/office', put: '/api/admin/office', edit: (r, n) => ({ ...r, notice: `Thông báo ${n}` }) },
  {
    kind: 'opening hours',
    get: '/api/admin/opening-hours',
    put: '/api/admin/opening-hours',
    edit: (r, n) => ({ ...r, hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: `0${n}:00`, close: '24:00' })) }),
  },
  { kind: 'field', get: '/api/admin/services', put: '/api/admin/services', row: 0, edit: (r, n) => ({ ...r, nameEn: `Field ${n}` }) },
  { kind: 'counter', get: '/api/admin/counters', put: '/api/admin/counters', row: 0, edit: (r, n) => ({ ...r, name: `Quầy một ${n}` }) },
  { kind: 'officer', get: '/api/admin/officers', put: '/api/admin/officers', row: 1, edit: (r, n) => ({ ...r, name: `Cán bộ ${n}` }) },
  { kind: 'priority category', get: '/api/admin/priorities', put: '/api/admin/priorities', row: 0, edit: (r, n) => ({ ...r, nameEn: `Priority ${n}` }) },
];

async function read(k: (typeof KINDS)[number]): Promise<{ record: Versioned; path: string }> {
  const body = (await admin.get<Versioned | Versioned[]>(k.get)).body;
  if (k.row === undefined) return { record: body as Versioned, path: k.put };
  const record = (body as Versioned[])[k.row]!;
  return { record, path: `${k.put}/${String(record.id)}` };
}

describe('stale edits', () => {
  for (const k of KINDS) {
    it(`a save of the ${k.kind} based on an outdated version is a 409 that changes nothing`, async () => {
      // Two admins open the same record.
      const { record: seen, path } = await read(k);
      expect(seen.version).toBeGreaterThanOrEqual(1);

      // The first saves: accepted, and the version goes up.
      const first = await admin.put<Versioned>(path, k.edit(seen, 1));
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(seen.version + 1);
      const { record: saved } = await read(k);
      expect(saved.version).toBe(seen.version + 1);

      // The second, from the view they opened before, is refused with an explanation.
      const stale = await admin.put<ErrorBody>(path, k.edit(seen, 2));
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('stale_version');
      expect(stale.body.error.message).toContain('Dữ liệu đã được người khác thay đổi');
      expect(stale.body.error.message).toContain('Tải lại');
      expect(stale.body.error.details).toEqual({ currentVersion: seen.version + 1, sentVersion: seen.version });
      expect((await read(k)).record).toEqual(saved);

      // After a reload, their edit goes through.
      const retried = await admin.put<Versioned>(path, k.edit(saved, 2));
      expect(retried.status).toBe(200);
      expect(retried.body.version).toBe(seen.version + 2);
    });
  }

  it('a save without a version (an older API client) is accepted, and raises the version', async () => {
    const { version, ...counter } = (await admin.get<Versioned[]>('/api/admin/counters')).body[1]!;
    const r = await admin.put<Versioned>(`/api/admin/counters/${String(counter.id)}`, { ...counter, name: 'Quầy hai' });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(version + 1);
  });

  it('new rows start at version 1; a version that is not a number is refused', async () => {
    const created = await admin.post<Versioned>('/api/admin/priorities', { name: 'Trẻ em dưới 6 tuổi' });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    const bad = await admin.put<ErrorBody>(`/api/admin/priorities/${String(created.body.id)}`, { ...created.body, version: 'mới nhất' });
    expect(bad.status).toBe(400);
  });
});
