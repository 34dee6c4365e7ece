import { describe, expect, it } from 'vitest';
import { firstHitRank, mean, rankPages, recallAtK, reciprocalRank, scoreRankings } from './metrics.js';

const p = (documentId: string, page: number) => ({ documentId, page });

describe('retrieval metrics', () => {
  it('ranks distinct pages by first appearance', () => {
    expect(rankPages([p('a', 3), p('a', 3), p('b', 3), p('a', 1), p('b', 3)])).toEqual([p('a', 3), p('b', 3), p('a', 1)]);
  });

  it('finds the rank of the first gold page of the right document', () => {
    const ranked = [p('x', 60), p('a', 2), p('a', 60)];
    expect(firstHitRank(ranked, [p('a', 60), p('a', 2)])).toBe(2);
    expect(firstHitRank(ranked, [p('b', 60)])).toBeUndefined();
  });

  it('counts a hit at k when any gold page is in the first k pages', () => {
    const ranked = [p('a', 1), p('a', 2), p('a', 3)];
    expect(recallAtK(ranked, [p('a', 3)], 2)).toBe(0);
    expect(recallAtK(ranked, [p('a', 3)], 3)).toBe(1);
    expect(recallAtK([], [p('a', 3)], 5)).toBe(0);
    expect(() => recallAtK(ranked, [], 0)).toThrow('k must be a positive integer, got 0');
  });

  it('computes reciprocal rank and averages rows into recall@1/5/10 and MRR', () => {
    expect(reciprocalRank([p('a', 1), p('a', 2)], [p('a', 2)])).toBe(0.5);
    expect(reciprocalRank([p('a', 1)], [p('a', 2)])).toBe(0);
    const ranked = Array.from({ length: 12 }, (_, i) => p('a', i + 1));
    expect(
      scoreRankings([
        { ranked, gold: [p('a', 1)] },
        { ranked, gold: [p('a', 4)] },
        { ranked, gold: [p('a', 8)] },
        { ranked, gold: [p('a', 99)] },
      ]),
    ).toEqual({ recallAt1: 0.25, recallAt5: 0.5, recallAt10: 0.75, mrr: (1 + 1 / 4 + 1 / 8) / 4 });
    expect(mean([1, 2])).toBe(1.5);
    expect(() => mean([])).toThrow('mean of no values');
  });
});
