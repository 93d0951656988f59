import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

describe('WAL checkpoints off the event loop', () => {
  it('the main connection never checkpoints; the worker copies committed pages into the database file', async () => {
    expect(s.app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const file = join(s.dataDir, 'quayso.db');
    const before = statSync(file).size;
    for (let i = 0; i < 300; i++) s.app.ctx.queue.issueTicket({ serviceId: (i % 5) + 1 });
    // Within a few seconds the worker's PASSIVE checkpoint has grown the main file.
    await expect.poll(() => statSync(file).size, { timeout: 8000, interval: 250 }).toBeGreaterThan(before);
    expect(s.app.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(300);
  });
});
