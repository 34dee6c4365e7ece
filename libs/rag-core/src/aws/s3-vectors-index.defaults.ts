/** Amazon S3 Vectors service limits (S3 User Guide, "Limitations and restrictions"). */
export const s3VectorsLimits = {
  /** Vectors per PutVectors call. */
  putBatch: 500,
  /** Vectors per DeleteVectors call. */
  deleteBatch: 500,
  /** Results per QueryVectors call. */
  maxTopK: 100,
  /** Filterable metadata per vector. */
  filterableMetadataBytes: 2_048,
  /** All metadata per vector, filterable and non-filterable. */
  totalMetadataBytes: 40_960,
} as const;

export const s3VectorsIndexDefaults = {
  /** The index's non-filterable key holding the chunk text (the infra creates the index with it). */
  textMetadataKey: 'text_content',
  /**
   * Chunk text kept in `text_content`, in UTF-8 bytes: the 40 KB total less room for the
   * filterable keys (at most 2 KB) and the encoding. Chunks are ~2 KB, so this only cuts outliers.
   */
  maxTextBytes: 36_864,
} as const;

/** Request bytes per PutVectors call we aim under (the service takes 20 MiB; JSON size is estimated). */
export const putVectorsMaxRequestBytes = 16 * 1024 * 1024;
