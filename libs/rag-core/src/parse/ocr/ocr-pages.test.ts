import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PDFDocumentProxy } from 'unpdf/pdfjs';
import { corpusBytes } from '../../../test/parse/corpus.js';
import { openPdf } from '../open-pdf.js';
import type { PageResult } from '../page-text.js';
import type { OcrEngine } from './ocr-engine.js';
import { judgeRecognition, ocrPages, type OcrEvent, type OcrTask } from './ocr-pages.js';
import { ocrDefaults } from './ocr.defaults.js';
import { OcrUnavailableError } from './ocr-unavailable-error.js';
import type { Recognition } from './tesseract-pool.js';

const prose = 'Perceived ease of use is the degree to which a person believes that using a system would be free of effort.';

let doc: PDFDocumentProxy;
beforeAll(async () => {
  doc = await openPdf(corpusBytes('real', 'TAMReview.pdf'));
});
afterAll(async () => {
  await doc.loadingTask.destroy();
});

/** Text-layer results for pages whose text layer was garbage. */
const garbagePages = (...pageNumbers: number[]): PageResult[] =>
  pageNumbers.map((pageNumber) => ({ pageNumber, text: `% & ! ${pageNumber}`, usable: false, unusable: 'garbage' }));

const task = (overrides: Partial<OcrTask> = {}): OcrTask => ({ ...ocrDefaults, deadline: Date.now() + 60_000, ...overrides });

interface FakeEngine extends OcrEngine {
  rendered: number[];
  recognised: number[];
  /** Most renders and recognitions that were running at once. */
  peak: { rendering: number; recognising: number };
  signals: AbortSignal[];
}

/** An engine whose "image" is the page number, recognised as `recognise(pageNumber, signal)` says. */
function fakeEngine(recognise: (pageNumber: number, signal: AbortSignal) => Promise<Recognition> = async (n) => ({ text: `${prose} (${n})`, confidence: 91.6 })): FakeEngine {
  let rendering = 0;
  let recognising = 0;
  const engine: FakeEngine = {
    rendered: [],
    recognised: [],
    peak: { rendering: 0, recognising: 0 },
    signals: [],
    async renderPage(page) {
      engine.peak.rendering = Math.max(engine.peak.rendering, ++rendering);
      await new Promise((resolve) => setTimeout(resolve, 5));
      rendering--;
      engine.rendered.push(page.pageNumber);
      return new Uint8Array([page.pageNumber]);
    },
    async recognize(image, signal) {
      const pageNumber = image[0] as number;
      engine.signals.push(signal);
      engine.peak.recognising = Math.max(engine.peak.recognising, ++recognising);
      try {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return await recognise(pageNumber, signal);
      } finally {
        recognising--;
        engine.recognised.push(pageNumber);
      }
    },
    close: () => Promise.resolve(),
  };
  return engine;
}

async function run(pages: PageResult[], settings: OcrTask, engine: OcrEngine): Promise<OcrEvent[]> {
  const events: OcrEvent[] = [];
  await ocrPages(doc, pages, settings, engine, (event) => events.push(event));
  return events;
}

const recognised = (pageNumber: number): PageResult => ({ pageNumber, text: `${prose} (${pageNumber})`, usable: true, source: 'ocr', ocrConfidence: 92 });

