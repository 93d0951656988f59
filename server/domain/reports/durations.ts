/**
 * Exact mean, median and 90th percentile (nearest rank, periods.ts) of whole seconds per group,
 * from sorted runs: each run is one field × counter × officer of one day (the `times` part of
 * a day pack), already in ascending order, and counts in 5 groups: its period, the total, its
 * field, its counter, its officer.
 *
 * - Total, field, counter, officer (few groups), and the periods too when they are few (weeks,
 *   months, …): one per-second histogram row per group, walked up to the ranks.
 * - Periods when many (days), and every group should the rows be too many for the longest
 *   duration (a stray duration of days): the group's runs are gathered and two order statistics
 *   selected (quickselect); a group of one run reads them off the run.
 */
import { nearestRankIndex } from './periods';
import type { Words } from './dayPack';

/** Histograms bigger than this many counters fall back to gathering and selecting. */
export const MAX_HISTOGRAM = 4_000_000;

/** Sorted runs of seconds (read where they lie, in the day packs), with the 5 groups each counts in. */
export class Runs {
  /** the arrays the runs lie in (one per day), given by `source` */
  readonly arrays: Words[] = [];
  /** per run: its array's index in `arrays`, start and length */
  sources: Int32Array;
  starts: Int32Array;
  lengths: Int32Array;
  /** 5 groups per run: period, total, field, counter, officer */
  groups: Int32Array;
  size = 0;

  /** Sized for `runs` runs (it grows past them). */
  constructor(runs = 64) {
    const n = Math.max(1, runs);
    this.sources = new Int32Array(n);
    this.starts = new Int32Array(n);
    this.lengths = new Int32Array(n);
    this.groups = new Int32Array(n * 5);
  }

  /** Registers an array that runs lie in; `add` takes the number returned. */
  source(a: Words): number {
    return this.arrays.push(a) - 1;
  }

  /** Adds arrays[source][start .. start + length) (ascending) to the 5 groups. */
  add(source: number, start: number, length: number, period: number, total: number, field: number, counter: number, officer: number): void {
    if (length === 0) return;
    if (this.size === this.starts.length) {
      this.sources = grow(this.sources, this.size * 2);
      this.starts = grow(this.starts, this.size * 2);
      this.lengths = grow(this.lengths, this.size * 2);
      this.groups = grow(this.groups, this.size * 10);
    }
    const r = this.size++;
    this.sources[r] = source;
    this.starts[r] = start;
    this.lengths[r] = length;
    const g = r * 5;
    this.groups[g] = period;
    this.groups[g + 1] = total;
    this.groups[g + 2] = field;
    this.groups[g + 3] = counter;
    this.groups[g + 4] = officer;
  }
}

/**
 * Reused working memory: a fresh multi-megabyte array costs a page fault per 4 KB on first
 * touch, more than the counting itself. Kept up to KEEP_WORDS words each.
 */
const KEEP_WORDS = 2_000_000;
const pools = { hist: new Int32Array(0), gather: new Int32Array(0) };
function working(pool: keyof typeof pools, size: number, zeroed: boolean): Int32Array {
  let a = pools[pool];
  if (a.length < size) {
    a = new Int32Array(size);
    if (size <= KEEP_WORDS) pools[pool] = a;
    return a;
  }
  if (zeroed) a.fill(0, 0, size);
  return a;
}

