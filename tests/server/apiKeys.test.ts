import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/domain/clock';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

interface KeyInfo {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  createdBy: number | null;
  createdByName: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
interface ErrorBody {
  error: { code: string; message: string };
}

const clock = new ManualClock('2026-11-27T02:00:00.000Z');
let s: TestServer;
let admin: Client;

const sync = (key: string | null, body: unknown = { changes: [{ code: '000.00.06.H56-261127-0001', status: 'processing', at: '2026-11-27T08:00:00+07:00' }] }) => {
  const c = new Client(s.url);
  if (key !== null) c.headers.authorization = key;
  return c.post<ErrorBody>('/api/sync/dossiers/status', body);
};

beforeAll(async () => {
  s = await startTestServer({ clock });
  admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await s.close();
});

describe('API keys', () => {
  let key = '';
  let info: KeyInfo;

  it('an admin creates a key: shown once, listed by its prefix only, audited', async () => {
    const r = await admin.post<{ key: string; apiKey: KeyInfo }>('/api/admin/api-keys', { name: 'Hệ thống một cửa tỉnh' });
    expect(r.status).toBe(201);
    key = r.body.key;
    info = r.body.apiKey;
    expect(key).toMatch(/^qs_live_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({ name: 'Hệ thống một cửa tỉnh', prefix: key.slice(0, 12), createdByName: 'Quản trị viên', revokedAt: null });
    const list = await admin.get<KeyInfo[]>('/api/admin/api-keys');
    expect(list.body).toEqual([info]);
    expect(JSON.stringify(list.body)).not.toContain(key.slice(12));
    const audit = await admin.get<{ entries: { action: string; targetName: string }[] }>('/api/admin/audit?action=api_key');
    expect(audit.body.entries.map((e) => [e.action, e.targetName])).toEqual([['api_key.create', 'Hệ thống một cửa tỉnh']]);
  });

  it('officers cannot see or make keys', async () => {
    const officer = await new Client(s.url).login('canbo1', OFFICER_PASSWORD);
    expect((await officer.get('/api/admin/api-keys')).status).toBe(403);
    expect((await officer.post('/api/admin/api-keys', { name: 'x' })).status).toBe(403);
  });

  it('only the SHA-256 of the key is stored; the key is nowhere in the database files', async () => {
    const row = s.app.db.prepare('SELECT prefix, key_hash AS keyHash FROM api_keys WHERE id = ?').get(info.id) as { prefix: string; keyHash: string };
    expect(row.keyHash).toBe(createHash('sha256').update(key).digest('hex'));
    const secret = key.slice(12);
    for (const f of ['quayso.db', 'quayso.db-wal']) {
      const file = join(s.dataDir, f);
      if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from(secret))).toBe(false);
    }
  });

  it('a good key works; last use is noted at most once a minute', async () => {
    const ok = await sync(`Bearer ${key}`);
    // The key is accepted: the body is then checked (this dossier does not exist).
    expect(ok.status).toBe(400);
    expect(ok.body.error.code).toBe('sync_invalid');
    const used = () => (s.app.db.prepare('SELECT last_used_at FROM api_keys WHERE id = ?').pluck().get(info.id) as string | null);
    expect(used()).toBe(clock.now().toISOString());
    const first = used();
    clock.advance(30_000);
    await sync(`Bearer ${key}`);
    expect(used()).toBe(first);
    clock.advance(31_000);
    await sync(`Bearer ${key}`);
    expect(used()).toBe(clock.now().toISOString());
  });

  it('no key, a wrong key, a malformed header or an admin cookie → 401 with a bilingual message; nothing logged of the key', async () => {
    const wrong = `qs_live_${'A'.repeat(43)}`;
    for (const header of [null, `Bearer ${wrong}`, `Basic ${key}`, key, 'Bearer ']) {
      const r = await sync(header);
      expect(r.status, String(header)).toBe(401);
      expect(r.body.error.code).toBe('bad_api_key');
      expect(r.body.error.message).toMatch(/^Khóa API không hợp lệ.*\(Missing, invalid or revoked API key/);
    }
    const cookie = await admin.post<ErrorBody>('/api/sync/dossiers/status', { changes: [] });
    expect(cookie.status).toBe(401);
    const logs = await admin.get<{ entries: { msg: string; fields?: Record<string, unknown> }[] }>('/api/admin/logs');
    const text = JSON.stringify(logs.body);
    expect(text).toContain('sync API key refused');
    expect(text).not.toContain(wrong);
    expect(text).not.toContain(key.slice(12));
  });

  it('a revoked key is refused at once; revoking is audited', async () => {
    const r = await admin.request<KeyInfo>('DELETE', `/api/admin/api-keys/${info.id}`, {});
    expect(r.status).toBe(200);
    expect(r.body.revokedAt).toBe(clock.now().toISOString());
    expect((await sync(`Bearer ${key}`)).status).toBe(401);
    expect((await admin.request<ErrorBody>('DELETE', '/api/admin/api-keys/999', {})).body.error.code).toBe('api_key_not_found');
    const audit = await admin.get<{ entries: { action: string }[] }>('/api/admin/audit?action=api_key');
    expect(audit.body.entries.map((e) => e.action)).toEqual(['api_key.revoke', 'api_key.create']);
  });

  it('failed attempts are slowed down per client (429 with Retry-After), even for a good key meanwhile', async () => {
    clock.advance(16 * 60_000); // earlier failures are forgotten
    const good = (await admin.post<{ key: string }>('/api/admin/api-keys', { name: 'Tập lệnh CNTT' })).body.key;
    // 10 attempts are free; the 11th must wait a second, the wait doubling with each further failure.
    for (let i = 0; i < 10; i++) expect((await sync('Bearer nope')).status).toBe(401);
    expect((await sync('Bearer nope')).status).toBe(429);
    const c = new Client(s.url);
    c.headers.authorization = `Bearer ${good}`;
    const res = await fetch(`${s.url}/api/sync/dossiers/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${good}` },
      body: JSON.stringify({ changes: [] }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(((await res.json()) as ErrorBody).error.message).toContain('Sai khóa API nhiều lần');
    clock.advance(1000);
    expect((await c.post('/api/sync/dossiers/status', { changes: [] })).status).toBe(400);
  });
});
