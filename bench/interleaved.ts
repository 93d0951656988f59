import type { Socket } from 'socket.io-client';
import { fanoutOnce, percentile } from './sockets';

/** A server under measurement: its connected clients and the request that makes it emit. */
export interface Side {
  sockets: Socket[];
  trigger: () => Promise<void>;
}

export interface Percentiles {
  p50: number;
  p99: number;
}

export interface RoundResult {
  real: Percentiles;
  floor: Percentiles;
  ratioP50: number;
  ratioP99: number;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

const PAUSE_MS = 20;

const percentiles = (xs: number[]): Percentiles => ({ p50: percentile(xs, 50), p99: percentile(xs, 99) });

/**
 * Measures the real server against the floor call by call: within a round the two
 * alternate single calls (real then floor, then floor then real, so neither always goes
 * first), with both sets of clients connected all along, so that whatever else the
 * machine is doing at that moment falls on both alike. Each round gives its own ratio.
 */
export async function interleaved(
  real: Side,
  floor: Side,
  rounds: number,
  callsPerRound: number,
  event: string,
): Promise<{ rounds: RoundResult[]; real: Percentiles; floor: Percentiles }> {
  const results: RoundResult[] = [];
  const allReal: number[] = [];
  const allFloor: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const realSamples: number[] = [];
    const floorSamples: number[] = [];
    for (let call = 0; call < callsPerRound; call++) {
      const order: [Side, number[]][] = [
        [real, realSamples],
        [floor, floorSamples],
      ];
      if (call % 2 === 1) order.reverse();
      for (const [side, samples] of order) {
        samples.push(...(await fanoutOnce(side.sockets, event, side.trigger)));
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
    }
    const r = percentiles(realSamples);
    const f = percentiles(floorSamples);
    results.push({ real: r, floor: f, ratioP50: r.p50 / f.p50, ratioP99: r.p99 / f.p99 });
    allReal.push(...realSamples);
    allFloor.push(...floorSamples);
  }
  return { rounds: results, real: percentiles(allReal), floor: percentiles(allFloor) };
}

/** Smallest, median and largest of a few values (e.g. the per-round ratios). */
export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)] : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return { min: sorted[0] ?? NaN, median: median ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}
