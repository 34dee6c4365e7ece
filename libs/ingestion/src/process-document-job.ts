import type { DocumentForProcessing } from '@student-helper/persistence';
import { BlobNotFoundError, chunkPages, DocumentError, parsePdf, vectorRecord, type Chunk } from '@student-helper/rag-core';
import type { ErrorCode, JobMessage, PageWarning } from '@student-helper/shared-types';
import { jobSignal, type JobSignal } from './job-signal.js';
import { ParseWork } from './parse-work.js';
import { missingFileMessage, processingFailedMessage, processorDefaults, stageProgress } from './process-document-job.defaults.js';
import type { JobContext, ProcessorDeps, ProcessorLogger } from './processor-deps.js';
import { DocumentGoneError, ProgressReporter } from './progress-reporter.js';

/**
 * How a delivery ended when the handler returns (the caller then deletes the message):
 * `ready`; `failed` for good (a bad PDF: retrying cannot help); or `skipped` — the document is
 * gone, or an earlier delivery already finished it.
 */
export type JobOutcome =
  | { status: 'ready'; pageCount: number; chunkCount: number; ocrPageCount: number }
  | { status: 'failed'; code: ErrorCode }
  | { status: 'skipped'; reason: 'document-missing' | 'document-deleted' | 'already-ready' | 'already-failed' };

const ignore = (): void => undefined;
const silentLogger: ProcessorLogger = { info: ignore, warn: ignore, error: ignore };

/**
 * Processes one uploaded PDF: `parsing` → `chunking` → `embedding` → `indexing` → `ready`,
 * writing the stage and progress to the document as it goes. Shared by the local worker loop
 * and the Lambda entry.
 *
 * Idempotent under redelivery: chunks are replaced as a whole, the vectors an earlier attempt
 * may have written are deleted before any new one is written (their count was recorded first),
 * and every key is `documentId#chunkIndex` — a second run leaves exactly what one run leaves.
 *
 * Resolves (delete the message) when the document is ready, failed with a `DocumentError`
 * (`failed` with its code — it would fail again), or skipped. Throws (let the queue redeliver)
 * on any other error; on the last attempt (`receiveCount >= maxReceiveCount`) it first marks the
 * document `failed` with `PROCESSING_FAILED`, so the job that goes to the dead-letter queue is
 * visibly failed.
 */
export async function processDocumentJob(message: JobMessage, deps: ProcessorDeps, context: JobContext): Promise<JobOutcome> {
  const log = deps.log ?? silentLogger;
  const fields = { jobId: message.jobId, documentId: message.documentId, receiveCount: context.receiveCount };
  const document = await deps.documents.findForProcessing(message.documentId);
  if (!document || document.sessionId !== message.sessionId || document.jobId !== message.jobId) {
    log.info(fields, 'document no longer exists; job skipped');
    return { status: 'skipped', reason: 'document-missing' };
  }
  if (document.status === 'ready' || document.status === 'failed') {
    log.info({ ...fields, status: document.status }, 'document already finished; job skipped');
    return { status: 'skipped', reason: document.status === 'ready' ? 'already-ready' : 'already-failed' };
  }
  if (document.blobKey !== message.key) log.warn({ ...fields, messageKey: message.key }, 'message names another blob key; using the document’s');

  const signal = jobSignal(context);
  const written: WrittenKeys = { chunkCount: document.indexedChunkCount ?? 0 };
  const pageWarnings: PageWarning[] = [];
  try {
    await deps.jobs.startAttempt(message.jobId);
    const outcome = await runPipeline(document, deps, signal, written, pageWarnings);
    await deps.jobs.finish(message.jobId);
    log.info({ ...fields, ...outcome, pageWarnings: pageWarnings.length }, 'document ready');
    return outcome;
  } catch (error) {
    return await settleFailure(error, document, written, pageWarnings, deps, context, log);
  } finally {
    signal.dispose();
  }
}

/** How many chunk keys (0..n-1) may have vectors, from this attempt or an earlier one. */
interface WrittenKeys {
  chunkCount: number;
}

