import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseTargets } from '@student-helper/db-testing';
import { openAppDatabase, sessionA, sessionB, truncateApp, type AppDatabase } from '../../test/app-database.js';
import { DocumentRepository } from './document-repository.js';
import { JobRepository } from './job-repository.js';
import { SessionRepository } from './session-repository.js';

const doc1 = '00000000-0000-4000-8000-000000000d01';
const doc2 = '00000000-0000-4000-8000-000000000d02';
const job1 = '00000000-0000-4000-8000-000000000f01';
const job2 = '00000000-0000-4000-8000-000000000f02';
const missing = '00000000-0000-4000-8000-0000000000ff';
const isoTimestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describe.each(databaseTargets())('DocumentRepository on $name', (target) => {
  let app: AppDatabase;
  let documents: DocumentRepository;
  let jobs: JobRepository;
  beforeAll(async () => {
    app = await openAppDatabase(target);
    documents = new DocumentRepository(app.db);
    jobs = new JobRepository(app.db);
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    await truncateApp(app.db);
    const sessions = new SessionRepository(app.db);
    await sessions.create({ sessionId: sessionA, tokenHash: 'a' });
    await sessions.create({ sessionId: sessionB, tokenHash: 'b' });
  });

  const upload = (documentId = doc1, jobId = job1, sessionId = sessionA) =>
    documents.create({ sessionId, documentId, jobId, filename: 'notes.pdf', sizeBytes: 1234, blobKey: `sessions/${sessionId}/${documentId}.pdf` });

  it('creates a queued document and its job together', async () => {
    expect(await upload()).toEqual({
      documentId: doc1,
      sessionId: sessionA,
      jobId: job1,
      filename: 'notes.pdf',
      sizeBytes: 1234,
      status: 'queued',
      stage: null,
      progress: 0,
      detail: null,
      pageCount: null,
      chunkCount: null,
      pageWarnings: [],
      ocrPageCount: null,
      error: null,
      createdAt: isoTimestamp,
      updatedAt: isoTimestamp,
    });
    expect(await jobs.get(job1)).toEqual({
      sessionId: sessionA,
      job: { jobId: job1, documentId: doc1, status: 'queued', stage: null, progress: 0, detail: null, attempts: 0 },
    });
  });

  it('stores the sanitised display name, never the path the client sent', async () => {
    const created = await documents.create({ sessionId: sessionA, filename: '../../etc/pass\u0000wd.pdf', sizeBytes: 1, blobKey: 'k' });
    expect(created.filename).toBe('passwd.pdf');
  });

  it('inserts neither row when the job cannot be inserted', async () => {
    await upload(doc1, job1);
    await expect(upload(doc2, job1)).rejects.toThrow('jobs_pkey');
    expect(await documents.get(sessionA, doc2)).toBeUndefined();
    expect((await documents.listBySession(sessionA)).map((d) => d.documentId)).toEqual([doc1]);
  });

  it('rejects a document of a session that does not exist, and bad sizes', async () => {
    await expect(upload(doc1, job1, missing)).rejects.toThrow('documents_session_id_fkey');
    await expect(documents.create({ sessionId: sessionA, filename: 'a', sizeBytes: -1, blobKey: 'k' })).rejects.toThrow(
      'sizeBytes must be a non-negative integer, got -1.',
    );
  });

  it('gets a document only through its own session', async () => {
    await upload();
    expect((await documents.get(sessionA, doc1))?.documentId).toBe(doc1);
    expect(await documents.get(sessionB, doc1)).toBeUndefined();
    expect(await documents.get(sessionA, 'not-a-uuid')).toBeUndefined();
  });

  it('lists a session’s documents oldest first', async () => {
    await upload(doc2, job2);
    await upload(doc1, job1);
    await upload('00000000-0000-4000-8000-000000000d03', '00000000-0000-4000-8000-000000000f03', sessionB);
    expect((await documents.listBySession(sessionA)).map((d) => d.documentId)).toEqual([doc2, doc1]);
    expect(await documents.listBySession('nope')).toEqual([]);
  });

  it('walks through the stages to ready, and the job mirrors it', async () => {
    await upload();
    expect(await documents.updateProgress(doc1, { stage: 'parsing', progress: 10, detail: 'page 3/30' })).toBe(true);
    expect(await documents.get(sessionA, doc1)).toMatchObject({ status: 'processing', stage: 'parsing', progress: 10, detail: 'page 3/30' });
    expect(await documents.recordIndexedChunkCount(doc1, 42)).toBe(true);
    expect(await documents.updateProgress(doc1, { stage: 'indexing', progress: 95 })).toBe(true);
    expect((await jobs.get(job1))?.job).toMatchObject({ status: 'processing', stage: 'indexing', progress: 95, detail: null });
    expect(await documents.markReady(doc1, { pageCount: 30, chunkCount: 42 })).toBe(true);
    expect(await documents.get(sessionA, doc1)).toMatchObject({
      status: 'ready',
      stage: null,
      progress: 100,
      detail: null,
      pageCount: 30,
      chunkCount: 42,
      pageWarnings: [],
      ocrPageCount: 0,
      error: null,
    });
    expect((await jobs.get(job1))?.job).toEqual({ jobId: job1, documentId: doc1, status: 'ready', stage: null, progress: 100, detail: null, attempts: 0 });
  });

  it('marks a document failed with its code and message, keeping the stage it reached', async () => {
    await upload();
    await documents.updateProgress(doc1, { stage: 'parsing', progress: 5 });
    expect(await documents.markFailed(doc1, { code: 'ENCRYPTED_PDF', message: 'This PDF is password-protected.' })).toBe(true);
    expect(await documents.get(sessionA, doc1)).toMatchObject({
      status: 'failed',
      stage: 'parsing',
      progress: 5,
      error: { code: 'ENCRYPTED_PDF', message: 'This PDF is password-protected.' },
    });
    expect((await jobs.get(job1))?.job.error).toEqual({ code: 'ENCRYPTED_PDF', message: 'This PDF is password-protected.' });
  });

  it('keeps the pages that could not be read and the OCR page count, in the order reported', async () => {
    await upload(doc1, job1);
    expect(await documents.get(sessionA, doc1)).toMatchObject({ pageWarnings: [], ocrPageCount: null });
    const warnings = [
      { pageNumber: 12, message: 'UnknownErrorException: Bad encoding in flate stream' },
      { pageNumber: 2, message: 'OCR found no text.' },
    ];
    expect(await documents.markReady(doc1, { pageCount: 16, chunkCount: 30, ocrPageCount: 4, pageWarnings: warnings })).toBe(true);
    expect(await documents.get(sessionA, doc1)).toMatchObject({ status: 'ready', pageWarnings: warnings, ocrPageCount: 4 });

    await upload(doc2, job2);
    const failure = { code: 'NO_TEXT_LAYER' as const, message: 'This looks like a scanned image with no text.' };
    expect(await documents.markFailed(doc2, failure, [{ pageNumber: 1, message: 'OCR found no text.' }])).toBe(true);
    expect(await documents.get(sessionA, doc2)).toMatchObject({ status: 'failed', pageWarnings: [{ pageNumber: 1, message: 'OCR found no text.' }], ocrPageCount: null });
    expect(await documents.resetToQueued([doc2])).toBe(1);
    expect(await documents.get(sessionA, doc2)).toMatchObject({ status: 'queued', pageWarnings: [], ocrPageCount: null });
  });

  it('rejects a page warning without a page number from 1', async () => {
    await upload();
    await expect(documents.markReady(doc1, { pageCount: 1, chunkCount: 1, pageWarnings: [{ pageNumber: 0, message: 'x' }] })).rejects.toThrow(
      'pageNumber must be an integer from 1, got 0.',
    );
    await expect(documents.markReady(doc1, { pageCount: 1, chunkCount: 1, ocrPageCount: -1 })).rejects.toThrow('ocrPageCount must be a non-negative integer, got -1.');
    expect(await documents.get(sessionA, doc1)).toMatchObject({ status: 'queued', pageWarnings: [] });
  });

  it('tells the processor about its document, and that it is gone', async () => {
    await upload();
    await documents.recordIndexedChunkCount(doc1, 7);
    expect(await documents.findForProcessing(doc1)).toEqual({
      documentId: doc1,
      sessionId: sessionA,
      jobId: job1,
      status: 'queued',
      blobKey: `sessions/${sessionA}/${doc1}.pdf`,
      indexedChunkCount: 7,
    });
    await documents.delete(sessionA, doc1);
    expect(await documents.findForProcessing(doc1)).toBeUndefined();
    expect(await documents.updateProgress(doc1, { stage: 'parsing', progress: 1 })).toBe(false);
    expect(await documents.recordIndexedChunkCount(doc1, 1)).toBe(false);
    expect(await documents.markReady(doc1, { pageCount: 1, chunkCount: 1 })).toBe(false);
    expect(await documents.markFailed(doc1, { code: 'CORRUPT_PDF', message: 'x' })).toBe(false);
  });

  it('rejects impossible progress and counts', async () => {
    await upload();
    await expect(documents.updateProgress(doc1, { stage: 'parsing', progress: 101 })).rejects.toThrow('progress must be an integer from 0 to 100, got 101.');
    await expect(documents.markReady(doc1, { pageCount: 1.5, chunkCount: 1 })).rejects.toThrow('pageCount must be a non-negative integer, got 1.5.');
    await expect(documents.recordIndexedChunkCount(doc1, -1)).rejects.toThrow('chunkCount must be a non-negative integer, got -1.');
  });

  it('resets failed and processing documents to queued for a redrive, leaving ready ones', async () => {
    await upload(doc1, job1);
    await upload(doc2, job2);
    const doc3 = '00000000-0000-4000-8000-000000000d03';
    await upload(doc3, '00000000-0000-4000-8000-000000000f03');
    await documents.updateProgress(doc1, { stage: 'embedding', progress: 50 });
    await documents.markFailed(doc1, { code: 'PROCESSING_FAILED', message: 'x' });
    await documents.updateProgress(doc2, { stage: 'parsing', progress: 3 });
    await documents.markReady(doc3, { pageCount: 1, chunkCount: 1 });
    expect(await documents.resetToQueued([doc1, doc2, doc3, 'junk'])).toBe(2);
    const byId = Object.fromEntries((await documents.listBySession(sessionA)).map((d) => [d.documentId, d]));
    for (const id of [doc1, doc2]) {
      expect(byId[id]).toMatchObject({ status: 'queued', stage: null, progress: 0, detail: null, error: null, pageCount: null, chunkCount: null });
    }
    expect(byId[doc3]?.status).toBe('ready');
    expect(await documents.resetToQueued([])).toBe(0);
  });

  it('deletes a document with its job, returning what else must be removed', async () => {
    await upload();
    await documents.recordIndexedChunkCount(doc1, 12);
    expect(await documents.delete(sessionB, doc1)).toBeUndefined();
    expect(await documents.delete(sessionA, doc1)).toEqual({
      documentId: doc1,
      sessionId: sessionA,
      blobKey: `sessions/${sessionA}/${doc1}.pdf`,
      vectorChunkCount: 12,
    });
    expect(await jobs.get(job1)).toBeUndefined();
    expect(await documents.delete(sessionA, doc1)).toBeUndefined();
  });

  it('counts no vectors to delete for a document never indexed', async () => {
    await upload();
    expect((await documents.delete(sessionA, doc1))?.vectorChunkCount).toBe(0);
  });

  it('deletes documents, jobs and messages with their session', async () => {
    await upload();
    await app.db.deleteFrom('sessions').where('id', '=', sessionA).execute();
    expect(await documents.findForProcessing(doc1)).toBeUndefined();
    expect(await jobs.get(job1)).toBeUndefined();
  });
});
