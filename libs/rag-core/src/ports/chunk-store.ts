import type { Chunk, ScoredChunk, StoredChunk } from '../model.js';

export interface LexicalQuery {
  sessionId: string;
  documentIds?: readonly string[];
  text: string;
  topK: number;
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
  deleteDocument(documentId: string): Promise<void>;
}
