import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from './rrf.js';

describe('reciprocalRankFusion', () => {
  it('sums 1/(k + rank) over the lists and sorts best first', () => {
    const fused = reciprocalRankFusion(
      [
        ['a', 'b', 'c'],
        ['c', 'a', 'd'],
      ],
      { k: 60 },
    );
    expect(fused.map((item) => item.key)).toEqual(['a', 'c', 'b', 'd']);
    expect(fused[0]).toEqual({ key: 'a', score: 1 / 61 + 1 / 62, ranks: [1, 2] });
    expect(fused[1]).toEqual({ key: 'c', score: 1 / 63 + 1 / 61, ranks: [3, 1] });
    expect(fused[2]).toEqual({ key: 'b', score: 1 / 62, ranks: [2, undefined] });
    expect(fused[3]).toEqual({ key: 'd', score: 1 / 63, ranks: [undefined, 3] });
  });

  it('defaults to k = 60 and weights of 1', () => {
    expect(reciprocalRankFusion([['x']])).toEqual([{ key: 'x', score: 1 / 61, ranks: [1] }]);
  });

  it('applies per-list weights', () => {
    const fused = reciprocalRankFusion([['a'], ['b']], { k: 0, weights: [1, 3] });
    expect(fused).toEqual([
      { key: 'b', score: 3, ranks: [undefined, 1] },
      { key: 'a', score: 1, ranks: [1, undefined] },
    ]);
  });

  it('breaks score ties by best single rank, then by key', () => {
    const fused = reciprocalRankFusion(
      [
        ['q', 'p'],
        ['p', 'q'],
        ['z', 'y'],
      ],
      { k: 0 },
    );
    expect(fused.map((item) => [item.key, item.score])).toEqual([
      ['p', 1.5],
      ['q', 1.5],
      ['z', 1],
      ['y', 0.5],
    ]);
  });

  it('counts a key repeated inside one list only at its first rank', () => {
    expect(reciprocalRankFusion([['a', 'a', 'b']], { k: 0 })).toEqual([
      { key: 'a', score: 1, ranks: [1] },
      { key: 'b', score: 1 / 3, ranks: [3] },
    ]);
  });

  it('returns nothing for empty input and rejects bad parameters', () => {
    expect(reciprocalRankFusion([])).toEqual([]);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
    expect(() => reciprocalRankFusion([['a']], { k: -1 })).toThrow('RRF k must be a finite number >= 0, got -1');
    expect(() => reciprocalRankFusion([['a'], ['b']], { weights: [1] })).toThrow(
      'RRF needs one weight per list: 1 weights for 2 lists',
    );
  });
});
