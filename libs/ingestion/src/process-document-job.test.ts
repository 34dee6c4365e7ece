import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressUpdate } from '@student-helper/persistence';
import type { DocumentStatus } from '@student-helper/shared-types';
import { corpusPath, expectedCounts, keysFor, openHarness, sessionId, tableCounts, type Harness } from './testing/harness.js';
import { DeadlineReachedError } from './job-signal.js';
import { processingFailedMessage } from './process-document-job.defaults.js';
import { processDocumentJob } from './process-document-job.js';
import type { ProcessorDeps } from './processor-deps.js';

const firstAttempt = { receiveCount: 1, maxReceiveCount: 5 };

/** The tracemonkey paper: 14 pages; its chunk count is what rag-core's chunker makes of them (set in beforeAll). */
const tracemonkey = { pageCount: 14, chunkCount: 0, ocrPageCount: 0 };

/** Records every progress update the handler writes, in order. */
function recordingProgress(deps: ProcessorDeps): { deps: ProcessorDeps; updates: ProgressUpdate[] } {
  const updates: ProgressUpdate[] = [];
  const documents: ProcessorDeps['documents'] = {
    findForProcessing: (id) => deps.documents.findForProcessing(id),
    updateProgress: (id, update) => {
      updates.push(update);
      return deps.documents.updateProgress(id, update);
    },
    recordIndexedChunkCount: (id, count) => deps.documents.recordIndexedChunkCount(id, count),
    markReady: (id, result) => deps.documents.markReady(id, result),
    markFailed: (id, error, pageWarnings) => deps.documents.markFailed(id, error, pageWarnings),
  };
  return { deps: { ...deps, documents }, updates };
}

