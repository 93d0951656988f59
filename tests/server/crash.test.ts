import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { killHard, spawnServer } from '../helpers/spawn';
import type { IssuedTicket } from '../../shared/contract';

const dataDir = mkdtempSync(join(tmpdir(), 'quayso-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));

async function issue(url: string): Promise<IssuedTicket | null> {
  try {
    const res = await fetch(`${url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 1 }),
    });
    return res.status === 201 ? ((await res.json()) as IssuedTicket) : null;
  } catch {
    return null; // the process died mid-request: not acknowledged
  }
}

describe('crash safety', () => {
  it('every acknowledged ticket survives SIGKILL and numbering continues after restart', async () => {
    const env = { DATA_DIR: dataDir, ADMIN_PASSWORD: 'crash-test-admin' };
    const first = await spawnServer(env);
    const admin = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'crash-test-admin' }),
    });
    const cookie = admin.headers.get('set-cookie')?.split(';')[0] ?? '';
    const office = (await (await fetch(`${first.url}/api/admin/office`, { headers: { cookie } })).json()) as object;
    await fetch(`${first.url}/api/admin/office`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ ...office, ticketRateLimitPerMinute: 0 }),
    });

    const acked: IssuedTicket[] = [];
    // Keep 8 requests in flight, and kill the server while they are.
    let stop = false;
    const workers = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const t = await issue(first.url);
        if (t) acked.push(t);
        else if (stop) break;
      }
    });
    while (acked.length < 150) await new Promise((r) => setTimeout(r, 5));
    // A call acknowledged just before the kill (counter actions commit with synchronous=NORMAL).
    const call = await fetch(`${first.url}/api/counters/1/call-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: '{}',
    });
    const calledNumber = ((await call.json()) as { current: { number: string } }).current.number;
    await killHard(first.proc);
    stop = true;
    await Promise.all(workers);

    // Straight from the file, as the server left it.
    const db = new Database(join(dataDir, 'quayso.db'), { readonly: true });
    const numbers = new Set(db.prepare('SELECT number FROM tickets').pluck().all() as string[]);
    expect(db.prepare('SELECT status FROM tickets WHERE number = ?').pluck().get(calledNumber)).toBe('called');
    db.close();
    for (const t of acked) expect(numbers.has(t.ticket.number), `ticket ${t.ticket.number} lost`).toBe(true);

    const second = await spawnServer(env);
    try {
      const next = await issue(second.url);
      const maxAcked = Math.max(...acked.map((t) => Number(t.ticket.number.slice(1))));
      expect(Number(next?.ticket.number.slice(1))).toBeGreaterThan(maxAcked);
      expect(numbers.has(next?.ticket.number ?? '')).toBe(false);
      const phone = await fetch(`${second.url}/api/t/${acked[0]?.publicCode}`);
      expect(phone.status).toBe(200);
    } finally {
      await killHard(second.proc);
    }
  }, 120_000); // two server starts and a kill -9 between them: slow on a loaded machine
});
