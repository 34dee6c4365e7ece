import type { DocumentRepository, JobRepository } from '@student-helper/persistence';
import type { BlobStore, ChunkOptions, ChunkStore, Embedder, OcrOptions, VectorIndex } from '@student-helper/rag-core';

/** A pino-compatible subset: the API's fastify logger or the worker's own fits. */
export interface ProcessorLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ProcessorOptions {
  /** Parsing limits (rag-core `parseDefaults` when unset); `ocr`: its bounds (`ocrDefaults`), or `false` for none. */
  parse?: { maxPages?: number; timeoutMs?: number; ocr?: OcrOptions | false };
  chunk?: ChunkOptions;
  /** Chunks per `embedDocuments` call (progress is written after each). */
  embedBatchSize?: number;
  /** Vectors per `upsert` call (progress is written after each). */
  upsertBatchSize?: number;
}

/**
 * Everything `processDocumentJob` works with: ports and repositories only, built by whoever
 * runs it (the local worker, the Lambda entry) from configuration. Nothing here reads env.
 */
export interface ProcessorDeps {
  blobs: Pick<BlobStore, 'getBytes'>;
  documents: Pick<DocumentRepository, 'findForProcessing' | 'updateProgress' | 'recordIndexedChunkCount' | 'markReady' | 'markFailed'>;
  jobs: Pick<JobRepository, 'startAttempt' | 'finish' | 'recordFailure'>;
  chunks: Pick<ChunkStore, 'replaceDocumentChunks' | 'deleteDocument'>;
  vectors: Pick<VectorIndex, 'upsert' | 'deleteDocument'>;
  embedder: Embedder;
  options?: ProcessorOptions;
  log?: ProcessorLogger;
}

/** What the delivery of the message says about this attempt. */
export interface JobContext {
  /** How many times the queue has delivered the message, this time included. */
  receiveCount: number;
  /** The queue's redrive setting: the attempt with `receiveCount >= maxReceiveCount` is the last. */
  maxReceiveCount: number;
  /** Aborting stops the job between steps (and the parse at once); the message is redelivered. */
  signal?: AbortSignal;
  /**
   * Epoch milliseconds by which the handler must have stopped writing (Lambda: now + remaining
   * time − a margin). Checked before every step; reaching it gives the message back.
   */
  deadline?: number;
}
