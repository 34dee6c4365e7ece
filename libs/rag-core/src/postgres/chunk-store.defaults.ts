/** The most bind parameters one Postgres statement can carry (the protocol counts them in 16 bits). */
export const MAX_BIND_PARAMETERS = 65_535;

export const chunkStoreDefaults = {
  /**
   * The text search configuration of the generated `text_search` column and of every query
   * against it: English stemming and stop words (documents are mostly English course material).
   */
  textSearchConfig: 'english',
  /** Rows per INSERT; clamped so that rows × columns stays within {@link MAX_BIND_PARAMETERS}. */
  insertBatchRows: 2_000,
  /** A question's distinct terms used for lexical search, at most (bounds the OR query's cost). */
  maxQueryTerms: 64,
  /**
   * HNSW build parameters of `chunk_vectors` (pgvector's defaults are m 16, ef_construction 64).
   * Every upsert inserts into the graph, and on PGlite (WASM) that dominated indexing: 1,500
   * clustered 1024-dimension vectors took 30.2 s per 1,000 with the defaults and 10.9 s with
   * these, at recall@20 0.999 vs 0.998 (ef_search 100, iterative scan; machine shared). Sessions
   * of up to 2,000 vectors are searched exactly anyway (`PgVectorIndex`).
   */
  hnsw: { m: 8, efConstruction: 32 },
  /** The largest `topK` a search accepts. */
  maxTopK: 1_000,
} as const;
