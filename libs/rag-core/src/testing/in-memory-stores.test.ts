import { describe, expect, it } from 'vitest';
import { termStatisticsContract } from '../../test/term-statistics-contract.js';
import type { Chunk } from '../model.js';
import { InMemoryChunkStore } from './in-memory-chunk-store.js';
import { InMemoryVectorIndex } from './in-memory-vector-index.js';

const chunk = (documentId: string, index: number, text: string): Chunk => ({
  documentId,
  index,
  pageStart: index + 1,
  pageEnd: index + 1,
  charStart: 0,
  charEnd: text.length,
  text,
  tokenCount: 3,
});

const record = (key: string, sessionId: string, embedding: number[]) => {
  const [documentId, index] = key.split('#') as [string, string];
  return { key, sessionId, documentId, chunkIndex: Number(index), pageStart: 1, pageEnd: 1, text: key, embedding: new Float32Array(embedding) };
};

describe('InMemoryVectorIndex', () => {
  it('returns cosine matches of the session, best first, filtered by documents and limited to topK', async () => {
    const index = new InMemoryVectorIndex();
    await index.upsert([
      record('a#0', 's', [1, 0]),
      record('a#1', 's', [1, 1]),
      record('b#0', 's', [0, 1]),
      record('c#0', 'other', [1, 0]),
    ]);
    const query = { sessionId: 's', embedding: new Float32Array([1, 0]), topK: 10 };
    expect((await index.query(query)).map((m) => [m.key, m.documentId, m.chunkIndex, Number(m.score.toFixed(4))])).toEqual([
      ['a#0', 'a', 0, 1],
      ['a#1', 'a', 1, 0.7071],
      ['b#0', 'b', 0, 0],
    ]);
    expect((await index.query({ ...query, documentIds: ['b'] })).map((m) => m.key)).toEqual(['b#0']);
    expect((await index.query({ ...query, topK: 1 })).map((m) => m.key)).toEqual(['a#0']);
  });

  it('replaces on upsert by key, deletes one document of one session, and rejects mixed dimensions', async () => {
    const index = new InMemoryVectorIndex();
    await index.upsert([record('a#0', 's', [1, 0]), record('a#0', 's', [0, 1]), record('a#1', 's', [1, 0])]);
    expect(index.size).toBe(2);
    expect((await index.query({ sessionId: 's', embedding: new Float32Array([0, 1]), topK: 1 }))[0]?.score).toBe(1);
    await index.deleteDocument({ sessionId: 's', documentId: 'a', chunkCount: 2 });
    expect(index.size).toBe(0);
    await index.upsert([record('a#0', 's', [1, 0])]);
    await expect(index.query({ sessionId: 's', embedding: new Float32Array([1, 0, 0]), topK: 1 })).rejects.toThrow(
      'Vector dimensions differ: 3 vs 2',
    );
    await expect(index.ping()).resolves.toBeUndefined();
  });
});

describe('InMemoryChunkStore', () => {
  describe('termStatistics', () => {
    const store = new InMemoryChunkStore();
    termStatisticsContract(() => store, 'memory');
  });

  it('stores chunks under deterministic keys and returns them by key in the requested order', async () => {
    const store = new InMemoryChunkStore();
    await store.replaceDocumentChunks('s', 'd', [chunk('d', 0, 'Cash flow'), chunk('d', 1, 'Revenue growth')]);
    const found = await store.getByKeys(['d#1', 'missing#0', 'd#0']);
    expect(found.map((c) => [c.key, c.sessionId, c.text])).toEqual([
      ['d#1', 's', 'Revenue growth'],
      ['d#0', 's', 'Cash flow'],
    ]);
  });

  it('replaces a document on redelivery instead of duplicating it, and deletes it', async () => {
    const store = new InMemoryChunkStore();
    await store.replaceDocumentChunks('s', 'd', [chunk('d', 0, 'one'), chunk('d', 1, 'two')]);
    await store.replaceDocumentChunks('s', 'd', [chunk('d', 0, 'uno')]);
    expect(store.size).toBe(1);
    expect((await store.getByKeys(['d#0', 'd#1'])).map((c) => c.text)).toEqual(['uno']);
    await store.deleteDocument('d');
    expect(store.size).toBe(0);
    await expect(store.replaceDocumentChunks('s', 'd', [chunk('x', 0, 'no')])).rejects.toThrow('Chunk 0 belongs to x, not d');
  });

  it('searches with OR semantics over stemmed terms, scoped to the session and documents', async () => {
    const store = new InMemoryChunkStore();
    await store.replaceDocumentChunks('s', 'd', [
      chunk('d', 0, 'Cash flows and more cash flows'),
      chunk('d', 1, 'Statement of cash'),
      chunk('d', 2, 'Nothing here'),
    ]);
    await store.replaceDocumentChunks('s', 'e', [chunk('e', 0, 'cash statement')]);
    await store.replaceDocumentChunks('t', 'f', [chunk('f', 0, 'cash flow statement')]);
    const hits = await store.searchLexical({ sessionId: 's', text: 'cash flow statement', topK: 10 });
    expect(hits.map((h) => [h.key, h.score])).toEqual([
      ['d#0', 2 * (1 + Math.log(2))],
      ['d#1', 2],
      ['e#0', 2],
    ]);
    expect((await store.searchLexical({ sessionId: 's', documentIds: ['e'], text: 'cash', topK: 10 })).map((h) => h.key)).toEqual(['e#0']);
    expect(await store.searchLexical({ sessionId: 's', text: 'the of', topK: 10 })).toEqual([]);
  });
});
