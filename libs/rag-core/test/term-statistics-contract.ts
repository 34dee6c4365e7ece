import { expect, it } from 'vitest';
import type { ChunkStore } from '../src/ports/chunk-store.js';
import { chunkOf } from './postgres/chunks.js';

/**
 * What every ChunkStore's `termStatistics` must answer, on its own sessions (`prefix` keeps
 * them apart from the rest of a shared store). Terms are `analyzeText`'s: "capit", "revenu".
 */
export function termStatisticsContract(store: () => ChunkStore, prefix: string): void {
  const session = `${prefix}-stats`;
  const seed = async () => {
    await store().replaceDocumentChunks(session, `${prefix}-a`, [
      chunkOf(`${prefix}-a`, 0, 'Capital expenditures rose; capital spending fell.'),
      chunkOf(`${prefix}-a`, 1, 'Revenue grew.'),
    ]);
    await store().replaceDocumentChunks(session, `${prefix}-b`, [chunkOf(`${prefix}-b`, 0, 'Capital markets.')]);
    await store().replaceDocumentChunks(`${prefix}-elsewhere`, `${prefix}-c`, [chunkOf(`${prefix}-c`, 0, 'Capital, capital, capital.')]);
  };

  it('counts the chunks of the session holding each term, and their mean term count', async () => {
    await seed();
    const stats = await store().termStatistics({ sessionId: session, terms: ['capit', 'revenu', 'missing', 'capit'] });
    // Terms per chunk: capit expenditur rose capit spend fell (6), revenu grew (2), capit market (2).
    expect(stats.chunks).toBe(3);
    expect(stats.averageTermCount).toBeCloseTo(10 / 3, 12);
    expect([...stats.chunksWithTerm].sort()).toEqual([
      ['capit', 2],
      ['missing', 0],
      ['revenu', 1],
    ]);
  });

  it('keeps to the given documents; an empty list means the whole session', async () => {
    await seed();
    const onlyB = await store().termStatistics({ sessionId: session, documentIds: [`${prefix}-b`], terms: ['capit', 'revenu'] });
    expect([onlyB.chunks, onlyB.averageTermCount, [...onlyB.chunksWithTerm].sort()]).toEqual([1, 2, [['capit', 1], ['revenu', 0]]]);
    const all = await store().termStatistics({ sessionId: session, documentIds: [], terms: ['capit'] });
    expect([all.chunks, [...all.chunksWithTerm]]).toEqual([3, [['capit', 2]]]);
  });

  it('answers zeros for an empty session, and no terms for none asked', async () => {
    await seed();
    const empty = await store().termStatistics({ sessionId: `${prefix}-nobody`, terms: ['capit'] });
    expect([empty.chunks, empty.averageTermCount, [...empty.chunksWithTerm]]).toEqual([0, 0, [['capit', 0]]]);
    const none = await store().termStatistics({ sessionId: session, terms: [] });
    expect([none.chunks, [...none.chunksWithTerm]]).toEqual([3, []]);
  });

  it('follows replaced and deleted documents', async () => {
    await seed();
    await store().replaceDocumentChunks(session, `${prefix}-b`, [chunkOf(`${prefix}-b`, 0, 'Revenue, again.')]);
    await store().deleteDocument(`${prefix}-a`);
    const stats = await store().termStatistics({ sessionId: session, terms: ['capit', 'revenu'] });
    expect([stats.chunks, stats.averageTermCount, [...stats.chunksWithTerm].sort()]).toEqual([1, 1, [['capit', 0], ['revenu', 1]]]);
  });
}
