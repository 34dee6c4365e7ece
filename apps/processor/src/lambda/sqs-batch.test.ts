import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobMessage } from '@student-helper/shared-types';
import { expectedCounts, keysFor, openHarness, sessionId, type Harness } from '@student-helper/ingestion/testing';
import { processingFailedMessage, processDocumentJob, type ProcessorDeps } from '@student-helper/ingestion';
import { receiptOf, RecordingLogger, RecordingVisibility, sqsEvent, sqsRecord } from '../../test/lambda/sqs-event.js';
import { lambdaDefaults } from './lambda.defaults.js';
import { handleSqsBatch, type SqsBatchOptions } from './sqs-batch.js';

/** Plenty of time: a fresh 300 s invocation. */
const fullTime = 300_000;
/** alphatrans.pdf: one page; its chunk count is what rag-core's chunker makes of it (set in beforeAll). */
const alphatrans = { pageCount: 1, chunkCount: 0 };

let harness: Harness;
beforeAll(async () => {
  harness = await openHarness();
  Object.assign(alphatrans, await expectedCounts('real', 'alphatrans.pdf'));
  expect(alphatrans.chunkCount).toBeGreaterThan(0);
});
afterAll(() => harness?.close());
afterEach(() => {
  vi.useRealTimers();
});

const body = (message: JobMessage) => JSON.stringify(message);

function options(overrides: Partial<SqsBatchOptions> & { deps?: ProcessorDeps } = {}) {
  const visibility = new RecordingVisibility();
  const log = new RecordingLogger();
  const deps = overrides.deps ?? harness.deps;
  const batch: SqsBatchOptions = {
    process: (message, context) => processDocumentJob(message, deps, context),
    maxReceiveCount: 5,
    visibility,
    log,
    ...overrides,
  };
  return { batch, visibility, log };
}

/** The harness's stores with `getBytes` failing like a dropped connection for the given keys. */
function failingBlobs(keys: string[]): ProcessorDeps {
  return {
    ...harness.deps,
    blobs: {
      getBytes: async (key) => {
        if (keys.includes(key)) throw new Error('read ECONNRESET');
        return harness.blobs.getBytes(key);
      },
    },
  };
}

/** The document as the API shows it, plus the count of vector keys the processor recorded. */
async function documentRow(documentId: string) {
  const [row, document] = await Promise.all([harness.documents.findForProcessing(documentId), harness.documents.get(sessionId, documentId)]);
  if (!row || !document) throw new Error(`document ${documentId} is gone`);
  return { ...document, indexedChunkCount: row.indexedChunkCount };
}

