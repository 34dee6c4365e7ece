import { afterEach, describe, expect, it } from 'vitest';
import type { PDFDocumentProxy } from 'unpdf/pdfjs';
import { corpusBytes, type CorpusKind } from '../../../test/parse/corpus.js';
import { openPdf } from '../open-pdf.js';
import { loadPageCanvasFactory, type PageCanvasFactory } from './page-canvas.js';
import { renderPage, renderScale } from './render-page.js';

const settings = { dpi: 300, maxPixels: 9_000_000 };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): [number, number] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

let doc: PDFDocumentProxy | undefined;
afterEach(async () => {
  await doc?.loadingTask.destroy();
  doc = undefined;
});

async function withPage<T>(kind: CorpusKind, name: string, pageNumber: number, action: (page: Awaited<ReturnType<PDFDocumentProxy['getPage']>>) => Promise<T>): Promise<T> {
  doc = await openPdf(corpusBytes(kind, name));
  const page = await doc.getPage(pageNumber);
  try {
    return await action(page);
  } finally {
    page.cleanup();
  }
}

/** The real canvas factory, counting canvases created and destroyed. */
async function countingFactory(): Promise<PageCanvasFactory & { created: number; destroyed: number }> {
  const factory = await loadPageCanvasFactory();
  const counting = {
    created: 0,
    destroyed: 0,
    create: (width: number, height: number) => {
      counting.created++;
      return factory.create(width, height);
    },
    destroy: (drawing: Parameters<PageCanvasFactory['destroy']>[0]) => {
      counting.destroyed++;
      factory.destroy(drawing);
    },
  };
  return counting;
}

describe('renderScale', () => {
  it('renders at the asked resolution while the page stays within the pixel cap', () => {
    // US letter at 300 dpi: 2550 × 3300 = 8.4 M pixels.
    expect(renderScale(612, 792, settings)).toBe(300 / 72);
  });

  it('scales a larger page down to the pixel cap', () => {
    // A3 at 300 dpi would be 3508 × 4961 = 17.4 M pixels.
    const scale = renderScale(842, 1191, settings);
    expect(scale).toBe(Math.sqrt(9_000_000 / (842 * 1191)));
    expect(Math.round(842 * scale * 1191 * scale)).toBe(9_000_000);
  });
});

describe('renderPage', () => {
  it('renders a scanned letter page at 300 dpi as a PNG, and releases the canvas', async () => {
    const factory = await countingFactory();
    const png = await withPage('hostile', 'scan-bad.pdf', 1, (page) => renderPage(page, factory, settings, new AbortController().signal));
    expect(pngSize(png as Uint8Array)).toEqual([2550, 3300]);
    expect([factory.created, factory.destroyed]).toEqual([1, 1]);
  });

  it('renders a page whose fonts pdf.js exports for display (needs transferToFixedLength on Node 20), within the pixel cap', async () => {
    const factory = await countingFactory();
    const png = await withPage('real', 'TAMReview.pdf', 2, (page) => renderPage(page, factory, { dpi: 300, maxPixels: 1_000_000 }, new AbortController().signal));
    // A4 (595.3 × 841.9 pt) scaled to 1 M pixels.
    expect(pngSize(png as Uint8Array)).toEqual([840, 1189]);
  });

  it('returns undefined for a page that draws nothing, without creating a canvas', async () => {
    const factory = await countingFactory();
    expect(await withPage('hostile', 'empty.pdf', 1, (page) => renderPage(page, factory, settings, new AbortController().signal))).toBeUndefined();
    expect(factory.created).toBe(0);
  });

  it('rejects with the reason of an aborted signal, before rendering or when cancelled while rendering, and releases the canvas', async () => {
    const factory = await countingFactory();
    const reason = new Error('page time is up');
    await expect(withPage('hostile', 'scan-bad.pdf', 1, (page) => renderPage(page, factory, settings, AbortSignal.abort(reason)))).rejects.toBe(reason);
    expect(factory.created).toBe(0);

    const controller = new AbortController();
    const real = await loadPageCanvasFactory();
    let destroyed = 0;
    const abortingOnCreate: PageCanvasFactory = {
      create: (width, height) => {
        const drawing = real.create(width, height);
        controller.abort(reason);
        return drawing;
      },
      destroy: (drawing) => {
        destroyed++;
        real.destroy(drawing);
      },
    };
    await expect(withPage('real', 'TAMReview.pdf', 2, (page) => renderPage(page, abortingOnCreate, settings, controller.signal))).rejects.toMatchObject({
      name: 'RenderingCancelledException',
    });
    expect(destroyed).toBe(1);
  });
});
