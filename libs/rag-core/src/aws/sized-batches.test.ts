import { describe, expect, it } from 'vitest';
import { sizedBatches } from './sized-batches.js';

describe('sizedBatches', () => {
  it('cuts by count: 1,234 items in 500, 500, 234', () => {
    const items = Array.from({ length: 1_234 }, (_, i) => i);
    const batches = [...sizedBatches(items, 500, Number.POSITIVE_INFINITY, () => 1)];
    expect(batches.map((batch) => batch.length)).toEqual([500, 500, 234]);
    expect(batches.flat()).toEqual(items);
  });

  it('cuts by size before the count limit, and keeps an oversized item alone', () => {
    const sizes = [4, 4, 4, 20, 1, 1];
    const batches = [...sizedBatches(sizes, 10, 10, (size) => size)];
    expect(batches).toEqual([[4, 4], [4], [20], [1, 1]]);
  });

  it('yields nothing for no items', () => {
    expect([...sizedBatches([], 5, 5, () => 1)]).toEqual([]);
  });
});
