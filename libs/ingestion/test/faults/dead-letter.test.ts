/**
 * A job that fails on every delivery ends in the dead-letter table with its document visibly
 * failed; the redrive command's logic brings it back and, the fault gone, it completes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { processingFailedMessage } from '../../src/process-document-job.defaults.js';
import type { ProcessorDeps } from '../../src/processor-deps.js';
import { redriveDeadLetters } from '../../src/redrive/redrive-dead-letters.js';
import { documentJobHandler } from '../../src/worker/document-job-handler.js';
import { startWorker, type Worker } from '../../src/worker/start-worker.js';
import { expectedCounts, keysFor, openHarness, sessionId, type Harness } from '../../src/testing/harness.js';

describe('a job failing maxReceiveCount times', () => {
  let harness: Harness;
  let worker: Worker | undefined;
  beforeAll(async () => {
    harness = await openHarness();
  });
  afterAll(async () => {
    await worker?.stop();
    await harness?.close();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  it('lands in the dead-letter table with its document failed; redrive brings it back and it completes', async () => {
    const maxReceiveCount = 3;
    const queue = harness.queue({ maxReceiveCount });
    const message = await harness.uploadFile('real', 'alphatrans.pdf');
    await queue.send(message);

    let indexUp = false;
    const attempts: number[] = [];
    const deps: ProcessorDeps = {
      ...harness.deps,
      vectors: {
        deleteDocument: (target) => harness.deps.vectors.deleteDocument(target),
        upsert: async (records) => {
          if (!indexUp) throw new Error('vector index unreachable');
          await harness.deps.vectors.upsert(records);
        },
      },
    };
    const handle = documentJobHandler(deps);
    worker = startWorker({
      queue,
      pollIntervalMs: 10,
      retryDelaySeconds: () => 0,
      handle: (job, context) => {
        attempts.push(context.receiveCount);
        return handle(job, context);
      },
    });

    await vi.waitFor(async () => expect(await queue.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 1 }), { timeout: 60_000, interval: 50 });
    expect(attempts).toEqual([1, 2, 3]);
    expect(await harness.documents.get(sessionId, message.documentId)).toMatchObject({
      status: 'failed',
      error: { code: 'PROCESSING_FAILED', message: processingFailedMessage },
    });
    expect(await harness.jobs.lastFailure(message.jobId)).toBe('Error: vector index unreachable');
    expect((await queue.deadLetters()).map((letter) => [letter.body, letter.receiveCount])).toEqual([[message, maxReceiveCount]]);

    indexUp = true;
    expect(await redriveDeadLetters({ queue, documents: harness.documents })).toEqual({ messages: 1, documentsReset: 1 });
    await vi.waitFor(async () => expect((await harness.documents.get(sessionId, message.documentId))?.status).toBe('ready'), { timeout: 60_000, interval: 50 });
    await vi.waitFor(async () => expect(await queue.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 0 }));

    const { chunkCount } = await expectedCounts('real', 'alphatrans.pdf');
    expect(attempts).toEqual([1, 2, 3, 1]);
    expect(await harness.documents.get(sessionId, message.documentId)).toMatchObject({ status: 'ready', chunkCount, error: null });
    expect(await harness.storedKeys(message.documentId)).toEqual({ chunkKeys: keysFor(message.documentId, chunkCount), vectorKeys: keysFor(message.documentId, chunkCount) });
    expect((await harness.jobs.get(message.jobId))?.job.attempts).toBe(4);
  });
});
