import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusBytes } from '../../test/parse/corpus.js';
import { documentErrorCode, rejectionOf } from '../../test/parse/rejection.js';
import { inspectPdf } from './inspect-pdf.js';
import { parsePdf } from './parse-pdf.js';

describe('parsePdf', () => {
  it('reports progress after every page, in order', async () => {
    const progress: [number, number, number][] = [];
    const document = await parsePdf(corpusBytes('real', 'tracemonkey.pdf'), { onProgress: (done, total, toOcr) => progress.push([done, total, toOcr]) });
    expect(document.pageCount).toBe(14);
    expect(progress).toEqual(Array.from({ length: 14 }, (_, index) => [index + 1, 14, 0]));
  });

  const fuzzedPageErrors = async (ocr: false | undefined): Promise<[number, string][]> => {
    const failed: [number, string][] = [];
    const document = await parsePdf(corpusBytes('hostile', 'poppler-90-0-fuzzed.pdf'), {
      ocr,
      // OCR renders and recognises three pages; a machine shared with other test runs may be slow.
      timeoutMs: 600_000,
      onPageError: (pageNumber, reason) => failed.push([pageNumber, reason]),
    });
    expect(document.pageCount).toBe(16);
    return failed;
  };

  it('reports pages that could not be read', async () => {
    expect(await fuzzedPageErrors(false)).toEqual([
      [12, 'UnknownErrorException: Bad encoding in flate stream'],
      [16, 'UnknownErrorException: Bad encoding in flate stream'],
    ]);
  });

  it('reports the unreadable pages first, then the pages OCR found nothing on', async () => {
    // Pages 2, 6 and 11 draw (a blank fill) but have no text layer, so OCR looks at them.
    expect(await fuzzedPageErrors(undefined)).toEqual([
      [12, 'UnknownErrorException: Bad encoding in flate stream'],
      [16, 'UnknownErrorException: Bad encoding in flate stream'],
      [2, 'OCR found no text.'],
      [6, 'OCR found no text.'],
      [11, 'OCR found no text.'],
    ]);
  }, 600_000);

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

describe('parsePdf with OCR', () => {
  /** Threads of this process: the PDF worker and each tesseract worker are one. */
  const threadCount = (): number => Number(/^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
  /** The thread count once threads of workers terminated earlier have ended (it stops falling). */
  async function settledThreadCount(): Promise<number> {
    let count = threadCount();
    for (let i = 0; i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = threadCount();
      if (now === count) return now;
      count = now;
    }
    return count;
  }

  it('recognises a page whose text layer is garbage, marks it, and reports OCR progress after the text layer progress', async () => {
    const events: string[] = [];
    const pageErrors: [number, string][] = [];
    const document = await parsePdf(corpusBytes('real', 'TAMReview.pdf'), {
      ocr: { maxPages: 1 },
      timeoutMs: 300_000,
      onProgress: (done, total, toOcr) => events.push(`page ${done}/${total} ocr ${toOcr}`),
      onOcrProgress: (done, total) => events.push(`ocr ${done}/${total}`),
      onPageError: (pageNumber, reason) => pageErrors.push([pageNumber, reason]),
    });
    // Page 1 reads well; page 2 is the first garbage page and fills the limit of one.
    expect(events).toEqual([...Array.from({ length: 23 }, (_, index) => `page ${index + 1}/23 ocr ${index === 0 ? 0 : 1}`), 'ocr 0/1', 'ocr 1/1']);
    const page2 = document.pages[1];
    expect(page2).toMatchObject({ pageNumber: 2, source: 'ocr', ocrConfidence: 94 });
    expect(page2?.text).toContain('User acceptance of technology has been an important field of study for over two\ndecades now.');
    // The other garbage pages are beyond the limit: reported, their text layer kept.
    expect(pageErrors).toEqual(
      Array.from({ length: 20 }, (_, index) => [index + 3, "Not OCR'd: more pages lack a usable text layer than the OCR limit of 1 per document."]),
    );
    expect(document.pages[2]).toEqual({ pageNumber: 3, text: expect.stringContaining('% ( -.48 & 79)&') as unknown as string });
  }, 300_000);

  it('reports a page that runs past its time limit and keeps the rest of the document', async () => {
    const pageErrors: [number, string][] = [];
    const document = await parsePdf(corpusBytes('real', 'TAMReview.pdf'), {
      ocr: { maxPages: 1, pageTimeoutMs: 100 },
      timeoutMs: 300_000,
      onPageError: (pageNumber, reason) => pageErrors.push([pageNumber, reason]),
    });
    // Pages 3–22 are beyond the limit and reported when OCR starts; page 2 when its time is up.
    expect(pageErrors).toHaveLength(21);
    expect(pageErrors.at(-1)).toEqual([2, 'OCR timed out after 0.1 s.']);
    expect(document.pages.filter((page) => page.source === 'ocr')).toEqual([]);
    expect(document.pages[1]?.text.startsWith('1\n\nOverview of the Technology Acceptance Model:')).toBe(true);
  }, 300_000);

  it('stops OCR when the signal aborts: rejects with the reason, and the tesseract threads end with the PDF worker', async () => {
    // A first parse starts the threads Node keeps for good (its thread pool), so only ours are counted below.
    await parsePdf(corpusBytes('real', 'alphatrans.pdf'));
    const before = await settledThreadCount();
    const controller = new AbortController();
    const reason = new Error('job cancelled');
    let peak = 0;
    const error = await rejectionOf(
      parsePdf(corpusBytes('real', 'TAMReview.pdf'), {
        signal: controller.signal,
        timeoutMs: 300_000,
        onOcrProgress: (done) => {
          peak = Math.max(peak, threadCount());
          if (done === 1) controller.abort(reason);
        },
      }),
    );
    expect(error).toBe(reason);
    // The PDF worker and a tesseract worker were running when the first page was done.
    expect(peak).toBeGreaterThanOrEqual(before + 2);
    for (let i = 0; i < 100 && threadCount() > before; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(threadCount()).toBe(before);
  }, 300_000);

  it('with ocr: false keeps the unusable text layer and reports nothing', async () => {
    const calls: string[] = [];
    const document = await parsePdf(corpusBytes('real', 'TAMReview.pdf'), {
      ocr: false,
      onOcrProgress: () => calls.push('ocr'),
      onPageError: () => calls.push('error'),
    });
    expect(calls).toEqual([]);
    expect(document.pages.map((page) => page.source)).toEqual(Array<undefined>(23).fill(undefined));
  });

  it('rejects invalid OCR options before starting a worker', async () => {
    await expect(parsePdf(corpusBytes('real', 'TAMReview.pdf'), { ocr: { concurrency: 0 } })).rejects.toEqual(
      new RangeError('OCR option concurrency must be an integer from 1 to 16, got 0'),
    );
  });
});
