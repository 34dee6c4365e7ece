import { describe, expect, it } from 'vitest';
import { corpusBytes } from '../../test/parse/corpus.js';
import type { OcrEngine } from './ocr/ocr-engine.js';
import { ocrDefaults } from './ocr/ocr.defaults.js';
import { OcrUnavailableError } from './ocr/ocr-unavailable-error.js';
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

describe('runPdfTask with OCR (an engine that counts its calls)', () => {
  const ocrTask = { ...ocrDefaults, deadline: Date.now() + 600_000 };

  function countingEngine(): OcrEngine & { rendered: number[] } {
    const engine = {
      rendered: [] as number[],
      renderPage: async (page: { pageNumber: number }) => {
        engine.rendered.push(page.pageNumber);
        return new Uint8Array([page.pageNumber]);
      },
      recognize: async (image: Uint8Array) => ({ text: `Recognised text of page ${image[0]} reads as prose.`, confidence: 90 }),
      close: async () => undefined,
    };
    return engine;
  }

  async function parseWith(name: [kind: 'real' | 'hostile', name: string], engine: OcrEngine, ocr: typeof ocrTask | 'no OCR' = ocrTask): Promise<PdfTaskMessage[]> {
    const messages: PdfTaskMessage[] = [];
    await runPdfTask({ kind: 'parse', bytes: corpusBytes(...name), maxPages: 2000, ...(ocr !== 'no OCR' && { ocr }) }, (message) => messages.push(message), engine);
    return messages;
  }

  it('reads every text layer first, then recognises exactly the unusable pages (TAMReview.pdf: 2–22)', async () => {
    const engine = countingEngine();
    const messages = await parseWith(['real', 'TAMReview.pdf'], engine);
    const types = messages.map((message) => message.type);
    expect(types).toEqual(['opened', ...Array<string>(23).fill('page'), 'ocr-started', ...Array<string>(21).fill('ocr-page'), 'finished']);
    const textLayer = messages.flatMap((message) => (message.type === 'page' ? [message.page] : []));
    expect(textLayer.filter((page) => !page.usable).map((page) => [page.pageNumber, page.unusable])).toEqual(
      Array.from({ length: 21 }, (_, index) => [index + 2, 'garbage']),
    );
    expect(messages[24]).toEqual({ type: 'ocr-started', total: 21, skipped: [] });
    expect(messages[25]).toEqual({
      type: 'ocr-page',
      page: { pageNumber: 2, text: 'Recognised text of page 2 reads as prose.', usable: true, source: 'ocr', ocrConfidence: 90 },
      done: 1,
      total: 21,
    });
    expect(engine.rendered).toEqual(Array.from({ length: 21 }, (_, index) => index + 2));
  });

  it('never renders a page of a document whose text layer is good (tracemonkey.pdf)', async () => {
    const engine = countingEngine();
    const messages = await parseWith(['real', 'tracemonkey.pdf'], engine);
    expect(messages.filter((message) => message.type.startsWith('ocr'))).toEqual([]);
    expect(engine.rendered).toEqual([]);
  });

  it('does not OCR when the task does not ask for it, nor pages that could not be read at all', async () => {
    const engine = countingEngine();
    expect((await parseWith(['real', 'TAMReview.pdf'], engine, 'no OCR')).filter((message) => message.type.startsWith('ocr'))).toEqual([]);
    // poppler-90-0-fuzzed.pdf: pages 12 and 16 fail to read; nine empty pages and page 6 (one stray glyph) are recognised.
    await parseWith(['hostile', 'poppler-90-0-fuzzed.pdf'], engine);
    expect(engine.rendered).toEqual([2, 4, 5, 6, 7, 8, 9, 11, 13, 15]);
  });

  it('throws OcrUnavailableError when OCR cannot start', async () => {
    const unavailable = new OcrUnavailableError('The OCR engine could not start: no model');
    const engine = { ...countingEngine(), recognize: () => Promise.reject(unavailable) };
    await expect(parseWith(['real', 'TAMReview.pdf'], engine)).rejects.toBe(unavailable);
  });
});