describe('ocrPages', () => {
  it('recognises every unusable page: started, then one result per page with the running count', async () => {
    const engine = fakeEngine();
    const events = await run(garbagePages(2, 3, 4), task(), engine);
    expect(events).toEqual([
      { type: 'ocr-started', total: 3, skipped: [] },
      { type: 'ocr-page', page: recognised(2), done: 1, total: 3 },
      { type: 'ocr-page', page: recognised(3), done: 2, total: 3 },
      { type: 'ocr-page', page: recognised(4), done: 3, total: 3 },
    ]);
    expect(engine.rendered).toEqual([2, 3, 4]);
  });

  it('takes only the first maxPages pages and lists the rest as skipped', async () => {
    const engine = fakeEngine();
    const events = await run(garbagePages(2, 3, 4, 5), task({ maxPages: 2 }), engine);
    expect(events[0]).toEqual({ type: 'ocr-started', total: 2, skipped: [4, 5] });
    expect(events.slice(1).map((event) => event.type === 'ocr-page' && event.page.pageNumber)).toEqual([2, 3]);
    expect(engine.recognised).toEqual([2, 3]);
  });

  it('with maxPages 0 recognises nothing', async () => {
    const engine = fakeEngine();
    expect(await run(garbagePages(2, 3), task({ maxPages: 0 }), engine)).toEqual([{ type: 'ocr-started', total: 0, skipped: [2, 3] }]);
    expect(engine.rendered).toEqual([]);
  });

  it('recognises `concurrency` pages at once but renders one page at a time', async () => {
    const engine = fakeEngine();
    await run(garbagePages(2, 3, 4, 5, 6, 7), task({ concurrency: 3 }), engine);
    expect(engine.peak).toEqual({ rendering: 1, recognising: 3 });
    expect([...engine.recognised].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('stops a page at its time limit (aborting its recognition) and goes on with the next one', async () => {
    const engine = fakeEngine((pageNumber, signal) =>
      pageNumber === 3
        ? new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)))
        : Promise.resolve({ text: `${prose} (${pageNumber})`, confidence: 92 }),
    );
    const events = await run(garbagePages(2, 3, 4), task({ pageTimeoutMs: 150 }), engine);
    expect(events.slice(1).map((event) => event.type === 'ocr-page' && event.page)).toEqual([
      recognised(2),
      { ...garbagePages(3)[0], ocrError: 'OCR timed out after 0.2 s.' },
      recognised(4),
    ]);
    expect(engine.signals.map((signal) => signal.aborted)).toEqual([false, true, false]);
  });

  it('cuts the page running at the document deadline and does not start pages after it', async () => {
    const engine = fakeEngine((pageNumber, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))));
    const events = await run(garbagePages(2, 3), task({ deadline: Date.now() + 100 }), engine);
    expect(events.slice(1).map((event) => event.type === 'ocr-page' && event.page)).toEqual([
      { ...garbagePages(2)[0], ocrError: 'OCR stopped: the time limit for the document was reached.' },
      { ...garbagePages(3)[0], ocrError: "Not OCR'd: the time limit for the document was reached." },
    ]);
    expect(engine.rendered).toEqual([2]);
  });

  it('keeps a page that draws nothing as it is, without recognising it', async () => {
    const engine = fakeEngine();
    engine.renderPage = async () => undefined;
    const events = await run(garbagePages(2), task(), engine);
    expect(events[1]).toEqual({ type: 'ocr-page', page: garbagePages(2)[0], done: 1, total: 1 });
    expect(engine.recognised).toEqual([]);
  });

  it('reports a page whose rendering or recognition fails, and goes on', async () => {
    const engine = fakeEngine(async (pageNumber) => {
      if (pageNumber === 3) throw new Error('tesseract: image too small');
      return { text: `${prose} (${pageNumber})`, confidence: 92 };
    });
    const renderPage = engine.renderPage.bind(engine);
    engine.renderPage = async (page, signal) => {
      if (page.pageNumber === 2) throw new TypeError('bad image data');
      return renderPage(page, signal);
    };
    const events = await run(garbagePages(2, 3, 4), task(), engine);
    expect(events.slice(1).map((event) => event.type === 'ocr-page' && event.page)).toEqual([
      { ...garbagePages(2)[0], ocrError: 'OCR failed: TypeError: bad image data' },
      { ...garbagePages(3)[0], ocrError: 'OCR failed: Error: tesseract: image too small' },
      recognised(4),
    ]);
  });

  it('rethrows OcrUnavailableError: OCR cannot run at all', async () => {
    const unavailable = new OcrUnavailableError('The OCR engine could not start: no model');
    const engine = fakeEngine(async () => {
      throw unavailable;
    });
    await expect(run(garbagePages(2, 3), task(), engine)).rejects.toBe(unavailable);
  });
});

describe('judgeRecognition', () => {
  const textLayer = garbagePages(7)[0] as PageResult;

  it('uses recognised text that reads as text, normalised, with the confidence rounded', () => {
    expect(judgeRecognition(textLayer, { text: 'Perceived  ease\nof use\n\n\n\nis ﬁne \n', confidence: 88.5 }, 50)).toEqual({
      pageNumber: 7,
      text: 'Perceived ease\nof use\n\nis fine',
      usable: true,
      source: 'ocr',
      ocrConfidence: 89,
    });
  });

  it('keeps the text layer and says why when OCR read nothing, garbage, or too unsure', () => {
    expect(judgeRecognition(textLayer, { text: ' \n', confidence: 0 }, 50)).toEqual({ ...textLayer, ocrError: 'OCR found no text.' });
    expect(judgeRecognition(textLayer, { text: '|| ~~ — ; : ||| \\\\ // ** ++ == -- __ .. ,, ;; :: !! ?? ## %% && $$ @@', confidence: 61 }, 50)).toEqual({
      ...textLayer,
      ocrError: 'OCR found no readable text: only 0% of the characters form words or numbers.',
    });
    expect(judgeRecognition(textLayer, { text: prose, confidence: 49.4 }, 50)).toEqual({ ...textLayer, ocrError: 'OCR confidence 49 is below the minimum of 50.' });
  });
});
