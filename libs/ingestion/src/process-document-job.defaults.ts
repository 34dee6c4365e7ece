import type { ProcessingStage } from '@student-helper/shared-types';

/**
 * Where each stage sits on the 0–100 progress bar, by its share of the time the 352-page book
 * takes (docs/benchmarks.md, Ingestion). `ready` is 100.
 */
export const stageProgress: Record<ProcessingStage, { from: number; to: number }> = {
  parsing: { from: 0, to: 40 },
  chunking: { from: 40, to: 45 },
  embedding: { from: 45, to: 75 },
  indexing: { from: 75, to: 99 },
};

export const processorDefaults = {
  /** Chunks per embedding call: Titan takes one text per request, the adapter parallelises a batch. */
  embedBatchSize: 64,
  /** Vectors per upsert: below S3 Vectors' 500 per PutVectors, frequent enough for progress. */
  upsertBatchSize: 200,
} as const;

/** What a student reads when processing failed for a reason retrying did not fix. */
export const processingFailedMessage = 'Processing this document failed repeatedly. Try uploading it again later.';

/** What a student reads when the uploaded file is gone from storage. */
export const missingFileMessage = 'The uploaded file could not be found. Upload it again.';
