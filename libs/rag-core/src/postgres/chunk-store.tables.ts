import type { Generated, GeneratedAlways } from 'kysely';

/** One chunk of a document: text and position for prompts and citations, plus its full-text vector. */
export interface ChunksTable {
  /** `documentId#chunkIndex` (a check constraint keeps it so). */
  key: string;
  session_id: string;
  document_id: string;
  chunk_index: number;
  page_start: number;
  page_end: number;
  char_start: number;
  char_end: number;
  text: string;
  token_count: number;
  /** For a chunk read by OCR, its confidence 0–100; null for a text layer (`0003_chunk_ocr_confidence`). */
  ocr_confidence: number | null;
  /** Number of `analyzeText` terms of `text`, repeats included (`0004_document_terms`); `PgChunkStore` always writes it. */
  term_count: Generated<number>;
  /** `to_tsvector('english', text)`, generated and GIN-indexed; never written. */
  text_search: GeneratedAlways<string>;
}

/** A chunk's embedding (pgvector), filtered by session and document. */
export interface ChunkVectorsTable {
  key: string;
  session_id: string;
  document_id: string;
  chunk_index: number;
  /** pgvector's text form `[0.1,0.2,…]`. */
  embedding: string;
}

/** For each document and `analyzeText` term: how many of the document's chunks hold it (`termStatistics`). */
export interface DocumentTermsTable {
  document_id: string;
  session_id: string;
  term: string;
  chunks: number;
}

/** The one row saying which embedding model the store was built for. */
export interface RagCoreSettingsTable {
  id: GeneratedAlways<boolean>;
  embedding_model_id: string;
  dimensions: number;
  vector_index: 'pgvector' | 'none';
}

/**
 * The tables rag-core owns. An app that queries them itself (a join on `chunks`, say) adds
 * these to its own Kysely `Database` interface.
 */
export interface ChunkStoreTables {
  chunks: ChunksTable;
  chunk_vectors: ChunkVectorsTable;
  document_terms: DocumentTermsTable;
  rag_core_settings: RagCoreSettingsTable;
}
