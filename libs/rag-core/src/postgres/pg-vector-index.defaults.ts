export const pgVectorIndexDefaults = {
  /**
   * Candidates the HNSW scan keeps (`hnsw.ef_search`; pgvector's own default is 40, the maximum
   * 1000). Raised to `topK` when that is larger: the scan can never return more than ef_search rows.
   */
  efSearch: 100,
  /**
   * Sessions (or document selections) with at most this many vectors are searched exactly,
   * without the HNSW index: a few thousand distance computations cost less than an HNSW walk
   * that must skip every other session's vectors, and the answer is exact.
   */
  exactSearchMaxRows: 2_000,
  /** Rows per upsert statement: a 1024-dimension vector is ~10 KB of SQL text, so ~5 MB per statement. */
  upsertBatchRows: 500,
  /** First pgvector release with iterative index scans (`hnsw.iterative_scan`). */
  iterativeScanSince: [0, 8] as const,
} as const;