describe('handleSqsBatch', () => {
  it('deletes every record when all documents are processed: an empty batchItemFailures', async () => {
    const first = await harness.uploadFile('real', 'alphatrans.pdf');
    const second = await harness.uploadFile('real', 'alphatrans.pdf');
    const { batch, visibility, log } = options();

    const response = await handleSqsBatch(sqsEvent(sqsRecord(body(first), { messageId: 'm-1' }), sqsRecord(body(second), { messageId: 'm-2' })), fullTime, batch);

    expect(response).toEqual({ batchItemFailures: [] });
    for (const message of [first, second]) {
      expect(await documentRow(message.documentId)).toMatchObject({ status: 'ready', indexedChunkCount: alphatrans.chunkCount });
      expect(await harness.storedKeys(message.documentId)).toEqual({
        chunkKeys: keysFor(message.documentId, alphatrans.chunkCount),
        vectorKeys: keysFor(message.documentId, alphatrans.chunkCount),
      });
    }
    expect(visibility.calls).toEqual([]);
    expect(log.entries.map((entry) => [entry.level, entry.message, entry.fields['messageId'], entry.fields['outcome']])).toEqual([
      ['info', 'message processed', 'm-1', { status: 'ready', ...alphatrans }],
      ['info', 'message processed', 'm-2', { status: 'ready', ...alphatrans }],
    ]);
  });

  it('lists exactly the record that failed, gives it back after the retry delay, and processes it on redelivery', async () => {
    const [a, b, c] = [await harness.uploadFile('real', 'alphatrans.pdf'), await harness.uploadFile('real', 'alphatrans.pdf'), await harness.uploadFile('real', 'alphatrans.pdf')];
    const { batch, visibility, log } = options({ deps: failingBlobs([b.key]) });

    const response = await handleSqsBatch(
      sqsEvent(sqsRecord(body(a), { messageId: 'a' }), sqsRecord(body(b), { messageId: 'b', receiveCount: 2 }), sqsRecord(body(c), { messageId: 'c' })),
      fullTime,
      batch,
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'b' }] });
    expect(visibility.calls).toEqual([[receiptOf('b'), 60]]);
    expect((await documentRow(a.documentId)).status).toBe('ready');
    expect((await documentRow(c.documentId)).status).toBe('ready');
    expect(await documentRow(b.documentId)).toMatchObject({ status: 'processing', stage: 'parsing', progress: 0, indexedChunkCount: null });
    expect(await harness.storedKeys(b.documentId)).toEqual({ chunkKeys: [], vectorKeys: [] });
    expect(await harness.jobs.lastFailure(b.jobId)).toBe('Error: read ECONNRESET');
    const given = log.entries.find((entry) => entry.message === 'message given back to the queue');
    expect(given?.fields).toMatchObject({ messageId: 'b', jobId: b.jobId, documentId: b.documentId, receiveCount: 2, lastAttempt: false, visibleAgainInSeconds: 60 });

    const redelivered = options();
    expect(await handleSqsBatch(sqsEvent(sqsRecord(body(b), { messageId: 'b', receiveCount: 3 })), fullTime, redelivered.batch)).toEqual({ batchItemFailures: [] });
    expect(await documentRow(b.documentId)).toMatchObject({ status: 'ready', indexedChunkCount: alphatrans.chunkCount });
    expect(await harness.storedKeys(b.documentId)).toEqual({ chunkKeys: keysFor(b.documentId, alphatrans.chunkCount), vectorKeys: keysFor(b.documentId, alphatrans.chunkCount) });
  });

  it('sends a poison message on its way to the DLQ at once (visibility 0), untouched, and processes the rest', async () => {
    const good = await harness.uploadFile('real', 'alphatrans.pdf');
    const { batch, visibility, log } = options();
    const noCount = sqsRecord(body(good), { messageId: 'no-count' });
    delete (noCount.attributes as Partial<typeof noCount.attributes>).ApproximateReceiveCount;

    const response = await handleSqsBatch(
      sqsEvent(
        sqsRecord('this is not JSON', { messageId: 'not-json' }),
        sqsRecord(JSON.stringify({ ...good, jobId: 'not-a-uuid' }), { messageId: 'not-a-job' }),
        noCount,
        sqsRecord(body(good), { messageId: 'good' }),
      ),
      fullTime,
      batch,
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'not-json' }, { itemIdentifier: 'not-a-job' }, { itemIdentifier: 'no-count' }] });
    expect(visibility.calls).toEqual([
      [receiptOf('not-json'), 0],
      [receiptOf('not-a-job'), 0],
      [receiptOf('no-count'), 0],
    ]);
    const poison = log.entries.filter((entry) => entry.level === 'error');
    expect(poison.map((entry) => [entry.fields['messageId'], (entry.fields['err'] as Error).message, entry.message])).toEqual([
      ['not-json', 'The message body is not JSON.', 'poison message: it can never be processed; it goes to the dead-letter queue'],
      ['not-a-job', 'The message body is not a JobMessage: /jobId must match format "uuid".', 'poison message: it can never be processed; it goes to the dead-letter queue'],
      ['no-count', 'The record has no ApproximateReceiveCount attribute (got undefined): is it an SQS event?', 'poison message: it can never be processed; it goes to the dead-letter queue'],
    ]);
    expect(poison[0]?.fields['body']).toBe('this is not JSON');
    // The message without a receive count named a real job: it was not touched.
    expect((await harness.jobs.get(good.jobId))?.job).toMatchObject({ status: 'ready', attempts: 1 });
    expect((await documentRow(good.documentId)).status).toBe('ready');
  });

  it('gives the message back without starting when the invocation has less time left than the margin', async () => {
    const message = await harness.uploadFile('real', 'alphatrans.pdf');
    const { batch, visibility } = options();

    const response = await handleSqsBatch(sqsEvent(sqsRecord(body(message), { messageId: 'late' })), lambdaDefaults.deadlineMarginMs - 1, batch);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'late' }] });
    expect(visibility.calls).toEqual([[receiptOf('late'), 30]]);
    expect(await documentRow(message.documentId)).toMatchObject({ status: 'queued', stage: null, progress: 0, indexedChunkCount: null });
    expect(await harness.storedKeys(message.documentId)).toEqual({ chunkKeys: [], vectorKeys: [] });
    expect(await harness.jobs.lastFailure(message.jobId)).toMatch(/^DeadlineReachedError: Stopped before the deadline/);
  });

  it('stops at the deadline reached during embedding: nothing written to the chunk or vector stores, the message back', async () => {
    const message = await harness.uploadFile('real', 'alphatrans.pdf');
    // Date is frozen at `start` (timers stay real); the clock passes the deadline while the embedder works.
    const start = Date.now();
    vi.setSystemTime(start);
    const deadline = start + 60_000;
    const embedder: ProcessorDeps['embedder'] = {
      modelId: harness.deps.embedder.modelId,
      dimensions: harness.deps.embedder.dimensions,
      embedQuery: (text, opts) => harness.deps.embedder.embedQuery(text, opts),
      embedDocuments: async (texts, opts) => {
        vi.setSystemTime(deadline + 1);
        return harness.deps.embedder.embedDocuments(texts, opts);
      },
    };
    const { batch, visibility } = options({ deps: { ...harness.deps, embedder } });

    const response = await handleSqsBatch(sqsEvent(sqsRecord(body(message), { messageId: 'slow' })), 60_000 + lambdaDefaults.deadlineMarginMs, batch);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'slow' }] });
    expect(visibility.calls).toEqual([[receiptOf('slow'), 30]]);
    expect(await documentRow(message.documentId)).toMatchObject({ status: 'processing', stage: 'embedding', indexedChunkCount: null });
    expect(await harness.storedKeys(message.documentId)).toEqual({ chunkKeys: [], vectorKeys: [] });
    expect(await harness.jobs.lastFailure(message.jobId)).toBe(`DeadlineReachedError: Stopped before the deadline (${new Date(deadline).toISOString()}); the message will be redelivered.`);
  });

  it('stops at the deadline reached between vector batches; the redelivery leaves exactly one run\'s keys', async () => {
    const message = await harness.uploadFile('real', 'tracemonkey.pdf');
    const tracemonkey = await expectedCounts('real', 'tracemonkey.pdf');
    const start = Date.now();
    vi.setSystemTime(start);
    const deadline = start + 120_000;
    let upserts = 0;
    const vectors: ProcessorDeps['vectors'] = {
      deleteDocument: (target) => harness.deps.vectors.deleteDocument(target),
      upsert: async (records) => {
        await harness.deps.vectors.upsert(records);
        if (++upserts === 2) vi.setSystemTime(deadline + 1);
      },
    };
    const deps: ProcessorDeps = { ...harness.deps, vectors, options: { upsertBatchSize: 10 } };
    const { batch, visibility } = options({ deps });

    const response = await handleSqsBatch(sqsEvent(sqsRecord(body(message), { messageId: 'big' })), 120_000 + lambdaDefaults.deadlineMarginMs, batch);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'big' }] });
    expect(visibility.calls).toEqual([[receiptOf('big'), 30]]);
    // Stopped between writes: all chunks (one transaction), the first two vector batches, and the
    // count of keys written recorded before the first of them.
    expect(await documentRow(message.documentId)).toMatchObject({ status: 'processing', stage: 'indexing', indexedChunkCount: tracemonkey.chunkCount });
    expect(await harness.storedKeys(message.documentId)).toEqual({
      chunkKeys: keysFor(message.documentId, tracemonkey.chunkCount),
      vectorKeys: keysFor(message.documentId, 20),
    });

    vi.useRealTimers();
    const redelivered = options();
    expect(await handleSqsBatch(sqsEvent(sqsRecord(body(message), { messageId: 'big', receiveCount: 2 })), fullTime, redelivered.batch)).toEqual({ batchItemFailures: [] });
    expect(await documentRow(message.documentId)).toMatchObject({ status: 'ready', indexedChunkCount: tracemonkey.chunkCount });
    expect(await harness.storedKeys(message.documentId)).toEqual({
      chunkKeys: keysFor(message.documentId, tracemonkey.chunkCount),
      vectorKeys: keysFor(message.documentId, tracemonkey.chunkCount),
    });
  });

  it('marks the document failed on the last receive and sends the message to the DLQ at once', async () => {
    const message = await harness.uploadFile('real', 'alphatrans.pdf');
    const { batch, visibility, log } = options({ deps: failingBlobs([message.key]), maxReceiveCount: 3 });

    const response = await handleSqsBatch(sqsEvent(sqsRecord(body(message), { messageId: 'last', receiveCount: 3 })), fullTime, batch);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'last' }] });
    expect(visibility.calls).toEqual([[receiptOf('last'), 0]]);
    expect(await documentRow(message.documentId)).toMatchObject({ status: 'failed', error: { code: 'PROCESSING_FAILED', message: processingFailedMessage } });
    expect(log.entries.find((entry) => entry.message === 'message given back to the queue')?.fields).toMatchObject({ lastAttempt: true, visibleAgainInSeconds: 0 });
  });

  it('deletes the message of a document that fails for good (not a PDF) and of one deleted while queued', async () => {
    const broken = await harness.uploadFile('hostile', 'not-a-pdf.pdf');
    const gone = await harness.uploadFile('real', 'alphatrans.pdf');
    expect(await harness.documents.delete(sessionId, gone.documentId)).toBeTruthy();
    const { batch, visibility, log } = options();

    const response = await handleSqsBatch(sqsEvent(sqsRecord(body(broken), { messageId: 'broken' }), sqsRecord(body(gone), { messageId: 'gone' })), fullTime, batch);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(visibility.calls).toEqual([]);
    expect(await documentRow(broken.documentId)).toMatchObject({ status: 'failed', error: { code: 'NOT_A_PDF' } });
    expect(log.entries.map((entry) => entry.fields['outcome'])).toEqual([
      { status: 'failed', code: 'NOT_A_PDF' },
      { status: 'skipped', reason: 'document-missing' },
    ]);
  });

  it('still lists the record when the visibility change fails, and returns without one when none is wired', async () => {
    const message = await harness.uploadFile('real', 'alphatrans.pdf');
    const { batch, visibility, log } = options({ deps: failingBlobs([message.key]) });
    visibility.fail = Object.assign(new Error('The input receipt handle is invalid.'), { name: 'ReceiptHandleIsInvalid' });
    const event = sqsEvent(sqsRecord(body(message), { messageId: 'x' }));

    expect(await handleSqsBatch(event, fullTime, batch)).toEqual({ batchItemFailures: [{ itemIdentifier: 'x' }] });
    const warning = log.entries.find((entry) => entry.message === 'could not change the message visibility');
    expect(warning?.fields).toMatchObject({ messageId: 'x', seconds: 30, err: visibility.fail });

    const { visibility: _unused, ...withoutVisibility } = batch;
    expect(await handleSqsBatch(event, fullTime, withoutVisibility)).toEqual({ batchItemFailures: [{ itemIdentifier: 'x' }] });
  });
});
