import { describe, expect, it } from 'vitest';
import { chunkPages } from '../chunk/chunk.js';
import { OfflineEmbedder } from '../embed/offline-embedder.js';
import type { ScoredChunk, StoredChunk } from '../model.js';
import type { ChunkStore, LexicalQuery, TermStatistics, TermStatisticsQuery } from '../ports/chunk-store.js';
import type { Embedder } from '../ports/embedder.js';
import type { VectorIndex, VectorMatch, VectorQuery } from '../ports/vector-index.js';
import { InMemoryChunkStore } from '../testing/in-memory-chunk-store.js';
import { InMemoryVectorIndex } from '../testing/in-memory-vector-index.js';
import { HybridRetriever } from './hybrid-retriever.js';
import { lexicalEmbedderRetrieverOptions, resolveHybridRetrieverOptions } from './retrieve.defaults.js';

function stored(key: string, text: string): StoredChunk {
  const [documentId, index] = key.split('#') as [string, string];
  const chunkIndex = Number(index);
  return { key, sessionId: 's1', documentId, index: chunkIndex, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: text.length, text, tokenCount: 1 };
}

/** Ports that return fixed results and record what they were asked. */
function stubPorts(
  vectorMatches: VectorMatch[],
  lexicalKeys: [string, number][],
  texts: Record<string, string>,
  statistics: TermStatistics = { chunks: 0, averageTermCount: 0, chunksWithTerm: new Map() },
) {
  const calls = { vector: [] as VectorQuery[], lexical: [] as LexicalQuery[], keys: [] as string[][], statistics: [] as TermStatisticsQuery[] };
  const embedder: Embedder = {
    modelId: 'stub',
    dimensions: 2,
    embedDocuments: async (t) => t.map(() => new Float32Array([1, 0])),
    embedQuery: async () => new Float32Array([1, 0]),
  };
  const vectors: VectorIndex = {
    upsert: () => Promise.resolve(),
    deleteDocument: () => Promise.resolve(),
    ping: () => Promise.resolve(),
    query: async (q) => {
      calls.vector.push(q);
      return vectorMatches;
    },
  };
  const chunks: ChunkStore = {
    replaceDocumentChunks: () => Promise.resolve(),
    deleteDocument: () => Promise.resolve(),
    searchLexical: async (q) => {
      calls.lexical.push(q);
      return lexicalKeys.map(([key, score]): ScoredChunk => ({ ...stored(key, texts[key] as string), score }));
    },
    termStatistics: async (q) => {
      calls.statistics.push(q);
      return statistics;
    },
    getByKeys: async (keys) => {
      calls.keys.push([...keys]);
      return keys.filter((key) => key in texts).map((key) => stored(key, texts[key] as string));
    },
  };
  return { ports: { embedder, vectors, chunks }, calls };
}

const match = (key: string, score: number): VectorMatch => ({ key, documentId: key.split('#')[0] as string, chunkIndex: Number(key.split('#')[1]), score });

