import { describe, expect, it } from 'vitest';
import { corpusBytes } from '../../test/parse/corpus.js';
import { documentErrorCode, rejectionOf } from '../../test/parse/rejection.js';
import { inspectPdf } from './inspect-pdf.js';
import { parsePdf } from './parse-pdf.js';

describe('parsePdf', () => {
  it('reports progress after every page, in order', async () => {
    const progress: [number, number][] = [];
    const document = await parsePdf(corpusBytes('real', 'tracemonkey.pdf'), { onProgress: (done, total) => progress.push([done, total]) });
    expect(document.pageCount).toBe(14);
    expect(progress).toEqual(Array.from({ length: 14 }, (_, index) => [index + 1, 14]));
  });

  it('reports pages that could not be read', async () => {
    const failed: [number, string][] = [];
    const document = await parsePdf(corpusBytes('hostile', 'poppler-90-0-fuzzed.pdf'), { onPageError: (pageNumber, reason) => failed.push([pageNumber, reason]) });
    expect(document.pageCount).toBe(16);
    expect(failed).toEqual([
      [12, 'UnknownErrorException: Bad encoding in flate stream'],
      [16, 'UnknownErrorException: Bad encoding in flate stream'],
    ]);
  });

  it('rejects with PARSE_TIMEOUT when the time bound passes, and parsing works afterwards', async () => {
    expect(await documentErrorCode(parsePdf(corpusBytes('real', 'freeculture.pdf'), { timeoutMs: 1 }))).toBe('PARSE_TIMEOUT');
    expect((await parsePdf(corpusBytes('real', 'alphatrans.pdf'))).pageCount).toBe(1);
  });

  it('stops when the signal aborts, rejecting with its reason and reporting no further pages', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const seen: number[] = [];
    const error = await rejectionOf(
      parsePdf(corpusBytes('real', 'freeculture.pdf'), {
        signal: controller.signal,
        onProgress: (done) => {
          seen.push(done);
          if (done === 5) controller.abort(reason);
        },
      }),
    );
    expect(error).toBe(reason);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('rejects with TOO_MANY_PAGES naming the count and the limit', async () => {
    const error = await rejectionOf(parsePdf(corpusBytes('real', 'tracemonkey.pdf'), { maxPages: 13 }));
    expect(error).toMatchObject({ code: 'TOO_MANY_PAGES', message: 'This PDF has 14 pages; the limit is 13.' });
  });

  it('rejects bytes without a PDF header with NOT_A_PDF without starting a worker', async () => {
    expect(await documentErrorCode(parsePdf(new Uint8Array(0)))).toBe('NOT_A_PDF');
    expect(await documentErrorCode(parsePdf(new TextEncoder().encode('plain text')))).toBe('NOT_A_PDF');
  });

  it("leaves the caller's bytes intact and accepts a Buffer", async () => {
    const bytes = Buffer.from(corpusBytes('real', 'alphatrans.pdf'));
    const before = Buffer.from(bytes);
    await parsePdf(bytes);
    expect(bytes.equals(before)).toBe(true);
  });

  it('parses documents concurrently, each in its own worker', async () => {
    const [a, b] = await Promise.all([parsePdf(corpusBytes('real', 'tracemonkey.pdf')), parsePdf(corpusBytes('real', 'alphatrans.pdf'))]);
    expect([a.pageCount, b.pageCount]).toEqual([14, 1]);
  });
});

describe('inspectPdf', () => {
  it('counts pages without reading text', async () => {
    expect(await inspectPdf(corpusBytes('real', 'freeculture.pdf'))).toEqual({ pageCount: 352 });
  });

  it('applies its own page limit, timeout and signal', async () => {
    expect(await rejectionOf(inspectPdf(corpusBytes('real', 'tracemonkey.pdf'), { maxPages: 10 }))).toMatchObject({
      code: 'TOO_MANY_PAGES',
      message: 'This PDF has 14 pages; the limit is 10.',
    });
    expect(await documentErrorCode(inspectPdf(corpusBytes('real', 'tracemonkey.pdf'), { timeoutMs: 1 }))).toBe('PARSE_TIMEOUT');
    const reason = new Error('client went away');
    expect(await rejectionOf(inspectPdf(corpusBytes('real', 'tracemonkey.pdf'), { signal: AbortSignal.abort(reason) }))).toBe(reason);
  });

  it('rejects bytes without a PDF header with NOT_A_PDF', async () => {
    expect(await documentErrorCode(inspectPdf(new Uint8Array(0)))).toBe('NOT_A_PDF');
  });
});
