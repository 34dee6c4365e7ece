import { describe, expect, it } from 'vitest';
import { hashFeature } from './feature-hash.js';

describe('hashFeature', () => {
  it('is a fixed unsigned 32-bit function of the string (same value on every platform)', () => {
    expect(['', 'a', 'flow', 'flows', 'cash flow'].map(hashFeature)).toEqual([
      2872998923, 444641715, 517522467, 1807129925, 4089153131,
    ]);
  });

  it('spreads similar strings evenly over buckets', () => {
    const buckets = new Array<number>(64).fill(0);
    for (let i = 0; i < 64_000; i += 1) (buckets[hashFeature(`term${i}`) % 64] as number)++;
    expect(Math.min(...buckets)).toBeGreaterThan(850);
    expect(Math.max(...buckets)).toBeLessThan(1150);
  });
});
