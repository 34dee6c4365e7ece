/**
 * A stage throwing mid-document: the message is redelivered and the second attempt leaves
 * exactly what one clean run leaves — the same chunk and vector keys, no duplicates.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReceivedJob } from '@student-helper/persistence';
import type { JobContext, ProcessorDeps } from '../../src/processor-deps.js';
import { processDocumentJob } from '../../src/process-document-job.js';
import { documentJobHandler } from '../../src/worker/document-job-handler.js';
import { startWorker, type Worker } from '../../src/worker/start-worker.js';
import { expectedCounts, keysFor, openHarness, sessionId, tableCounts, type Harness } from '../../src/testing/harness.js';
import { KeyedVectorIndex } from '../keyed-vector-index.js';


const smallChunkOptions = { minTokens: 50, targetTokens: 80, maxTokens: 120 };

describe('a stage failing on the first attempt', () => {
  let harness: Harness;
  let worker: Worker | undefined;
  let tracemonkeyChunks = 0;
  let smallChunks = 0;
  beforeAll(async () => {
    harness = await openHarness();
    tracemonkeyChunks = (await expectedCounts('real', 'tracemonkey.pdf')).chunkCount;
    smallChunks = (await expectedCounts('real', 'tracemonkey.pdf', smallChunkOptions)).chunkCount;
  });
  afterAll(() => harness?.close());
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  /** Runs the worker until the queue is empty; the first delivery of each message uses `firstAttemptDeps`. */
  async function runWorker(firstAttemptDeps: ProcessorDeps): Promise<number[]> {
    const queue = harness.queue();
    const attempts: number[] = [];
    const firstAttempt = documentJobHandler(firstAttemptDeps);
    const later = documentJobHandler(harness.deps);
    worker = startWorker({
      queue,
      pollIntervalMs: 10,
      retryDelaySeconds: () => 0,
      handle: (job: ReceivedJob, context: JobContext) => {
        attempts.push(context.receiveCount);
        return context.receiveCount === 1 ? firstAttempt(job, context) : later(job, context);
      },
    });
    await vi.waitFor(async () => expect(await queue.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 0 }), { timeout: 60_000, interval: 50 });
    return attempts;
  }

  it('a vector index failing after two upserts: the redelivery leaves exactly one copy', async () => {
    const message = await harness.uploadFile('real', 'tracemonkey.pdf');
    await harness.queue().send(message);
    const before = await tableCounts(harness.db);
    let upserts = 0;
    const failingIndex: ProcessorDeps['vectors'] = {
      deleteDocument: (target) => harness.deps.vectors.deleteDocument(target),
      upsert: async (records) => {
        if (++upserts === 3) throw new Error('vector index unavailable');
        await harness.deps.vectors.upsert(records);
      },
    };
    const attempts = await runWorker({ ...harness.deps, vectors: failingIndex, options: { upsertBatchSize: 10 } });

    expect(attempts).toEqual([1, 2]);
    expect(upserts).toBe(3);
    expect(await harness.documents.get(sessionId, message.documentId)).toMatchObject({ status: 'ready', chunkCount: tracemonkeyChunks, pageCount: 14 });
    expect(await harness.storedKeys(message.documentId)).toEqual({
      chunkKeys: keysFor(message.documentId, tracemonkeyChunks),
      vectorKeys: keysFor(message.documentId, tracemonkeyChunks),
    });
    expect(await tableCounts(harness.db)).toEqual({ chunks: before.chunks + tracemonkeyChunks, vectors: before.vectors + tracemonkeyChunks });
    expect((await harness.jobs.get(message.jobId))?.job.attempts).toBe(2);
  });

  it('an embedder failing on its third batch: the redelivery leaves exactly one copy', async () => {
    const message = await harness.uploadFile('real', 'tracemonkey.pdf');
    await harness.queue().send(message);
    const before = await tableCounts(harness.db);
    let batches = 0;
    const failingEmbedder: ProcessorDeps['embedder'] = {
      modelId: harness.deps.embedder.modelId,
      dimensions: harness.deps.embedder.dimensions,
      embedQuery: (text) => harness.deps.embedder.embedQuery(text),
      embedDocuments: async (texts, options) => {
        if (++batches === 3) throw new Error('embedding service throttled');
        return harness.deps.embedder.embedDocuments(texts, options);
      },
    };
    const attempts = await runWorker({ ...harness.deps, embedder: failingEmbedder, options: { embedBatchSize: 10 } });

    expect(attempts).toEqual([1, 2]);
    expect(await harness.jobs.lastFailure(message.jobId)).toBe('Error: embedding service throttled');
    expect(await harness.storedKeys(message.documentId)).toEqual({
      chunkKeys: keysFor(message.documentId, tracemonkeyChunks),
      vectorKeys: keysFor(message.documentId, tracemonkeyChunks),
    });
    expect(await tableCounts(harness.db)).toEqual({ chunks: before.chunks + tracemonkeyChunks, vectors: before.vectors + tracemonkeyChunks });
  });

  it('a redelivery that chunks differently removes every key of the earlier attempt from an index that deletes by key', async () => {
    const message = await harness.uploadFile('real', 'tracemonkey.pdf');
    const index = new KeyedVectorIndex();
    let upserts = 0;
    const smallChunksFailingLate: ProcessorDeps = {
      ...harness.deps,
      options: { chunk: smallChunkOptions, upsertBatchSize: 50 },
      vectors: {
        deleteDocument: (target) => index.deleteDocument(target),
        upsert: async (records) => {
          await index.upsert(records);
          if (++upserts === 2) throw new Error('lost connection');
        },
      },
    };
    await expect(processDocumentJob(message, smallChunksFailingLate, { receiveCount: 1, maxReceiveCount: 5 })).rejects.toThrow('lost connection');
    const firstAttemptKeys = index.keysOf(message.documentId);
    expect(firstAttemptKeys.length).toBe(100);
    expect(smallChunks).toBeGreaterThan(tracemonkeyChunks + 50);
    expect((await harness.documents.findForProcessing(message.documentId))?.indexedChunkCount).toBe(smallChunks);

    expect(await processDocumentJob(message, { ...harness.deps, vectors: index }, { receiveCount: 2, maxReceiveCount: 5 })).toEqual({
      status: 'ready',
      pageCount: 14,
      chunkCount: tracemonkeyChunks,
      ocrPageCount: 0,
    });
    expect(index.keysOf(message.documentId)).toEqual(keysFor(message.documentId, tracemonkeyChunks));
    expect((await harness.documents.findForProcessing(message.documentId))?.indexedChunkCount).toBe(tracemonkeyChunks);
  });
});
