import { describe, expect, it } from 'vitest';
import { inBatches, rowsPerInsert } from './batches.js';

describe('rowsPerInsert', () => {
  it('keeps the requested size when it fits', () => {
    expect(rowsPerInsert(10, 2_000)).toBe(2_000);
  });
  it('clamps to the 65535 bind-parameter limit', () => {
    expect(rowsPerInsert(10, 10_000)).toBe(6_553);
    expect(rowsPerInsert(5, 100_000)).toBe(13_107);
  });
  it('never goes below one row', () => {
    expect(rowsPerInsert(10, 0)).toBe(1);
  });
});

describe('inBatches', () => {
  it('slices in order, the last slice shorter', () => {
    expect([...inBatches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...inBatches([], 3)]).toEqual([]);
  });
});