async function runPipeline(
  document: DocumentForProcessing,
  deps: ProcessorDeps,
  signal: JobSignal,
  written: WrittenKeys,
  pageWarnings: PageWarning[],
): Promise<JobOutcome & { status: 'ready' }> {
  const { documentId, sessionId } = document;
  const options = deps.options ?? {};
  const progress = new ProgressReporter(deps.documents, documentId);
  const step = async (stage: keyof typeof stageProgress, fraction: number, detail: string | null = null) => {
    signal.checkpoint();
    await progress.set(stage, at(stage, fraction), detail);
  };

  await step('parsing', 0);
  const parseWork = new ParseWork();
  const bytes = await deps.blobs.getBytes(document.blobKey);
  const parsed = await parsePdf(bytes, {
    maxPages: options.parse?.maxPages,
    timeoutMs: options.parse?.timeoutMs,
    signal: signal.signal,
    ocr: options.parse?.ocr,
    onProgress: (done, total, toOcr) => progress.report('parsing', at('parsing', parseWork.textLayer(done, total, toOcr)), `page ${done}/${total}`),
    onOcrProgress: (done, total) => progress.report('parsing', at('parsing', parseWork.ocr(done, total)), `ocr ${done}/${total}`),
    onPageError: (pageNumber, message) => pageWarnings.push({ pageNumber, message }),
  });
  await progress.flush();
  const ocrPageCount = parsed.pages.filter((page) => page.source === 'ocr').length;

  await step('chunking', 0);
  const chunks = chunkPages(documentId, parsed.pages, options.chunk);
  if (chunks.length === 0) throw new DocumentError('NO_TEXT_LAYER');

  const embeddings = await embedAll(chunks, deps, signal, step);

  await step('indexing', 0);
  // Vectors of an earlier attempt go first (S3 Vectors deletes keys 0..count-1), then the count
  // about to be written is recorded before the first upsert, so any later attempt or a delete
  // can find every key this one writes.
  if (document.indexedChunkCount !== null) {
    await deps.vectors.deleteDocument({ sessionId, documentId, chunkCount: document.indexedChunkCount });
  }
  written.chunkCount = Math.max(written.chunkCount, chunks.length);
  if (!(await deps.documents.recordIndexedChunkCount(documentId, chunks.length))) throw new DocumentGoneError(documentId);
  signal.checkpoint();
  await deps.chunks.replaceDocumentChunks(sessionId, documentId, chunks);
  const batchSize = options.upsertBatchSize ?? processorDefaults.upsertBatchSize;
  for (let start = 0; start < chunks.length; start += batchSize) {
    signal.checkpoint();
    const records = chunks.slice(start, start + batchSize).map((chunk, i) => vectorRecord(sessionId, chunk, embeddings[start + i] as Float32Array));
    await deps.vectors.upsert(records);
    const done = Math.min(chunks.length, start + batchSize);
    await step('indexing', done / chunks.length, `vectors ${done}/${chunks.length}`);
  }

  signal.checkpoint();
  const result = { pageCount: parsed.pageCount, chunkCount: chunks.length, ocrPageCount };
  if (!(await deps.documents.markReady(documentId, { ...result, pageWarnings }))) throw new DocumentGoneError(documentId);
  return { status: 'ready', ...result };
}

async function embedAll(
  chunks: readonly Chunk[],
  deps: ProcessorDeps,
  signal: JobSignal,
  step: (stage: 'embedding', fraction: number, detail: string) => Promise<void>,
): Promise<Float32Array[]> {
  const batchSize = deps.options?.embedBatchSize ?? processorDefaults.embedBatchSize;
  const batches = Math.ceil(chunks.length / batchSize);
  const embeddings: Float32Array[] = [];
  await step('embedding', 0, `batch 0/${batches}`);
  for (let batch = 0; batch < batches; batch++) {
    signal.checkpoint();
    const texts = chunks.slice(batch * batchSize, (batch + 1) * batchSize).map((chunk) => chunk.text);
    const vectors = await deps.embedder.embedDocuments(texts, { signal: signal.signal });
    if (vectors.length !== texts.length || vectors.some((vector) => vector.length !== deps.embedder.dimensions)) {
      throw new Error(
        `Embedder ${deps.embedder.modelId} returned ${vectors.length} vectors of ${vectors.map((v) => v.length).join('/')} ` +
          `dimensions for ${texts.length} texts; expected ${deps.embedder.dimensions} dimensions each.`,
      );
    }
    embeddings.push(...vectors);
    await step('embedding', (batch + 1) / batches, `batch ${batch + 1}/${batches}`);
  }
  return embeddings;
}

async function settleFailure(
  error: unknown,
  document: DocumentForProcessing,
  written: WrittenKeys,
  pageWarnings: readonly PageWarning[],
  deps: ProcessorDeps,
  context: JobContext,
  log: ProcessorLogger,
): Promise<JobOutcome> {
  const { documentId, sessionId, jobId } = document;
  const fields = { jobId, documentId, receiveCount: context.receiveCount };
  const removeWritten = async (): Promise<JobOutcome> => {
    // The API deleted the row (and what it knew of) while this attempt ran: remove what it wrote.
    await deps.chunks.deleteDocument(documentId);
    await deps.vectors.deleteDocument({ sessionId, documentId, chunkCount: written.chunkCount });
    log.info(fields, 'document deleted during processing; its chunks and vectors removed');
    return { status: 'skipped', reason: 'document-deleted' };
  };
  if (error instanceof DocumentGoneError) return removeWritten();
  if (error instanceof DocumentError || error instanceof BlobNotFoundError) {
    const failure =
      error instanceof DocumentError ? { code: error.code, message: error.message } : { code: 'PROCESSING_FAILED' as const, message: missingFileMessage };
    await deps.jobs.recordFailure(jobId, describe(error));
    // Which pages could not be read says why a document has no text (NO_TEXT_LAYER).
    if (!(await deps.documents.markFailed(documentId, failure, pageWarnings))) return removeWritten();
    await deps.jobs.finish(jobId);
    log.info({ ...fields, code: failure.code }, 'document failed; not retried');
    return { status: 'failed', code: failure.code };
  }
  const lastAttempt = context.receiveCount >= context.maxReceiveCount;
  log.error({ ...fields, err: error, lastAttempt }, lastAttempt ? 'processing failed on the last attempt' : 'processing failed; the message will be redelivered');
  try {
    await deps.jobs.recordFailure(jobId, describe(error));
    if (lastAttempt) {
      await deps.documents.markFailed(documentId, { code: 'PROCESSING_FAILED', message: processingFailedMessage });
      await deps.jobs.finish(jobId);
    }
  } catch (recordingError) {
    log.error({ ...fields, err: recordingError }, 'could not record the failure');
  }
  throw error;
}

function at(stage: keyof typeof stageProgress, fraction: number): number {
  const { from, to } = stageProgress[stage];
  return from + (to - from) * Math.min(1, Math.max(0, fraction));
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
