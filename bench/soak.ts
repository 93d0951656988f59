import type { Socket } from 'socket.io-client';
import { connectClients } from './sockets';
import { rssMb } from './memory';

export interface SoakResult {
  /** The server's resident memory (MB) with every client connected, before the first call. */
  startMb: number;
  endMb: number;
  /** The server's resident memory sampled every `sampleSeconds` (the first is `startMb`). */
  samplesMb: number[];
  /** The bench process's own resident memory at the end (its clients, not the server's). */
  benchMb: number;
  calls: number;
  minReceived: number;
  /** Tickets waiting when the soak began (left by the bench's earlier sections), and the snapshot's size. */
  waiting: number;
  snapshotKb: number;
}

/**
 * Soak: `clients` socket.io clients stay connected while a ticket is issued and a counter
 * calls every second, for `minutes`. Samples the server's own memory along the way and
 * checks that every client kept receiving calls.
 */
export async function soak(opts: {
  url: string;
  pid: number;
  cookie: string;
  clients: number;
  minutes: number;
  sampleSeconds?: number;
}): Promise<SoakResult> {
  const queue = await (await fetch(`${opts.url}/api/queue`)).text();
  const waiting = (JSON.parse(queue) as { tickets: { status: string }[] }).tickets.filter((t) => t.status === 'waiting').length;
  const sockets: Socket[] = await connectClients(`${opts.url}/public`, opts.clients);
  const received = new Map<Socket, number>(sockets.map((s) => [s, 0]));
  for (const s of sockets) s.on('ticket:called', () => received.set(s, (received.get(s) ?? 0) + 1));
  const headers = { 'content-type': 'application/json', cookie: opts.cookie };
  const startMb = rssMb(opts.pid);
  const samplesMb = [startMb];
  const sampleMs = (opts.sampleSeconds ?? 60) * 1000;
  const started = Date.now();
  const end = started + opts.minutes * 60_000;
  let nextSample = started + sampleMs;
  let calls = 0;
  let counter = 0;
  while (Date.now() < end) {
    const tick = Date.now();
    const issued = await fetch(`${opts.url}/api/tickets`, { method: 'POST', headers, body: JSON.stringify({ serviceId: (calls % 5) + 1 }) });
    await issued.arrayBuffer();
    counter = (counter % 4) + 1;
    const r = await fetch(`${opts.url}/api/counters/${counter}/call-next`, { method: 'POST', headers, body: '{}' });
    await r.arrayBuffer();
    if (r.status === 200) calls++;
    if (Date.now() >= nextSample) {
      samplesMb.push(rssMb(opts.pid));
      nextSample += sampleMs;
    }
    await new Promise((res) => setTimeout(res, Math.max(0, 1000 - (Date.now() - tick))));
  }
  await new Promise((res) => setTimeout(res, 1000));
  const endMb = rssMb(opts.pid);
  const benchMb = process.memoryUsage().rss / 1048576;
  const minReceived = Math.min(...received.values());
  for (const s of sockets) s.close();
  return { startMb, endMb, samplesMb, benchMb, calls, minReceived, waiting, snapshotKb: Buffer.byteLength(queue) / 1024 };
}
