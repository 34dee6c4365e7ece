/** What the vector index stores per chunk. Metadata beyond the key is for filtering. */
export interface VectorRecord {
  /** `documentId#chunkIndex` (see chunkKey). Upserting an existing key replaces it. */
  key: string;
  sessionId: string;
  documentId: string;
  chunkIndex: number;
  pageStart: number;
  pageEnd: number;
  /** Chunk text; indexes that keep it (S3 Vectors `text_content`) store it non-filterable. */
  text: string;
  embedding: Float32Array;
}

export interface VectorQuery {
  sessionId: string;
  /** When given (non-empty), only these documents of the session are searched. */
  documentIds?: readonly string[];
  embedding: Float32Array;
  topK: number;
}

export interface VectorMatch {
  key: string;
  documentId: string;
  chunkIndex: number;
  /** Cosine similarity, higher is closer (1 = same direction). */
  score: number;
}

export interface DocumentVectors {
  sessionId: string;
  documentId: string;
  /** How many chunks the document was indexed with; indexes that cannot delete by filter delete keys 0..chunkCount-1. */
  chunkCount: number;
}

/** Nearest-neighbour search over chunk embeddings, always scoped to one session. */
export interface VectorIndex {
  upsert(records: readonly VectorRecord[]): Promise<void>;
  query(query: VectorQuery): Promise<VectorMatch[]>;
  deleteDocument(target: DocumentVectors): Promise<void>;
  /** Resolves when the index is reachable; rejects with the reason otherwise. */
  ping(): Promise<void>;
}
