import * as parser from 'socket.io-parser';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { recentProblems } from '../../server/log';
import { EVENT_BURST, EVENTS_PER_SECOND, STRIKE_BURST, TokenBucket } from '../../server/realtime/limits';
import { SharedPayloads, sharingParser } from '../../server/realtime/sharedEncoder';
import { RawSocketIo } from '../helpers/rawSocket';
import { startTestServer, type TestServer } from '../helpers/server';

async function waitFor(cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The messages of the warnings and errors logged from now until the end of the test. */
function loggedProblems(): string[] {
  const logged: string[] = [];
  onTestFinished(recentProblems.subscribe((e) => void logged.push(e.msg)));
  return logged;
}

describe('TokenBucket', () => {
  it('allows a burst, then refills at its rate', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now = 400; // 0.8 of a token
    expect(bucket.take()).toBe(false);
    now = 500; // 1 token
    expect(bucket.take()).toBe(true);
    now = 60_000; // never more than the burst
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});

describe('sharing encoder', () => {
  const shared = new SharedPayloads();
  const Sharing = sharingParser(shared).Encoder;
  const snapshot = shared.share({ office: { name: 'UBND xã Hòa An' }, tickets: [{ id: 1, number: 'A001' }], n: null });

  it('writes a shared payload exactly as socket.io-parser does', () => {
    const packets: parser.Packet[] = [
      { type: parser.PacketType.EVENT, nsp: '/public', data: ['snapshot', snapshot] },
      { type: parser.PacketType.ACK, nsp: '/staff', id: 12, data: [snapshot] },
      { type: parser.PacketType.EVENT, nsp: '/', data: ['snapshot', snapshot, undefined, 3] },
      { type: parser.PacketType.EVENT, nsp: '/public', data: ['ticket:issued', { ticket: { id: 2 } }] },
    ];
    for (const p of packets) expect(new Sharing().encode(p)).toEqual(new parser.Encoder().encode(p));
  });

  it('serialises a shared payload once, however often it is sent', () => {
    const spy = vi.spyOn(JSON, 'stringify');
    const payload = shared.share({ big: 'x'.repeat(1000) });
    const encoder = new Sharing();
    for (let id = 0; id < 50; id++) encoder.encode({ type: parser.PacketType.ACK, nsp: '/public', id, data: [payload] });
    const ofPayload = spy.mock.calls.filter(([v]) => v === payload || (Array.isArray(v) && v.includes(payload)));
    spy.mockRestore();
    expect(ofPayload.length).toBe(1);
  });
});

describe('snapshot sharing', () => {
  it('serialises the snapshot once for every socket that gets it, on connect and in acks', async () => {
    const server = await startTestServer({ printer: 'none' });
    try {
      for (let i = 0; i < 20; i++) server.app.ctx.queue.issueTicket({ serviceId: (i % 5) + 1 });
      const isSnapshot = (v: unknown) => typeof v === 'object' && v !== null && 'tickets' in v && 'office' in v;
      const stringify = vi.spyOn(JSON, 'stringify');
      const sockets = Array.from({ length: 6 }, () =>
        connect(`${server.url}/public`, { transports: ['websocket'], forceNew: true, reconnection: false }),
      );
      await Promise.all(sockets.map((sock) => new Promise((r) => sock.once('snapshot', r))));
      await Promise.all(sockets.map((sock) => sock.timeout(10_000).emitWithAck('snapshot:get')));
      // The snapshot objects serialised (alone, or inside a packet's arguments): each only once.
      const serialised = stringify.mock.calls.flatMap(([v]) => (Array.isArray(v) ? v : [v]).filter(isSnapshot));
      stringify.mockRestore();
      for (const sock of sockets) sock.close();
      expect(serialised.length).toBeGreaterThan(0);
      expect(serialised.length).toBe(new Set(serialised).size);
    } finally {
      await server.close();
    }
  });
});

describe('send buffer bound', () => {
  let s: TestServer | null = null;
  afterEach(async () => {
    vi.restoreAllMocks();
    await s?.close();
    s = null;
  });

  it('drops a client that never reads its broadcasts; clients that read get them all', async () => {
    s = await startTestServer({ printer: 'none' });
    const server = s;
    for (let i = 0; i < 100; i++) server.app.ctx.queue.issueTicket({ serviceId: (i % 5) + 1 });
    const logged = loggedProblems();

    const reader = connect(`${server.url}/public`, { transports: ['websocket'], forceNew: true, reconnection: false });
    let snapshots = 0;
    reader.on('snapshot', () => snapshots++);
    await waitFor(() => snapshots === 1);
    const silent = await RawSocketIo.open(Number(new URL(server.url).port));
    await silent.send(['40/public,']);

    // Every office change sends the whole snapshot (some 20 KB here) to every screen. Up to
    // 20 MB for the silent client, far more than the kernel's socket buffers can hold.
    const dropped = () => logged.some((l) => l.includes('not reading'));
    let sent = 0;
    while (!dropped() && sent < 1000) {
      server.app.ctx.events.emit([{ type: 'configChanged' }]);
      sent++;
      await waitFor(() => snapshots === sent + 1);
    }
    expect(dropped(), `${sent} snapshots sent, nothing dropped`).toBe(true);
    silent.drain();
    await silent.closed;
    expect(reader.connected).toBe(true);
    reader.close();
  }, 120_000);

  it('answers snapshot:get at a few per second, then drops a client that keeps asking faster', async () => {
    s = await startTestServer({ printer: 'none' });
    const logged = loggedProblems();
    const client = connect(`${s.url}/public`, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise((r) => client.once('snapshot', r));
    const started = Date.now();
    let asked = 0;
    let answered = 0;
    const reason = new Promise<string>((resolve) => client.once('disconnect', resolve));
    // 5 a second: within the connection's packet budget, over the socket's event rate.
    const timer = setInterval(() => {
      asked++;
      client.emit('snapshot:get', () => answered++);
    }, 200);
    await reason.finally(() => clearInterval(timer));
    const seconds = (Date.now() - started) / 1000;
    expect(logged.filter((l) => /^realtime: dropped client .*: too many requests/.test(l))).toHaveLength(1);
    expect(answered).toBeGreaterThanOrEqual(EVENT_BURST);
    expect(answered).toBeLessThanOrEqual(EVENT_BURST + Math.ceil(seconds * EVENTS_PER_SECOND));
    expect(asked - answered).toBeGreaterThan(STRIKE_BURST);
    client.close();
  });

  it('drops a client that floods refused connects to /staff', async () => {
    s = await startTestServer({ printer: 'none' });
    const logged = loggedProblems();
    const raw = await RawSocketIo.open(Number(new URL(s.url).port));
    await raw.send(Array.from({ length: 5000 }, () => '40/staff,'));
    raw.drain();
    await raw.closed;
    expect(logged.filter((l) => /^realtime: dropped client .*: too many packets/.test(l))).toHaveLength(1);
  });
});
