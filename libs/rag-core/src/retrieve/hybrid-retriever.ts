import type { ScoredChunk } from '../model.js';
import type { ChunkStore, TermStatistics } from '../ports/chunk-store.js';
import type { Embedder } from '../ports/embedder.js';
import type { RetrievalRequest, Retriever } from '../ports/retriever.js';
import type { VectorIndex, VectorMatch } from '../ports/vector-index.js';
import { analyzeText } from '../embed/analyze.js';
import { Bm25Index, type Bm25Collection } from './bm25.js';
import { clearsFloor, hasEvidence, queryTerms, termCoverage, type RetrievalEvidence } from './relevance-floor.js';
import {
  resolveHybridRetrieverOptions,
  type HybridRetrieverOptions,
  type ResolvedHybridRetrieverOptions,
} from './retrieve.defaults.js';
import { reciprocalRankFusion } from './rrf.js';

/** A returned chunk: `score` is the fused RRF score, `evidence` says why it cleared the floor. */
export interface RetrievedChunk extends ScoredChunk {
  evidence: RetrievalEvidence;
}

/** Everything one retrieval saw, for debugging and evaluation. */
export interface RetrievalTrace {
  /** The query's meaningful terms; none means nothing can be relevant. */
  queryTerms: string[];
  vector: VectorMatch[];
  lexical: ScoredChunk[];
  /** Keys of the hydrated candidates ranked by BM25 over that pool. */
  pool: string[];
  /** Every fused candidate, best first, with its evidence and whether it cleared the floor on its own. */
  candidates: (RetrievedChunk & { clearsFloor: boolean })[];
  /** Share of the query's terms that occur in at least one candidate. */
  queryCoverage: number;
  /** Whether the floor judged the query answerable from the documents. */
  accepted: boolean;
  /** What `retrieve` returns: empty unless accepted, else the first `topK` candidates with any evidence. */
  results: RetrievedChunk[];
}

export interface HybridRetrieverPorts {
  embedder: Embedder;
  vectors: VectorIndex;
  chunks: ChunkStore;
}

/**
 * Hybrid search: vector search and full-text search run in parallel, are fused by reciprocal
 * rank fusion, hydrated from the chunk store, and filtered by a relevance floor on absolute
 * evidence (cosine similarity, query-term coverage). An empty result means "not in your
 * documents".
 */
export class HybridRetriever implements Retriever {
  /** The options in force, defaults filled in. */
  readonly options: ResolvedHybridRetrieverOptions;

  constructor(
    private readonly ports: HybridRetrieverPorts,
    options?: HybridRetrieverOptions,
  ) {
    this.options = resolveHybridRetrieverOptions(options);
  }

  async retrieve(request: RetrievalRequest): Promise<RetrievedChunk[]> {
    return (await this.explain(request)).results;
  }

  async explain(request: RetrievalRequest): Promise<RetrievalTrace> {
    const { embedder, vectors, chunks } = this.ports;
    const { candidates, rrfK, vectorWeight, lexicalWeight, poolWeight, floor } = this.options;
    const topK = request.topK ?? this.options.topK;
    if (!Number.isInteger(topK) || topK < 1) throw new RangeError(`topK must be a positive integer, got ${topK}`);
    request.signal?.throwIfAborted();

    const terms = queryTerms(request.query);
    if (terms.size === 0) {
      return { queryTerms: [], vector: [], lexical: [], pool: [], candidates: [], queryCoverage: 0, accepted: false, results: [] };
    }

    const scope = {
      sessionId: request.sessionId,
      ...(request.documentIds?.length ? { documentIds: request.documentIds } : {}),
    };
    const [vector, lexical] = await Promise.all([
      embedder
        .embedQuery(request.query, request.signal ? { signal: request.signal } : {})
        .then((embedding) => vectors.query({ ...scope, embedding, topK: candidates })),
      chunks.searchLexical({ ...scope, text: request.query, topK: candidates }),
    ]);
    request.signal?.throwIfAborted();

    const firstPass = reciprocalRankFusion(
      [vector.map((match) => match.key), lexical.map((chunk) => chunk.key)],
      { k: rrfK, weights: [vectorWeight, lexicalWeight] },
    );
    const [hydrated, statistics] = await Promise.all([
      chunks.getByKeys(firstPass.map((item) => item.key)),
      chunks.termStatistics({ ...scope, terms: [...terms] }),
    ]);
    const stored = new Map(hydrated.map((c) => [c.key, c]));
    const chunkTerms = new Map([...stored.values()].map((chunk) => [chunk.key, analyzeText(chunk.text)]));
    // Neither cosine over hashed features nor Postgres ts_rank knows how rare a term is in this
    // session; BM25 over the hydrated pool, with the session's term statistics, does.
    const pool = new Bm25Index(
      [...chunkTerms].map(([id, tokens]) => ({ id, tokens })),
      { collection: bm25Collection(statistics) },
    );
    const poolRanking = pool.search([...terms], stored.size).map((hit) => hit.id);
    const fused = reciprocalRankFusion(
      [vector.map((match) => match.key), lexical.map((chunk) => chunk.key), poolRanking],
      { k: rrfK, weights: [vectorWeight, lexicalWeight, poolWeight] },
    );
    const vectorScores = new Map(vector.map((match) => [match.key, match.score]));
    const lexicalScores = new Map(lexical.map((chunk) => [chunk.key, chunk.score]));

    const ranked: RetrievalTrace['candidates'] = [];
    for (const item of fused) {
      const chunk = stored.get(item.key);
      if (chunk === undefined) continue; // deleted between search and hydration
      const [vectorRank, lexicalRank] = item.ranks;
      const evidence: RetrievalEvidence = {
        ...(vectorRank !== undefined ? { vectorRank, vectorScore: vectorScores.get(item.key) as number } : {}),
        ...(lexicalRank !== undefined ? { lexicalRank, lexicalScore: lexicalScores.get(item.key) as number } : {}),
        termCoverage: termCoverage(terms, new Set(chunkTerms.get(item.key))),
      };
      ranked.push({ ...chunk, score: item.score, evidence, clearsFloor: clearsFloor(evidence, floor) });
    }
    const queryCoverage = termCoverage(terms, new Set([...chunkTerms.values()].flat()));
    const accepted = queryCoverage >= floor.minQueryCoverage && ranked.some((candidate) => candidate.clearsFloor);
    const results = accepted
      ? ranked
          .filter((candidate) => hasEvidence(candidate.evidence, floor))
          .slice(0, topK)
          .map(({ clearsFloor: _, ...chunk }) => chunk)
      : [];
    return { queryTerms: [...terms], vector, lexical, pool: poolRanking, candidates: ranked, queryCoverage, accepted, results };
  }
}

function bm25Collection(statistics: TermStatistics): Bm25Collection {
  return {
    documents: statistics.chunks,
    averageLength: statistics.averageTermCount,
    documentFrequency: (term) => statistics.chunksWithTerm.get(term) ?? 0,
  };
}
