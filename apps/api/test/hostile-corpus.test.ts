/**
 * Every file in ../shared/corpus/hostile through the real upload route and the worker: each
 * ends as a clear 4xx at upload or a document with its exact status and code; the app stays
 * healthy, the session's good document is untouched, and no temporary file is left anywhere.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo, ErrorCode, HealthResponse, PageWarning } from '@student-helper/shared-types';
import { corpusBytes, corpusPath, createSession, filesUnder, openTestApp, parseSse, settledDocument, upload, uploadRequest, type TestApp, type TestSession } from './harness.js';

type Expected =
  | { upload: 415 | 422; code: ErrorCode }
  | { upload: 202; status: 'failed'; code: ErrorCode; pageWarnings?: PageWarning[] }
  | { upload: 202; status: 'ready'; pageCount: number; pageWarnings?: PageWarning[] };

const flateError = 'UnknownErrorException: Bad encoding in flate stream';

/** rag-core's hostile-corpus test says why each file behaves as it does. */
const expected: Record<string, Expected> = {
  'GHOSTSCRIPT-698804-1-fuzzed.pdf': { upload: 202, status: 'failed', code: 'NO_TEXT_LAYER' },
  'PDFBOX-3148-2-fuzzed.pdf': { upload: 202, status: 'failed', code: 'NO_TEXT_LAYER', pageWarnings: [{ pageNumber: 1, message: 'OCR found no text.' }] },
  'empty.pdf': { upload: 202, status: 'failed', code: 'NO_TEXT_LAYER' },
  'empty_protected.pdf': { upload: 202, status: 'failed', code: 'NO_TEXT_LAYER' },
  'issue3371.pdf': { upload: 422, code: 'ENCRYPTED_PDF' },
  'issue6010_1.pdf': { upload: 422, code: 'ENCRYPTED_PDF' },
  'many-pages.pdf': { upload: 422, code: 'TOO_MANY_PAGES' },
  'not-a-pdf.pdf': { upload: 415, code: 'NOT_A_PDF' },
  'poppler-395-0-fuzzed.pdf': { upload: 422, code: 'CORRUPT_PDF' },
  'poppler-742-0-fuzzed.pdf': {
    upload: 202,
    status: 'failed',
    code: 'CORRUPT_PDF',
    pageWarnings: [{ pageNumber: 1, message: 'UnknownErrorException: Illegal character: 41' }],
  },
  'poppler-90-0-fuzzed.pdf': {
    upload: 202,
    status: 'ready',
    pageCount: 16,
    pageWarnings: [
      { pageNumber: 12, message: flateError },
      { pageNumber: 16, message: flateError },
      { pageNumber: 2, message: 'OCR found no text.' },
      { pageNumber: 6, message: 'OCR found no text.' },
      { pageNumber: 11, message: 'OCR found no text.' },
    ],
  },
  'poppler-937-0-fuzzed.pdf': {
    upload: 202,
    status: 'failed',
    code: 'CORRUPT_PDF',
    pageWarnings: [{ pageNumber: 1, message: 'UnknownErrorException: End of file inside array.' }],
  },
  'scan-bad.pdf': { upload: 202, status: 'ready', pageCount: 1 },
  'truncated.pdf': { upload: 422, code: 'CORRUPT_PDF' },
  'zero-bytes.pdf': { upload: 415, code: 'NOT_A_PDF' },
};

describe('hostile corpus through the API (PGlite)', () => {
  let t: TestApp;
  let session: TestSession;
  let good: DocumentInfo;
  let watchedTmp: string;
  let originalTmp: string | undefined;
  let originalTsxCache: string | undefined;
  const accepted = new Map<string, string>();

  beforeAll(async () => {
    t = await openTestApp({ worker: true });
    session = await createSession(t.app, 'hostile');
    good = await settledDocument(t.app, session, (await upload(t.app, session, corpusBytes('real', 'alphatrans.pdf'), 'colors.pdf')).documentId);
    expect(good.status).toBe('ready');
    // From here on, anything written to the OS temp directory lands in an empty folder we watch.
    watchedTmp = await mkdtemp(path.join(tmpdir(), 'api-hostile-tmp-'));
    originalTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = watchedTmp;
    // Tests run the PDF worker from TypeScript source through tsx, whose compile cache lives in
    // the temp directory; the built app has no such cache. Off, so the check sees only the app.
    originalTsxCache = process.env['TSX_DISABLE_CACHE'];
    process.env['TSX_DISABLE_CACHE'] = '1';
  });
  afterAll(async () => {
    restoreEnv('TMPDIR', originalTmp);
    restoreEnv('TSX_DISABLE_CACHE', originalTsxCache);
    await rm(watchedTmp, { recursive: true, force: true });
    await t?.close();
  });

  it('has an expected outcome for every file in the folder', async () => {
    expect((await readdir(path.dirname(corpusPath('hostile', 'empty.pdf')))).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s → %j', { timeout: 120_000 }, async (name, outcome) => {
    const response = await t.app.inject(uploadRequest(session, corpusBytes('hostile', name), name));
    expect(response.statusCode, response.body).toBe(outcome.upload);
    if (outcome.upload !== 202) {
      const body = response.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toBe(outcome.code);
      expect(body.error.message.length).toBeGreaterThan(10);
      return;
    }
    const { documentId } = response.json<{ documentId: string }>();
    accepted.set(name, documentId);
    const document = await settledDocument(t.app, session, documentId);
    // Pages that could not be read are listed on the document, for the student.
    expect(document.pageWarnings).toEqual(outcome.pageWarnings ?? []);
    if (outcome.status === 'failed') {
      expect(document).toMatchObject({ status: 'failed', error: { code: outcome.code } });
      expect(document.error?.message.length).toBeGreaterThan(10);
    } else {
      expect(document).toMatchObject({ status: 'ready', pageCount: outcome.pageCount, ocrPageCount: 0, error: null });
    }
  });

  it('stays healthy, keeps the good document ready and answerable, and leaves no temporary files', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json<HealthResponse>().status).toBe('ok');

    const read = await t.app.inject({ method: 'GET', url: `/api/sessions/${session.sessionId}/documents/${good.documentId}`, headers: session.headers });
    expect(read.json<DocumentInfo>()).toEqual(good);
    const chat = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${session.sessionId}/chat`,
      headers: session.headers,
      payload: { question: 'What are the stroke and fill values of Red?', documentIds: [good.documentId] },
    });
    const events = parseSse(chat.body);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { outcome: 'answered' } });

    // Only the accepted uploads are stored, each under its server key; rejected ones left nothing.
    const expectedBlobs = [good.documentId, ...accepted.values()].map((id) => path.join('sessions', session.sessionId, `${id}.pdf`)).sort();
    expect(await filesUnder(path.join(t.dataDir, 'blobs'))).toEqual(expectedBlobs);
    expect(await filesUnder(watchedTmp)).toEqual([]);
  });
});

function restoreEnv(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}
