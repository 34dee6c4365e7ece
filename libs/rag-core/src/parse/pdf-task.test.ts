import { describe, expect, it, vi } from 'vitest';
import { corpusBytes } from '../../test/parse/corpus.js';
import { openPdf } from './open-pdf.js';
import { extractPage, type UnusablePageFallback } from './page-text.js';
import type { PdfTaskMessage } from './pdf-worker-protocol.js';
import { runPdfTask } from './pdf-task.js';

const alphatransText = 'Red: stroke=1, fill=1.\nGreen: stroke=.5, fill=.5.\nBlue: stroke=1, fill=.5\nImage: .5\nGradient: .5\n\nPowered by TCPDF (www.tcpdf.org)';

async function messagesOf(kind: 'inspect' | 'parse', file: [kind: 'real' | 'hostile', name: string], maxPages = 2000): Promise<PdfTaskMessage[]> {
  const messages: PdfTaskMessage[] = [];
  await runPdfTask({ kind, bytes: corpusBytes(...file), maxPages }, (message) => messages.push(message));
  return messages;
}

describe('runPdfTask (in the calling thread)', () => {
  it('parse: posts opened, each page in order, then finished', async () => {
    expect(await messagesOf('parse', ['real', 'alphatrans.pdf'])).toEqual([
      { type: 'opened', pageCount: 1 },
      { type: 'page', page: { pageNumber: 1, text: alphatransText, usable: true } },
      { type: 'finished' },
    ]);
  });

  it('inspect: opens and counts pages without reading them', async () => {
    expect(await messagesOf('inspect', ['real', 'tracemonkey.pdf'])).toEqual([{ type: 'opened', pageCount: 14 }, { type: 'finished' }]);
  });

  it('fails with TOO_MANY_PAGES before reading any page', async () => {
    expect(await messagesOf('parse', ['real', 'tracemonkey.pdf'], 13)).toEqual([
      { type: 'failed', code: 'TOO_MANY_PAGES', message: 'This PDF has 14 pages; the limit is 13.', detail: 'DocumentError: This PDF has 14 pages; the limit is 13.' },
    ]);
  });

  it('fails with ENCRYPTED_PDF for a file that needs a password', async () => {
    expect(await messagesOf('inspect', ['hostile', 'issue6010_1.pdf'])).toEqual([
      {
        type: 'failed',
        code: 'ENCRYPTED_PDF',
        message: 'This PDF is password-protected. Remove the password and upload it again.',
        detail: 'PasswordException: No password given',
      },
    ]);
  });

  it('fails with CORRUPT_PDF for a file pdf.js cannot open', async () => {
    expect(await messagesOf('inspect', ['hostile', 'truncated.pdf'])).toEqual([
      { type: 'failed', code: 'CORRUPT_PDF', message: 'This PDF is damaged and could not be read.', detail: 'InvalidPDFException: Invalid PDF structure.' },
    ]);
  });

  it('reports a page that cannot be read and goes on with the next one', async () => {
    const pages = (await messagesOf('parse', ['hostile', 'poppler-90-0-fuzzed.pdf'])).flatMap((message) => (message.type === 'page' ? [message.page] : []));
    expect(pages.map((page) => page.pageNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(pages.filter((page) => page.error !== undefined)).toEqual([
      { pageNumber: 12, text: '', usable: false, error: 'UnknownErrorException: Bad encoding in flate stream' },
      { pageNumber: 16, text: '', usable: false, error: 'UnknownErrorException: Bad encoding in flate stream' },
    ]);
  });
});

describe('extractPage', () => {
  it('hands a page without usable text to the fallback, with the page still open, and returns its result', async () => {
    const doc = await openPdf(corpusBytes('hostile', 'empty.pdf'));
    const fallback = vi.fn<UnusablePageFallback>(async (page, textLayer) => {
      expect(page.pageNumber).toBe(1);
      expect((await page.getTextContent()).items).toEqual([]);
      expect(textLayer).toEqual({ pageNumber: 1, text: '', verdict: { usable: false, reason: 'empty' } });
      return { pageNumber: 1, text: 'recognised', usable: true };
    });
    expect(await extractPage(doc, 1, fallback)).toEqual({ pageNumber: 1, text: 'recognised', usable: true });
    expect(fallback).toHaveBeenCalledTimes(1);
    await doc.loadingTask.destroy();
  });

  it('does not call the fallback for a page whose text layer is usable', async () => {
    const doc = await openPdf(corpusBytes('real', 'alphatrans.pdf'));
    const fallback = vi.fn<UnusablePageFallback>();
    expect(await extractPage(doc, 1, fallback)).toEqual({ pageNumber: 1, text: alphatransText, usable: true });
    expect(fallback).not.toHaveBeenCalled();
    await doc.loadingTask.destroy();
  });

  it('without a fallback returns the unusable text layer as it is', async () => {
    const doc = await openPdf(corpusBytes('hostile', 'empty.pdf'));
    expect(await extractPage(doc, 1)).toEqual({ pageNumber: 1, text: '', usable: false });
    await doc.loadingTask.destroy();
  });
});
