import { describe, expect, it } from 'vitest';
import { benchPrinter } from '../../../bench/printer';

describe('benchPrinter', () => {
  it('reports median and p99 render+encode times', async () => {
    const { medianMs, p99Ms } = await benchPrinter(10);
    expect(medianMs).toBeGreaterThan(0);
    expect(p99Ms).toBeGreaterThanOrEqual(medianMs);
    expect(medianMs).toBeLessThan(250); // smoke bound only; the 30 ms target is checked with `tsx bench/printer.ts`
  });
});
