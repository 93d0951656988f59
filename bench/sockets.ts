import { io as connect, type Socket } from 'socket.io-client';

/** Connects `n` socket.io clients to a namespace (websocket transport) and waits until all are in. */
export async function connectClients(url: string, n: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, () => {
      const s = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(s);
      return new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
    });
    await Promise.all(batch);
  }
  return sockets;
}

/**
 * One call's trigger → event latency at every client: `trigger()` starts at t0 and each
 * client's receipt of `event` is one sample (ms).
 */
export async function fanoutOnce(sockets: Socket[], event: string, trigger: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  let pending = sockets.length;
  const t0 = performance.now();
  const all = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${pending} clients got no ${event} within 10 s`)), 10_000);
    for (const s of sockets) {
      s.once(event, () => {
        samples.push(performance.now() - t0);
        if (--pending === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
  await trigger();
  await all;
  return samples;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
