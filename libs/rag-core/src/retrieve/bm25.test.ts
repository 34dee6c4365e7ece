import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25.js';

describe('Bm25Index', () => {
  const index = new Bm25Index([
    { id: 'd1', tokens: ['cash', 'flow', 'cash'] },
    { id: 'd2', tokens: ['revenue', 'growth'] },
    { id: 'd3', tokens: ['cash'] },
  ]);

  it('uses the non-negative idf ln(1 + (N - n + 0.5) / (n + 0.5))', () => {
    expect(index.idf('cash')).toBeCloseTo(Math.log(1.6), 12);
    expect(index.idf('unknown')).toBeCloseTo(Math.log(1 + 3.5 / 0.5), 12);
  });

  it('scores with k1 = 1.2 and b = 0.75 and length normalisation, best first', () => {
    // avgdl = 2; d1: tf 2, dl 3; d3: tf 1, dl 1.
    const d1 = (Math.log(1.6) * 2 * 2.2) / (2 + 1.2 * (0.25 + (0.75 * 3) / 2));
    const d3 = (Math.log(1.6) * 1 * 2.2) / (1 + 1.2 * (0.25 + (0.75 * 1) / 2));
    const hits = index.search(['cash'], 10);
    expect(hits.map((h) => h.id)).toEqual(['d3', 'd1']);
    expect(hits[0]?.score).toBeCloseTo(d3, 12);
    expect(hits[1]?.score).toBeCloseTo(d1, 12);
  });

  it('sums over query tokens, limits to topK and leaves out documents without a match', () => {
    expect(index.search(['growth', 'flow'], 10).map((h) => h.id)).toEqual(['d2', 'd1']);
    expect(index.search(['cash'], 1).map((h) => h.id)).toEqual(['d3']);
    expect(index.search(['nothing'], 10)).toEqual([]);
    expect(new Bm25Index([]).search(['cash'], 5)).toEqual([]);
  });

  it('accepts other k1 and b', () => {
    const flat = new Bm25Index([{ id: 'x', tokens: ['a', 'a'] }], { k1: 1, b: 0 });
    expect(flat.search(['a'], 1)[0]?.score).toBeCloseTo((Math.log(1 + 0.5 / 1.5) * 2 * 2) / (2 + 1), 12);
  });

  describe('with collection statistics', () => {
    const collection = { documents: 100, averageLength: 4, documentFrequency: (token: string) => ({ cash: 5, flow: 40 })[token] ?? 0 };
    const pooled = new Bm25Index(
      [
        { id: 'd1', tokens: ['cash', 'flow', 'cash'] },
        { id: 'd3', tokens: ['cash'] },
      ],
      { collection },
    );

    it('takes idf from the collection, not from the indexed documents', () => {
      expect(pooled.idf('cash')).toBeCloseTo(Math.log(1 + 95.5 / 5.5), 12);
      expect(pooled.idf('flow')).toBeCloseTo(Math.log(1 + 60.5 / 40.5), 12);
    });

    it('never counts fewer documents or occurrences than the indexed documents hold', () => {
      const stale = new Bm25Index([{ id: 'x', tokens: ['new'] }, { id: 'y', tokens: ['new'] }], {
        collection: { documents: 1, averageLength: 1, documentFrequency: () => 0 },
      });
      expect(stale.idf('new')).toBeCloseTo(Math.log(1 + 0.5 / 2.5), 12);
    });

    it('normalises length by the collection average', () => {
      // d3: tf 1, dl 1, avgdl 4 (the pool alone would say 2).
      const d3 = (pooled.idf('cash') * 2.2) / (1 + 1.2 * (0.25 + (0.75 * 1) / 4));
      expect(pooled.search(['cash'], 2).find((hit) => hit.id === 'd3')?.score).toBeCloseTo(d3, 12);
    });
  });
});
