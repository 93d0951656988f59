import { readFileSync } from 'node:fs';
import type { Socket } from 'socket.io-client';
import { connectClients } from './sockets';

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? Number(m[1]) / 1024 : NaN;
}

/**
 * Soak: `clients` socket.io clients stay connected while a ticket is issued and a counter
 * calls every second, for `minutes`. Reports the server's memory at start and end and
 * that every client kept receiving calls.
 */
export async function soak(opts: {
  url: string;
  pid: number;
  cookie: string;
  clients: number;
  minutes: number;
}): Promise<{ startMb: number; endMb: number; calls: number; minReceived: number }> {
  const sockets: Socket[] = await connectClients(`${opts.url}/public`, opts.clients);
  const received = new Map<Socket, number>(sockets.map((s) => [s, 0]));
  for (const s of sockets) s.on('ticket:called', () => received.set(s, (received.get(s) ?? 0) + 1));
  const headers = { 'content-type': 'application/json', cookie: opts.cookie };
  const startMb = rssMb(opts.pid);
  const end = Date.now() + opts.minutes * 60_000;
  let calls = 0;
  let counter = 0;
  while (Date.now() < end) {
    const tick = Date.now();
    await fetch(`${opts.url}/api/tickets`, { method: 'POST', headers, body: JSON.stringify({ serviceId: (calls % 5) + 1 }) });
    counter = (counter % 4) + 1;
    const r = await fetch(`${opts.url}/api/counters/${counter}/call-next`, { method: 'POST', headers, body: '{}' });
    await r.arrayBuffer();
    if (r.status === 200) calls++;
    await new Promise((res) => setTimeout(res, Math.max(0, 1000 - (Date.now() - tick))));
  }
  await new Promise((res) => setTimeout(res, 1000));
  const endMb = rssMb(opts.pid);
  const minReceived = Math.min(...received.values());
  for (const s of sockets) s.close();
  return { startMb, endMb, calls, minReceived };
}
