import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '@student-helper/db-testing';
import type { DocumentInfo, JobInfo, SessionInfo } from '@student-helper/shared-types';
import {
  corpusBytes,
  createSession,
  documentNotFoundBody,
  filesUnder,
  multipartBody,
  openTestApp,
  sessionNotFoundBody,
  settledDocument,
  upload,
  uploadRequest,
  type TestApp,
  type TestSession,
} from './harness.js';

const pdf = corpusBytes('real', 'alphatrans.pdf');

describe.each(databaseTargets())('documents on $name', (target) => {
  let t: TestApp;
  let session: TestSession;
  let other: TestSession;
  let document: DocumentInfo;

  beforeAll(async () => {
    t = await openTestApp({ target, worker: true });
    session = await createSession(t.app, 'mine');
    other = await createSession(t.app, 'theirs');
    const accepted = await upload(t.app, session, pdf, 'alphatrans.pdf');
    document = await settledDocument(t.app, session, accepted.documentId);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('accepts a PDF with 202, queues it, and the worker makes it ready', async () => {
    const response = await t.app.inject(uploadRequest(session, pdf, 'second.pdf'));
    expect(response.statusCode).toBe(202);
    const accepted = response.json<{ documentId: string; jobId: string; status: string }>();
    expect(accepted).toEqual({ documentId: expect.any(String), jobId: expect.any(String), status: 'queued' });
    expect(response.headers.location).toBe(`/api/sessions/${session.sessionId}/documents/${accepted.documentId}`);
    const ready = await settledDocument(t.app, session, accepted.documentId);
    expect(ready).toMatchObject({ documentId: accepted.documentId, jobId: accepted.jobId, filename: 'second.pdf', status: 'ready', progress: 100, pageCount: 1, error: null });
    expect(ready.chunkCount).toBeGreaterThan(0);
  });

  it('lists the documents with their statuses in the session', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/sessions/${session.sessionId}`, headers: session.headers });
    const body = response.json<SessionInfo>();
    expect(body.documents[0]).toEqual(document);
    expect(document).toMatchObject({ filename: 'alphatrans.pdf', sizeBytes: pdf.length, status: 'ready', stage: null, pageCount: 1 });
  });

  it('reports the job to the owning session’s token only', async () => {
    const own = await t.app.inject({ method: 'GET', url: `/api/jobs/${document.jobId}`, headers: session.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json<JobInfo>()).toEqual({ jobId: document.jobId, documentId: document.documentId, status: 'ready', stage: null, progress: 100, detail: null, attempts: 1 });
    const foreign = await t.app.inject({ method: 'GET', url: `/api/jobs/${document.jobId}`, headers: other.headers });
    const unknown = await t.app.inject({ method: 'GET', url: '/api/jobs/00000000-0000-4000-8000-000000000abc', headers: session.headers });
    for (const response of [foreign, unknown]) {
      expect(response.statusCode).toBe(404);
      expect(response.body).toBe(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Job not found.' } }));
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/jobs/${document.jobId}` })).statusCode).toBe(401);
  });

  it('hides documents from other sessions: another token, or another session’s document under mine, is a 404', async () => {
    const url = `/api/sessions/${session.sessionId}/documents/${document.documentId}`;
    for (const suffix of ['', '/file']) {
      const wrongToken = await t.app.inject({ method: 'GET', url: url + suffix, headers: other.headers });
      expect(wrongToken.statusCode).toBe(404);
      expect(wrongToken.body).toBe(JSON.stringify(sessionNotFoundBody));
      const underMine = await t.app.inject({ method: 'GET', url: `/api/sessions/${other.sessionId}/documents/${document.documentId}${suffix}`, headers: other.headers });
      const unknown = await t.app.inject({ method: 'GET', url: `/api/sessions/${other.sessionId}/documents/00000000-0000-4000-8000-00000000dddd${suffix}`, headers: other.headers });
      for (const response of [underMine, unknown]) {
        expect(response.statusCode).toBe(404);
        expect(response.body).toBe(JSON.stringify(documentNotFoundBody));
      }
    }
    const deleteForeign = await t.app.inject({ method: 'DELETE', url: `/api/sessions/${other.sessionId}/documents/${document.documentId}`, headers: other.headers });
    expect(deleteForeign.statusCode).toBe(404);
    expect(deleteForeign.body).toBe(JSON.stringify(documentNotFoundBody));
  });

  describe('file download', () => {
    const fileUrl = () => `/api/sessions/${session.sessionId}/documents/${document.documentId}/file`;

    it('sends the whole PDF with its type, length, name and Accept-Ranges', async () => {
      const response = await t.app.inject({ method: 'GET', url: fileUrl(), headers: session.headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['accept-ranges']).toBe('bytes');
      expect(response.headers['content-length']).toBe(String(pdf.length));
      expect(response.headers['content-disposition']).toBe('inline; filename=alphatrans.pdf');
      expect(response.rawPayload.equals(pdf)).toBe(true);
    });

    it('answers a byte range with 206 and Content-Range', async () => {
      const response = await t.app.inject({ method: 'GET', url: fileUrl(), headers: { ...session.headers, range: 'bytes=0-99' } });
      expect(response.statusCode).toBe(206);
      expect(response.headers['content-range']).toBe(`bytes 0-99/${pdf.length}`);
      expect(response.headers['content-length']).toBe('100');
      expect(response.rawPayload.equals(pdf.subarray(0, 100))).toBe(true);
      const suffix = await t.app.inject({ method: 'GET', url: fileUrl(), headers: { ...session.headers, range: 'bytes=-50' } });
      expect(suffix.statusCode).toBe(206);
      expect(suffix.headers['content-range']).toBe(`bytes ${pdf.length - 50}-${pdf.length - 1}/${pdf.length}`);
      expect(suffix.rawPayload.equals(pdf.subarray(pdf.length - 50))).toBe(true);
      const openEnded = await t.app.inject({ method: 'GET', url: fileUrl(), headers: { ...session.headers, range: `bytes=${pdf.length - 10}-` } });
      expect(openEnded.statusCode).toBe(206);
      expect(openEnded.rawPayload.equals(pdf.subarray(pdf.length - 10))).toBe(true);
    });

    it('answers a range past the end with 416 and Content-Range: bytes */size', async () => {
      const response = await t.app.inject({ method: 'GET', url: fileUrl(), headers: { ...session.headers, range: `bytes=${pdf.length}-` } });
      expect(response.statusCode).toBe(416);
      expect(response.headers['content-range']).toBe(`bytes */${pdf.length}`);
      expect(response.json()).toEqual({ error: { code: 'RANGE_NOT_SATISFIABLE', message: `The requested range is outside the file (${pdf.length} bytes).` } });
    });

    it('ignores several ranges and malformed ones, sending the whole file', async () => {
      for (const range of ['bytes=0-9,20-29', 'items=0-5', 'bytes=abc']) {
        const response = await t.app.inject({ method: 'GET', url: fileUrl(), headers: { ...session.headers, range } });
        expect(response.statusCode, range).toBe(200);
        expect(response.rawPayload.length).toBe(pdf.length);
      }
    });
  });

  it('keeps a path-traversal filename as a harmless display name; the file lands under its server key', async () => {
    const accepted = await upload(t.app, session, pdf, '../../etc/passwd.pdf');
    const response = await t.app.inject({ method: 'GET', url: `/api/sessions/${session.sessionId}/documents/${accepted.documentId}`, headers: session.headers });
    expect(response.json<DocumentInfo>().filename).toBe('passwd.pdf');
    const blobs = await filesUnder(path.join(t.dataDir, 'blobs'));
    expect(blobs).toContain(path.join('sessions', session.sessionId, `${accepted.documentId}.pdf`));
    expect(blobs.every((file) => file.startsWith(`sessions${path.sep}`) && file.endsWith('.pdf'))).toBe(true);
    expect(existsSync(path.resolve(t.dataDir, 'blobs', '../../etc/passwd.pdf'))).toBe(false);
    expect(existsSync(path.resolve(t.dataDir, 'blobs/sessions', session.sessionId, '../../etc/passwd.pdf'))).toBe(false);
  });

  it('deletes a document: 204, then its file, rows, chunks and vectors are gone', async () => {
    const accepted = await upload(t.app, session, pdf, 'doomed.pdf');
    const ready = await settledDocument(t.app, session, accepted.documentId);
    expect(ready.status).toBe('ready');
    const key = path.join(t.dataDir, 'blobs', 'sessions', session.sessionId, `${accepted.documentId}.pdf`);
    expect(existsSync(key)).toBe(true);
    const countChunks = async () =>
      Number((await sql<{ n: number }>`select count(*) as n from chunks where document_id = ${accepted.documentId}`.execute(t.services.db)).rows[0]?.n);
    expect(await countChunks()).toBe(ready.chunkCount);
    const embedding = await t.services.embedder.embedQuery('Red stroke fill Green Blue gradient');
    const before = await t.services.vectors.query({ sessionId: session.sessionId, documentIds: [accepted.documentId], embedding, topK: 10 });
    expect(before.length).toBe(ready.chunkCount);

    const response = await t.app.inject({ method: 'DELETE', url: `/api/sessions/${session.sessionId}/documents/${accepted.documentId}`, headers: session.headers });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(existsSync(key)).toBe(false);
    expect(await countChunks()).toBe(0);
    expect(await t.services.vectors.query({ sessionId: session.sessionId, documentIds: [accepted.documentId], embedding, topK: 10 })).toEqual([]);
    const { rows } = await sql<{ n: number }>`select (select count(*) from documents where id = ${accepted.documentId}) + (select count(*) from jobs where id = ${accepted.jobId}) as n`.execute(t.services.db);
    expect(Number(rows[0]?.n)).toBe(0);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/sessions/${session.sessionId}/documents/${accepted.documentId}`, headers: session.headers });
    expect(again.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/jobs/${accepted.jobId}`, headers: session.headers })).statusCode).toBe(404);
  });
});