describe('processDocumentJob', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await openHarness();
    const expected = await expectedCounts('real', 'tracemonkey.pdf');
    expect(expected.pageCount).toBe(tracemonkey.pageCount);
    expect(expected.chunkCount).toBeGreaterThan(tracemonkey.pageCount);
    tracemonkey.chunkCount = expected.chunkCount;
  });
  afterAll(() => harness?.close());

  const documentOf = async (documentId: string) => {
    const document = await harness.documents.get(sessionId, documentId);
    if (!document) throw new Error(`document ${documentId} is gone`);
    return document;
  };
  const statusOf = async (documentId: string): Promise<DocumentStatus | undefined> => (await harness.documents.findForProcessing(documentId))?.status;

  describe('on tracemonkey.pdf', () => {
    it('walks parsing → chunking → embedding → indexing with rising progress, then ready with exact counts', async () => {
      const message = await harness.uploadFile('real', 'tracemonkey.pdf');
      const { deps, updates } = recordingProgress(harness.deps);
      expect(await processDocumentJob(message, deps, firstAttempt)).toEqual({ status: 'ready', ...tracemonkey });

      const stages = updates.map((update) => update.stage).filter((stage, i, all) => stage !== all[i - 1]);
      expect(stages).toEqual(['parsing', 'chunking', 'embedding', 'indexing']);
      const progress = updates.map((update) => update.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress[0]).toBe(0);
      expect(Math.max(...progress)).toBe(99);
      expect(updates.filter((u) => u.stage === 'parsing').at(-1)).toEqual({ stage: 'parsing', progress: 40, detail: 'page 14/14' });
      const batches = Math.ceil(tracemonkey.chunkCount / 64);
      expect(updates.filter((u) => u.stage === 'embedding').map((u) => u.detail)).toEqual(Array.from({ length: batches + 1 }, (_, i) => `batch ${i}/${batches}`));

      expect(await documentOf(message.documentId)).toMatchObject({ status: 'ready', stage: null, progress: 100, detail: null, ...tracemonkey, error: null });
      expect(await harness.storedKeys(message.documentId)).toEqual({
        chunkKeys: keysFor(message.documentId, tracemonkey.chunkCount),
        vectorKeys: keysFor(message.documentId, tracemonkey.chunkCount),
      });
      expect((await harness.jobs.get(message.jobId))?.job).toMatchObject({ status: 'ready', progress: 100, attempts: 1 });
    });

    it('gives the same counts and keys on a second upload and on a redelivery of a processed job', async () => {
      const first = await harness.uploadFile('real', 'tracemonkey.pdf');
      const second = await harness.uploadFile('real', 'tracemonkey.pdf');
      expect(await processDocumentJob(first, harness.deps, firstAttempt)).toEqual({ status: 'ready', ...tracemonkey });
      expect(await processDocumentJob(second, harness.deps, firstAttempt)).toEqual({ status: 'ready', ...tracemonkey });
      const firstChunks = await harness.db.selectFrom('chunks').select(['chunk_index', 'page_start', 'char_start', 'char_end', 'text']).where('document_id', '=', first.documentId).orderBy('chunk_index').execute();
      const secondChunks = await harness.db.selectFrom('chunks').select(['chunk_index', 'page_start', 'char_start', 'char_end', 'text']).where('document_id', '=', second.documentId).orderBy('chunk_index').execute();
      expect(secondChunks).toEqual(firstChunks);

      // A redelivery after the worker wrote everything but died before marking the document ready.
      await harness.db.updateTable('documents').set({ status: 'processing', stage: 'indexing', progress: 99, page_count: null, chunk_count: null }).where('id', '=', first.documentId).execute();
      const before = await tableCounts(harness.db);
      expect(await processDocumentJob(first, harness.deps, { receiveCount: 2, maxReceiveCount: 5 })).toEqual({ status: 'ready', ...tracemonkey });
      expect(await tableCounts(harness.db)).toEqual(before);
      expect(await harness.storedKeys(first.documentId)).toEqual({
        chunkKeys: keysFor(first.documentId, tracemonkey.chunkCount),
        vectorKeys: keysFor(first.documentId, tracemonkey.chunkCount),
      });
      expect((await harness.jobs.get(first.jobId))?.job.attempts).toBe(2);
    });

    it('skips a redelivered job whose document is already ready, writing nothing', async () => {
      const message = await harness.uploadFile('real', 'tracemonkey.pdf');
      await processDocumentJob(message, harness.deps, firstAttempt);
      const { deps, updates } = recordingProgress(harness.deps);
      expect(await processDocumentJob(message, deps, { receiveCount: 2, maxReceiveCount: 5 })).toEqual({ status: 'skipped', reason: 'already-ready' });
      expect(updates).toEqual([]);
      expect((await harness.jobs.get(message.jobId))?.job.attempts).toBe(1);
    });
  });

  describe('on every file of the hostile corpus', () => {
    // Ready files: their chunk count is what rag-core's chunker makes of their pages (checked in the test).
    const expected: Record<string, { status: 'failed'; code: string } | { status: 'ready'; pageCount: number; pagesWithText: number }> = {
      'GHOSTSCRIPT-698804-1-fuzzed.pdf': { status: 'failed', code: 'NO_TEXT_LAYER' },
      'PDFBOX-3148-2-fuzzed.pdf': { status: 'failed', code: 'NO_TEXT_LAYER' },
      'empty.pdf': { status: 'failed', code: 'NO_TEXT_LAYER' },
      'empty_protected.pdf': { status: 'failed', code: 'NO_TEXT_LAYER' },
      'issue3371.pdf': { status: 'failed', code: 'ENCRYPTED_PDF' },
      'issue6010_1.pdf': { status: 'failed', code: 'ENCRYPTED_PDF' },
      'many-pages.pdf': { status: 'failed', code: 'TOO_MANY_PAGES' },
      'not-a-pdf.pdf': { status: 'failed', code: 'NOT_A_PDF' },
      'poppler-395-0-fuzzed.pdf': { status: 'failed', code: 'CORRUPT_PDF' },
      'poppler-742-0-fuzzed.pdf': { status: 'failed', code: 'CORRUPT_PDF' },
      // pdf.js recovers 16 pages, five with (damaged) text.
      'poppler-90-0-fuzzed.pdf': { status: 'ready', pageCount: 16, pagesWithText: 5 },
      'poppler-937-0-fuzzed.pdf': { status: 'failed', code: 'CORRUPT_PDF' },
      // A scan whose invisible text layer reads "pdf.js".
      'scan-bad.pdf': { status: 'ready', pageCount: 1, pagesWithText: 1 },
      'truncated.pdf': { status: 'failed', code: 'CORRUPT_PDF' },
      'zero-bytes.pdf': { status: 'failed', code: 'NOT_A_PDF' },
    };
    // The pages each file reports as unreadable; none for the others.
    const pageWarnings: Record<string, [number, string][]> = {
      'PDFBOX-3148-2-fuzzed.pdf': [[1, 'OCR found no text.']],
      // One page, unreadable: the document is corrupt, and the page says how.
      'poppler-742-0-fuzzed.pdf': [[1, 'UnknownErrorException: Illegal character: 41']],
      'poppler-937-0-fuzzed.pdf': [[1, 'UnknownErrorException: End of file inside array.']],
      'poppler-90-0-fuzzed.pdf': [
        [12, 'UnknownErrorException: Bad encoding in flate stream'],
        [16, 'UnknownErrorException: Bad encoding in flate stream'],
        [2, 'OCR found no text.'],
        [6, 'OCR found no text.'],
        [11, 'OCR found no text.'],
      ],
    };
    // The parser's worker thread is loaded through tsx from TypeScript source in tests, and tsx
    // keeps a compile cache in the temporary directory: it is created by a warm-up parse, and
    // every file must then leave the directory exactly as it found it.
    let temporaryDirectory: string;
    let previousTmpdir: string | undefined;
    beforeAll(async () => {
      temporaryDirectory = await mkdtemp(path.join(tmpdir(), 'processor-tmpdir-'));
      previousTmpdir = process.env['TMPDIR'];
      process.env['TMPDIR'] = temporaryDirectory;
      await processDocumentJob(await harness.uploadFile('real', 'alphatrans.pdf'), harness.deps, firstAttempt);
    });
    afterAll(async () => {
      if (previousTmpdir === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previousTmpdir;
      await rm(temporaryDirectory, { recursive: true, force: true });
    });
    const listing = async (directory: string) => (await readdir(directory, { recursive: true })).sort();

    it('has an expected outcome for every file in the folder', async () => {
      expect((await readdir(path.dirname(corpusPath('hostile', 'x')))).sort()).toEqual(Object.keys(expected).sort());
    });

    it.each(Object.entries(expected))('%s → %j, completing the message, no temporary file left', async (name, outcome) => {
      const message = await harness.uploadFile('hostile', name);
      const counts = outcome.status === 'ready' ? await expectedCounts('hostile', name) : undefined;
      if (outcome.status === 'ready') {
        expect(counts?.pageCount).toBe(outcome.pageCount);
        expect(counts?.chunkCount).toBeGreaterThanOrEqual(outcome.pagesWithText);
      }
      const expectedOutcome = outcome.status === 'failed' ? outcome : { status: 'ready', ...counts };
      const warnings = (pageWarnings[name] ?? []).map(([pageNumber, message]) => ({ pageNumber, message }));
      const blobsBefore = await listing(harness.blobRoot);
      const temporaryBefore = await listing(temporaryDirectory);
      expect(await processDocumentJob(message, harness.deps, firstAttempt)).toEqual(expectedOutcome);
      const document = await documentOf(message.documentId);
      if (outcome.status === 'failed') {
        expect(document).toMatchObject({ status: 'failed', error: { code: outcome.code, message: expect.stringMatching(/\.$/) }, pageWarnings: warnings });
        expect(await harness.storedKeys(message.documentId)).toEqual({ chunkKeys: [], vectorKeys: [] });
        expect((await harness.jobs.get(message.jobId))?.job).toMatchObject({ status: 'failed', error: { code: outcome.code } });
      } else {
        expect(document).toMatchObject({ status: 'ready', ...counts, pageWarnings: warnings });
      }
      expect(await listing(temporaryDirectory)).toEqual(temporaryBefore);
      expect(await listing(harness.blobRoot)).toEqual(blobsBefore);
      // OCR of poppler-90-0-fuzzed.pdf's three drawn pages, twice: far more than it takes, for a busy machine.
    }, 300_000);

    it('still processes a good file afterwards', async () => {
      const message = await harness.uploadFile('real', 'alphatrans.pdf');
      expect(await processDocumentJob(message, harness.deps, firstAttempt)).toMatchObject({ status: 'ready', pageCount: 1 });
    });
  });

  describe('on TAMReview.pdf: 21 of 23 pages have a garbage text layer', () => {
    const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);
    let outcome: Awaited<ReturnType<typeof processDocumentJob>>;
    let updates: ProgressUpdate[];
    let documentId: string;
    beforeAll(async () => {
      const message = await harness.uploadFile('real', 'TAMReview.pdf');
      documentId = message.documentId;
      const recorded = recordingProgress(harness.deps);
      updates = recorded.updates;
      // OCR takes a minute alone; the time bound leaves room for a machine shared with other test runs.
      const deps = { ...recorded.deps, options: { parse: { timeoutMs: 1_200_000 } } };
      outcome = await processDocumentJob(message, deps, firstAttempt);
    }, 1_200_000);

    it('OCRs the garbage pages and ends ready, with no page warnings', async () => {
      expect(outcome).toMatchObject({ status: 'ready', pageCount: 23, ocrPageCount: 21 });
      expect(await documentOf(documentId)).toMatchObject({ status: 'ready', progress: 100, pageCount: 23, ocrPageCount: 21, pageWarnings: [], error: null });
    });

    it('shows OCR progress page by page during parsing, the bar rising to the end of parsing', () => {
      const parsing = updates.filter((update) => update.stage === 'parsing');
      expect(parsing.map((update) => update.detail).filter((detail) => detail?.startsWith('ocr '))).toEqual(range(1, 21).map((done) => `ocr ${done}/21`));
      expect(parsing.at(-1)).toEqual({ stage: 'parsing', progress: 40, detail: 'ocr 21/21' });
      const progress = updates.map((update) => update.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    });

    it('stores the OCR’d chunks with their confidence on their pages, the cover and back page without', async () => {
      const rows = await harness.db.selectFrom('chunks').select(['page_start', 'ocr_confidence', 'text']).where('document_id', '=', documentId).orderBy('chunk_index').execute();
      expect([...new Set(rows.filter((row) => row.ocr_confidence === null).map((row) => row.page_start))]).toEqual([1, 23]);
      expect([...new Set(rows.filter((row) => row.ocr_confidence !== null).map((row) => row.page_start))]).toEqual(range(2, 22));
      const definition = rows.filter((row) => row.text.includes('Perceived ease of use: The degree to which an individual believes that'));
      expect(definition.map((row) => [row.page_start, row.ocr_confidence])).toEqual([[6, 94]]);
    });
  });

  describe('failures', () => {
    let message: Awaited<ReturnType<Harness['upload']>>;
    beforeEach(async () => {
      message = await harness.uploadFile('real', 'alphatrans.pdf');
    });

    it('rethrows an unexpected error for redelivery, leaving the document processing', async () => {
      const deps = { ...harness.deps, embedder: { ...harness.deps.embedder, modelId: 'm', dimensions: 1024, embedDocuments: () => Promise.reject(new Error('model server down')), embedQuery: () => Promise.reject(new Error('x')) } };
      await expect(processDocumentJob(message, deps, { receiveCount: 4, maxReceiveCount: 5 })).rejects.toThrow('model server down');
      expect(await documentOf(message.documentId)).toMatchObject({ status: 'processing', stage: 'embedding', error: null });
      expect(await harness.jobs.lastFailure(message.jobId)).toBe('Error: model server down');
    });

    it('marks the document failed before rethrowing on the last attempt', async () => {
      const deps = { ...harness.deps, embedder: { ...harness.deps.embedder, modelId: 'm', dimensions: 1024, embedDocuments: () => Promise.reject(new Error('model server down')), embedQuery: () => Promise.reject(new Error('x')) } };
      await expect(processDocumentJob(message, deps, { receiveCount: 5, maxReceiveCount: 5 })).rejects.toThrow('model server down');
      expect(await documentOf(message.documentId)).toMatchObject({
        status: 'failed',
        stage: 'embedding',
        error: { code: 'PROCESSING_FAILED', message: processingFailedMessage },
      });
      expect((await harness.jobs.get(message.jobId))?.job).toMatchObject({ status: 'failed', attempts: 1 });
    });

    it('rejects vectors of the wrong shape from the embedder', async () => {
      const deps = { ...harness.deps, embedder: { modelId: 'bad', dimensions: 1024, embedDocuments: async (texts: readonly string[]) => texts.map(() => new Float32Array(3)), embedQuery: async () => new Float32Array(3) } };
      await expect(processDocumentJob(message, deps, firstAttempt)).rejects.toThrow('Embedder bad returned 1 vectors of 3 dimensions for 1 texts; expected 1024 dimensions each.');
    });

    it('fails a document whose file is missing, without retrying', async () => {
      await harness.blobs.delete(message.key);
      expect(await processDocumentJob(message, harness.deps, firstAttempt)).toEqual({ status: 'failed', code: 'PROCESSING_FAILED' });
      expect((await documentOf(message.documentId)).error).toEqual({ code: 'PROCESSING_FAILED', message: 'The uploaded file could not be found. Upload it again.' });
    });

    it('skips a job whose document was deleted while it was queued', async () => {
      await harness.documents.delete(message.sessionId, message.documentId);
      expect(await processDocumentJob(message, harness.deps, firstAttempt)).toEqual({ status: 'skipped', reason: 'document-missing' });
      expect(await harness.storedKeys(message.documentId)).toEqual({ chunkKeys: [], vectorKeys: [] });
    });

    it('skips a message that does not match its document (another session or job)', async () => {
      expect(await processDocumentJob({ ...message, sessionId: '00000000-0000-4000-8000-0000000000b2' }, harness.deps, firstAttempt)).toEqual({ status: 'skipped', reason: 'document-missing' });
      expect(await processDocumentJob({ ...message, jobId: '00000000-0000-4000-8000-0000000000b3' }, harness.deps, firstAttempt)).toEqual({ status: 'skipped', reason: 'document-missing' });
      expect(await statusOf(message.documentId)).toBe('queued');
    });

    it('skips a redelivered job of a document that already failed for good', async () => {
      await harness.documents.markFailed(message.documentId, { code: 'CORRUPT_PDF', message: 'x.' });
      expect(await processDocumentJob(message, harness.deps, firstAttempt)).toEqual({ status: 'skipped', reason: 'already-failed' });
    });

    it('removes what it wrote when the document is deleted during indexing', async () => {
      const book = await harness.uploadFile('real', 'tracemonkey.pdf');
      let upserts = 0;
      const deps: ProcessorDeps = {
        ...harness.deps,
        options: { upsertBatchSize: 10 },
        vectors: {
          deleteDocument: (target) => harness.deps.vectors.deleteDocument(target),
          upsert: async (records) => {
            await harness.deps.vectors.upsert(records);
            if (++upserts === 2) await harness.documents.delete(book.sessionId, book.documentId);
          },
        },
      };
      expect(await processDocumentJob(book, deps, firstAttempt)).toEqual({ status: 'skipped', reason: 'document-deleted' });
      expect(upserts).toBe(2);
      expect(await harness.storedKeys(book.documentId)).toEqual({ chunkKeys: [], vectorKeys: [] });
    });

    it('stops at an abort and rethrows its reason, without failing the document', async () => {
      const controller = new AbortController();
      controller.abort(new Error('worker stopping'));
      await expect(processDocumentJob(message, harness.deps, { ...firstAttempt, signal: controller.signal })).rejects.toThrow('worker stopping');
      expect(await statusOf(message.documentId)).toBe('queued');
    });

    it('gives the message back when the deadline has passed', async () => {
      const failure = processDocumentJob(message, harness.deps, { ...firstAttempt, deadline: Date.now() - 1 });
      await expect(failure).rejects.toBeInstanceOf(DeadlineReachedError);
      expect(await statusOf(message.documentId)).toBe('queued');
    });

    it('stops a parse that runs into the deadline', async () => {
      const book = await harness.uploadFile('real', 'freeculture.pdf');
      const failure = processDocumentJob(book, harness.deps, { ...firstAttempt, deadline: Date.now() + 300 });
      await expect(failure).rejects.toBeInstanceOf(DeadlineReachedError);
      expect(await documentOf(book.documentId)).toMatchObject({ status: 'processing', stage: 'parsing', error: null });
    });
  });
});