describe('HybridRetriever', () => {
  const texts = {
    'd#1': 'Cash flow statement for 2018.',
    'd#2': 'The statement of cash flows.',
    'd#3': 'Unrelated recipe text.',
    'd#4': 'cash cash cash',
  };

  it('fuses vector and lexical ranks by RRF, hydrates, and drops chunks below the floor', async () => {
    const { ports, calls } = stubPorts([match('d#1', 0.9), match('d#2', 0.5), match('d#3', 0.1)], [['d#2', 0.3], ['d#4', 0.2]], texts);
    const retriever = new HybridRetriever(ports, { vectorWeight: 0.5, lexicalWeight: 0.5, poolWeight: 0, candidates: 7 });
    const trace = await retriever.explain({ sessionId: 's1', query: 'cash flow statement', documentIds: ['d'] });

    expect(calls.vector).toEqual([{ sessionId: 's1', documentIds: ['d'], embedding: new Float32Array([1, 0]), topK: 7 }]);
    expect(calls.lexical).toEqual([{ sessionId: 's1', documentIds: ['d'], text: 'cash flow statement', topK: 7 }]);
    expect(trace.queryTerms).toEqual(['cash', 'flow', 'statement']);
    expect(trace.candidates.map((c) => [c.key, c.score, c.clearsFloor])).toEqual([
      ['d#2', 0.5 / 62 + 0.5 / 61, true],
      ['d#1', 0.5 / 61, true],
      ['d#4', 0.5 / 62, false],
      ['d#3', 0.5 / 63, false],
    ]);
    expect(trace.pool).toEqual(['d#2', 'd#1', 'd#4']);
    expect(trace.queryCoverage).toBe(1);
    expect(trace.accepted).toBe(true);
    // Accepted: every candidate sharing a term (d#4) stays; d#3 shares none and is not close.
    expect(trace.results.map((c) => c.key)).toEqual(['d#2', 'd#1', 'd#4']);
    expect(trace.results[0]?.evidence).toEqual({ vectorRank: 2, vectorScore: 0.5, lexicalRank: 1, lexicalScore: 0.3, termCoverage: 1 });
    expect(trace.candidates[2]?.evidence).toEqual({ lexicalRank: 2, lexicalScore: 0.2, termCoverage: 1 / 3 });
    expect(await retriever.retrieve({ sessionId: 's1', query: 'cash flow statement', documentIds: ['d'] })).toEqual(trace.results);
  });

  it('reranks the pool by BM25 so the chunk holding the rare query terms comes first', async () => {
    const pool = {
      'd#1': 'Revenue grew in 2018. Revenue grew again.',
      'd#2': 'Revenue by segment.',
      'd#3': 'Purchases of property, plant and equipment (capital expenditures) in 2018.',
    };
    const { ports } = stubPorts([match('d#1', 0.9), match('d#2', 0.8), match('d#3', 0.7)], [['d#1', 1], ['d#2', 0.5]], pool);
    const retriever = new HybridRetriever(ports, { vectorWeight: 0, lexicalWeight: 0, poolWeight: 1 });
    const results = await retriever.retrieve({ sessionId: 's1', query: 'revenue and capital expenditures in 2018' });
    expect(results.map((c) => c.key)).toEqual(['d#3', 'd#1', 'd#2']);
  });

  it('weighs query terms by how rare they are in the session, not in the candidate pool', async () => {
    const pool = { 'd#1': 'equity statement', 'd#2': 'cash', 'd#3': 'cash notes' };
    const matches = [match('d#1', 0.9), match('d#2', 0.8), match('d#3', 0.7)];
    const poolOnly = stubPorts(matches, [], pool);
    const options = { vectorWeight: 0, lexicalWeight: 0, poolWeight: 1 };
    // In the pool "cash" is common (2 of 3) and "equity" rare (1 of 3) ...
    expect(await new HybridRetriever(poolOnly.ports, options).explain({ sessionId: 's1', query: 'cash equity' })).toMatchObject({
      pool: ['d#1', 'd#2', 'd#3'],
    });
    // ... in the session it is the other way round: 2 of 1,000 chunks hold "cash", 500 "equity".
    const session = { chunks: 1_000, averageTermCount: 2, chunksWithTerm: new Map([['cash', 2], ['equiti', 500]]) };
    const withSession = stubPorts(matches, [], pool, session);
    const trace = await new HybridRetriever(withSession.ports, options).explain({ sessionId: 's1', query: 'cash equity', documentIds: ['d'] });
    expect(trace.pool).toEqual(['d#2', 'd#3', 'd#1']);
    expect(withSession.calls.statistics).toEqual([{ sessionId: 's1', documentIds: ['d'], terms: ['cash', 'equiti'] }]);
  });

  it('orders by the pool BM25 alone with the weights for a lexical embedder, the searches only choosing candidates', async () => {
    const pool = {
      'd#1': 'Revenue grew in 2018. Revenue grew again.',
      'd#2': 'Capital expenditures by segment.',
      'd#3': 'Capital expenditures were 1,577 in 2018.',
    };
    const { ports } = stubPorts([match('d#1', 0.9), match('d#2', 0.8)], [['d#1', 1], ['d#3', 0.5]], pool);
    const retriever = new HybridRetriever(ports, lexicalEmbedderRetrieverOptions);
    expect(retriever.options).toMatchObject({ vectorWeight: 0, lexicalWeight: 0, poolWeight: 1 });
    const trace = await retriever.explain({ sessionId: 's1', query: 'capital expenditures in 2018' });
    expect(trace.results.map((c) => c.key)).toEqual(trace.pool);
    expect(trace.pool).toEqual(['d#3', 'd#2', 'd#1']);
  });

  it('rejects a query when too few of its terms occur among the candidates', async () => {
    const { ports } = stubPorts([match('d#1', 0.9)], [['d#1', 1]], texts);
    const retriever = new HybridRetriever(ports);
    // "cash" occurs, "peru" and "lima" do not: 1/3 of the terms < 0.6, although d#1 is very close.
    const trace = await retriever.explain({ sessionId: 's1', query: 'cash in Peru and Lima' });
    expect(trace.queryCoverage).toBeCloseTo(1 / 3, 12);
    expect(trace.candidates[0]?.clearsFloor).toBe(true);
    expect(trace.accepted).toBe(false);
    expect(trace.results).toEqual([]);
  });

  it('rejects a query when no candidate clears the floor on its own', async () => {
    const { ports } = stubPorts([match('d#1', 0.1), match('d#3', 0.1)], [], texts);
    const retriever = new HybridRetriever(ports, { floor: { minTermCoverage: 1 } });
    // Both terms occur among the candidates, but no chunk holds both and none is close.
    const trace = await retriever.explain({ sessionId: 's1', query: 'cash recipe' });
    expect(trace.queryCoverage).toBe(1);
    expect(trace.candidates.map((c) => c.clearsFloor)).toEqual([false, false]);
    expect(trace.results).toEqual([]);
  });

  it('searches the whole session when documentIds is empty and honours topK', async () => {
    const { ports, calls } = stubPorts([match('d#1', 0.9), match('d#2', 0.5)], [], texts);
    const retriever = new HybridRetriever(ports);
    const results = await retriever.retrieve({ sessionId: 's1', query: 'cash flow', documentIds: [], topK: 1 });
    expect(calls.vector[0]).toEqual({ sessionId: 's1', embedding: new Float32Array([1, 0]), topK: 50 });
    expect(calls.lexical[0]).toEqual({ sessionId: 's1', text: 'cash flow', topK: 50 });
    expect(results).toHaveLength(1);
  });

  it('skips candidates that disappeared before hydration', async () => {
    const { ports } = stubPorts([match('d#1', 0.9), match('gone#0', 0.95)], [], texts);
    const results = await new HybridRetriever(ports).retrieve({ sessionId: 's1', query: 'cash flow' });
    expect(results.map((c) => c.key)).toEqual(['d#1']);
  });

  it('returns nothing, without searching, for a query without a meaningful term', async () => {
    const { ports, calls } = stubPorts([match('d#1', 0.9)], [['d#1', 1]], texts);
    expect(await new HybridRetriever(ports).retrieve({ sessionId: 's1', query: 'What is it?' })).toEqual([]);
    expect(calls.vector).toEqual([]);
    expect(calls.lexical).toEqual([]);
  });

  it('rejects with the abort reason when the request is aborted', async () => {
    const { ports } = stubPorts([], [], texts);
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(
      new HybridRetriever(ports).retrieve({ sessionId: 's1', query: 'cash', signal: controller.signal }),
    ).rejects.toThrow('stopped');
  });

  it('validates topK and options', async () => {
    const { ports } = stubPorts([], [], texts);
    await expect(new HybridRetriever(ports).retrieve({ sessionId: 's1', query: 'cash', topK: 0 })).rejects.toThrow(
      'topK must be a positive integer, got 0',
    );
    expect(() => new HybridRetriever(ports, { candidates: 0 })).toThrow('HybridRetriever candidates must be a positive integer, got 0');
    expect(() => new HybridRetriever(ports, { poolWeight: -1 })).toThrow('HybridRetriever poolWeight must be a finite number >= 0, got -1');
    expect(resolveHybridRetrieverOptions({ floor: { minTermCoverage: 0.7 } }).floor).toEqual({
      minVectorScore: 0.15,
      minTermCoverage: 0.7,
      minQueryCoverage: 0.6,
    });
  });

  describe('with the offline embedder and in-memory stores', () => {
    async function indexed() {
      const embedder = new OfflineEmbedder();
      const vectors = new InMemoryVectorIndex();
      const chunks = new InMemoryChunkStore();
      const documents = {
        finance: [
          'Capital expenditures were $1,577 million in 2018, mainly purchases of property, plant and equipment.',
          'Net sales increased 3.5 percent, driven by organic growth in all business groups.',
          'The company paid dividends of $3.2 billion and repurchased shares.',
        ],
        compilers: [
          'Trace-based compilation records hot loops and compiles them to machine code.',
          'Type specialization removes boxing overhead for integers and doubles.',
        ],
      };
      for (const [documentId, pages] of Object.entries(documents)) {
        // The first compilers page was read by OCR.
        const ocr = (i: number) => documentId === 'compilers' && i === 0 && { source: 'ocr' as const, ocrConfidence: 88 };
        const docChunks = chunkPages(documentId, pages.map((text, i) => ({ pageNumber: i + 1, text, ...ocr(i) })));
        await chunks.replaceDocumentChunks('s1', documentId, docChunks);
        const embeddings = await embedder.embedDocuments(docChunks.map((c) => c.text));
        await vectors.upsert(
          docChunks.map((c, i) => ({
            key: `${documentId}#${c.index}`,
            sessionId: 's1',
            documentId,
            chunkIndex: c.index,
            pageStart: c.pageStart,
            pageEnd: c.pageEnd,
            text: c.text,
            embedding: embeddings[i] as Float32Array,
          })),
        );
      }
      return new HybridRetriever({ embedder, vectors, chunks });
    }

    it('returns a chunk read by OCR with its confidence from the chunk store, and others without', async () => {
      const retriever = await indexed();
      const results = await retriever.retrieve({ sessionId: 's1', query: 'trace-based compilation of hot loops', topK: 5 });
      expect(results[0]).toMatchObject({ key: 'compilers#0', ocrConfidence: 88 });
      expect(results.filter((chunk) => chunk.key !== 'compilers#0' && 'ocrConfidence' in chunk)).toEqual([]);
    });

    it('finds the passage that answers the question first', async () => {
      const retriever = await indexed();
      const results = await retriever.retrieve({ sessionId: 's1', query: 'How much were capital expenditures in 2018?' });
      expect(results[0]?.key).toBe('finance#0');
      expect(results[0]?.pageStart).toBe(1);
      const compilers = await retriever.retrieve({ sessionId: 's1', query: 'How does trace-based compilation handle hot loops?' });
      expect(compilers[0]?.key).toBe('compilers#0');
    });

    it('returns nothing for an off-topic question: "not in your documents"', async () => {
      const retriever = await indexed();
      expect(await retriever.retrieve({ sessionId: 's1', query: 'Who painted the Mona Lisa?' })).toEqual([]);
      expect(await retriever.retrieve({ sessionId: 's1', query: 'How many moons does Jupiter have?' })).toEqual([]);
    });

    it('keeps to the session and to the requested documents', async () => {
      const retriever = await indexed();
      expect(await retriever.retrieve({ sessionId: 'other', query: 'capital expenditures 2018' })).toEqual([]);
      const onlyCompilers = await retriever.retrieve({ sessionId: 's1', query: 'capital expenditures 2018', documentIds: ['compilers'] });
      expect(onlyCompilers).toEqual([]);
    });
  });
});