describe('upload checks (PGlite)', () => {
  let t: TestApp;
  let session: TestSession;
  const maxBytes = 20_000;

  beforeAll(async () => {
    t = await openTestApp({ env: { UPLOAD_MAX_BYTES: String(maxBytes) } });
    session = await createSession(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectNothingStored = async () => {
    expect(await filesUnder(t.dataDir)).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from documents`.execute(t.services.db);
    expect(Number(rows[0]?.n)).toBe(0);
    expect(await t.services.queueConsumer?.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 0 });
  };

  it('refuses a body whose declared length is over the limit with 413 before reading it', async () => {
    const big = Buffer.alloc(maxBytes + 70 * 1024, 0x25);
    const response = await t.app.inject(uploadRequest(session, big, 'big.pdf'));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'This file is larger than the upload limit of 19.5 KB.' } });
    await expectNothingStored();
  });

  it('stops reading a file that grows past the limit while streaming (413)', async () => {
    const tooBig = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(maxBytes, 0x20)]);
    const response = await t.app.inject(uploadRequest(session, tooBig, 'big.pdf'));
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    await expectNothingStored();
  });

  it('refuses a file that is not a PDF by its bytes with 415 NOT_A_PDF, whatever its name', async () => {
    const response = await t.app.inject(uploadRequest(session, Buffer.from('hello, I am plain text'), 'looks-like.pdf'));
    expect(response.statusCode).toBe(415);
    expect(response.json()).toEqual({ error: { code: 'NOT_A_PDF', message: 'This file is not a PDF.' } });
    const empty = await t.app.inject(uploadRequest(session, Buffer.alloc(0), 'empty.pdf'));
    expect(empty.statusCode).toBe(415);
    await expectNothingStored();
  });

  it('refuses an encrypted PDF with 422 ENCRYPTED_PDF', async () => {
    const response = await t.app.inject(uploadRequest(session, corpusBytes('hostile', 'issue6010_1.pdf'), 'secret.pdf'));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ error: { code: 'ENCRYPTED_PDF', message: 'This PDF is password-protected. Remove the password and upload it again.' } });
    await expectNothingStored();
  });

  it('refuses a request that is not multipart with 415 and a multipart without the file field with 400', async () => {
    const json = await t.app.inject({ method: 'POST', url: `/api/sessions/${session.sessionId}/documents`, headers: session.headers, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the PDF as multipart/form-data in the field "file".' } });
    const fieldsOnly = multipartBody([{ name: 'note', content: 'no file here' }]);
    const noFile = await t.app.inject({ method: 'POST', url: `/api/sessions/${session.sessionId}/documents`, headers: { ...session.headers, ...fieldsOnly.headers }, payload: fieldsOnly.payload });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message: 'The upload has no file: send the PDF in the multipart field "file".' } });
    const wrongField = multipartBody([{ name: 'document', filename: 'a.pdf', content: pdf.subarray(0, 1000) }]);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/sessions/${session.sessionId}/documents`, headers: { ...session.headers, ...wrongField.headers }, payload: wrongField.payload });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message: 'Send the PDF in the field "file", not "document".' } });
    await expectNothingStored();
  });

  it('refuses two files in one request with 400', async () => {
    const two = multipartBody([
      { name: 'file', filename: 'a.pdf', content: pdf },
      { name: 'file', filename: 'b.pdf', content: pdf },
    ]);
    const response = await t.app.inject({ method: 'POST', url: `/api/sessions/${session.sessionId}/documents`, headers: { ...session.headers, ...two.headers }, payload: two.payload });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message: 'Upload one file per request, in the field "file".' } });
    await expectNothingStored();
  });

  it('checks the token before reading the upload', async () => {
    const response = await t.app.inject({ ...uploadRequest(session, pdf), headers: { ...uploadRequest(session, pdf).headers, authorization: 'Bearer nope' } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe(JSON.stringify(sessionNotFoundBody));
    const { authorization: _drop, ...noToken } = uploadRequest(session, pdf).headers;
    expect((await t.app.inject({ ...uploadRequest(session, pdf), headers: noToken })).statusCode).toBe(401);
  });
});