function grow(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

export interface DurationStats {
  n: Float64Array;
  median: Int32Array;
  p90: Int32Array;
  mean: (g: number) => number | null;
}

export function runStats(runs: Runs, groupCount: number, maxHistogram = MAX_HISTOGRAM): DurationStats {
  const n = new Float64Array(groupCount);
  const sum = new Float64Array(groupCount);
  const median = new Int32Array(groupCount).fill(-1);
  const p90 = new Int32Array(groupCount).fill(-1);
  const { arrays, sources, starts, lengths, groups } = runs;
  const R = runs.size;
  // counts and the longest duration (each run ends with its largest), without reading the runs
  let max = 0;
  let valueCount = 0;
  for (let r = 0; r < R; r++) {
    const len = lengths[r]!;
    const last = arrays[sources[r]!]![starts[r]! + len - 1]!;
    if (last > max) max = last;
    valueCount += len;
    for (let j = r * 5; j < r * 5 + 5; j++) n[groups[j]!]! += len;
  }
  // histogram rows: for the groups of slots 1–4 (few) when they fit, and for the periods too
  // when they are few (a period's row costs its width to clear and walk; selecting costs a few
  // steps per value)
  const width = max + 1;
  const rowOf = new Int32Array(groupCount).fill(-1);
  const rowGroups: number[] = [];
  const giveRows = (from: number, to: number) => {
    for (let r = 0; r < R; r++) {
      for (let j = r * 5 + from; j <= r * 5 + to; j++) {
        const g = groups[j]!;
        if (rowOf[g] === -1) {
          rowOf[g] = rowGroups.length;
          rowGroups.push(g);
        }
      }
    }
  };
  let selected = [0, 1, 2, 3, 4];
  giveRows(1, 4);
  if (rowGroups.length * width > maxHistogram) {
    rowOf.fill(-1);
    rowGroups.length = 0;
  } else {
    selected = [0];
    const periods = new Set<number>();
    for (let r = 0; r < R; r++) periods.add(groups[r * 5]!);
    if ((rowGroups.length + periods.size) * width <= maxHistogram && periods.size * width <= 2 * valueCount) {
      giveRows(0, 0);
      selected = [];
    }
  }
  if (selected.length > 0) selectGroups(runs, selected, groupCount, n, median, p90);
  const hist = rowGroups.length > 0 ? working('hist', rowGroups.length * width, true) : null;
  // one pass over the values: sums, and the histograms
  for (let r = 0; r < R; r++) {
    const a = arrays[sources[r]!]!;
    const s = starts[r]!;
    const e = s + lengths[r]!;
    const g = r * 5;
    let total = 0;
    if (hist) {
      // the period's row, or negative when periods are selected
      const b0 = rowOf[groups[g]!]! * width;
      const b1 = rowOf[groups[g + 1]!]! * width;
      const b2 = rowOf[groups[g + 2]!]! * width;
      const b3 = rowOf[groups[g + 3]!]! * width;
      const b4 = rowOf[groups[g + 4]!]! * width;
      if (b0 >= 0) for (let i = s; i < e; i++) hist[b0 + a[i]!]!++;
      for (let i = s; i < e; i++) {
        const v = a[i]!;
        total += v;
        hist[b1 + v]!++;
        hist[b2 + v]!++;
        hist[b3 + v]!++;
        hist[b4 + v]!++;
      }
    } else for (let i = s; i < e; i++) total += a[i]!;
    for (let j = g; j < g + 5; j++) sum[groups[j]!]! += total;
  }
  if (hist) {
    for (const [row, g] of rowGroups.entries()) {
      const count = n[g]!;
      const r50 = nearestRankIndex(count, 50) + 1;
      const r90 = nearestRankIndex(count, 90) + 1;
      let seen = 0;
      for (let v = 0, base = row * width; v < width && seen < r90; v++) {
        const c = hist[base + v]!;
        if (c === 0) continue;
        if (seen < r50 && seen + c >= r50) median[g] = v;
        seen += c;
        if (seen >= r90) p90[g] = v;
      }
    }
  }
  return { n, median, p90, mean: (g: number) => (n[g]! > 0 ? Math.round(sum[g]! / n[g]!) : null) };
}

/** Median and 90th percentile of every group of the given slots, by gathering its runs and selecting. */
function selectGroups(runs: Runs, slots: number[], groupCount: number, n: Float64Array, median: Int32Array, p90: Int32Array): void {
  const { arrays, sources, starts, lengths, groups } = runs;
  const R = runs.size;
  // the runs of each group, by a counting sort of (run, slot) pairs on the group
  const first = new Int32Array(groupCount + 1);
  for (let r = 0; r < R; r++) for (const slot of slots) first[groups[r * 5 + slot]! + 1]!++;
  for (let g = 0; g < groupCount; g++) first[g + 1]! += first[g]!;
  const next = first.slice(0, groupCount);
  const runOf = new Int32Array(first[groupCount]!);
  for (let r = 0; r < R; r++) for (const slot of slots) runOf[next[groups[r * 5 + slot]!]!++] = r;
  let largest = 0;
  for (let g = 0; g < groupCount; g++) if (first[g + 1]! > first[g]! && n[g]! > largest) largest = n[g]!;
  const scratch = working('gather', largest, false);
  for (let g = 0; g < groupCount; g++) {
    const count = n[g]!;
    const lo = first[g]!;
    const hi = first[g + 1]!;
    if (count === 0 || lo === hi) continue;
    const k50 = nearestRankIndex(count, 50);
    const k90 = nearestRankIndex(count, 90);
    if (hi - lo === 1) {
      // one sorted run: read off
      const r = runOf[lo]!;
      median[g] = arrays[sources[r]!]![starts[r]! + k50]!;
      p90[g] = arrays[sources[r]!]![starts[r]! + k90]!;
      continue;
    }
    let k = 0;
    for (let i = lo; i < hi; i++) {
      const r = runOf[i]!;
      const a = arrays[sources[r]!]!;
      for (let x = starts[r]!, e = x + lengths[r]!; x < e; x++) scratch[k++] = a[x]!;
    }
    // the 90th first, then the median left of it
    p90[g] = select(scratch, 0, k - 1, k90);
    median[g] = select(scratch, 0, k90, k50);
  }
}

/**
 * The k-th smallest of a[lo..hi] (0-based k, inclusive bounds), by quickselect with a
 * median-of-three pivot. Reorders a[lo..hi] so that a[lo..k] ≤ a[k] ≤ a[k..hi].
 */
export function select(a: Int32Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}
