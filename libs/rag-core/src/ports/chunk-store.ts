import type { Chunk, ScoredChunk, StoredChunk } from '../model.js';

export interface LexicalQuery {
  sessionId: string;
  documentIds?: readonly string[];
  text: string;
  topK: number;
}

export interface TermStatisticsQuery {
  sessionId: string;
  documentIds?: readonly string[];
  /** Terms as `analyzeText` produces them. */
  terms: readonly string[];
}

/**
 * How common terms are among the chunks in scope — the collection statistics BM25 needs to
 * rerank a candidate pool by how rare each query term is in the session, not in the pool.
 */
export interface TermStatistics {
  /** Chunks in scope. */
  chunks: number;
  /** Mean number of `analyzeText` terms per chunk in scope (0 when there are none). */
  averageTermCount: number;
  /** For each asked term, the chunks in scope containing it (0 when none do). */
  chunksWithTerm: ReadonlyMap<string, number>;
}

/**
 * The relational home of chunks: their text and positions (for prompts and citations) and a
 * full-text index over them (the lexical half of hybrid search). Postgres on every deployment.
 */
export interface ChunkStore {
  /** Replaces all chunks of `documentId` with `chunks` (idempotent under redelivery). */
  replaceDocumentChunks(sessionId: string, documentId: string, chunks: readonly Chunk[]): Promise<void>;
  /** Chunks by key, in the order of `keys`; unknown keys are skipped. */
  getByKeys(keys: readonly string[]): Promise<StoredChunk[]>;
  /** Full-text search; `score` is the text-search rank (higher is better). */
  searchLexical(query: LexicalQuery): Promise<ScoredChunk[]>;
  /** Collection statistics of `terms` over the session (or the given documents of it). */
  termStatistics(query: TermStatisticsQuery): Promise<TermStatistics>;
  deleteDocument(documentId: string): Promise<void>;
}
