/** A small seeded PRNG (mulberry32) so that fuzz runs are reproducible. */
export function seededRandom(seed: number): { next: () => number; int: (n: number) => number; bytes: (n: number) => Buffer } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const bytes = (n: number): Buffer => {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = int(256);
    return out;
  };
  return { next, int, bytes };
}
