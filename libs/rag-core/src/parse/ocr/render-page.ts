import type { PDFPageProxy } from 'unpdf/pdfjs';
import type { OcrSettings } from './ocr.defaults.js';
import type { PageCanvasFactory } from './page-canvas.js';
import { pageHasInk } from './page-ink.js';

type RenderParameters = Parameters<PDFPageProxy['render']>[0];

/** The size a page renders at: `dpi`, scaled down to at most `maxPixels` pixels. */
export function renderScale(widthPt: number, heightPt: number, settings: Pick<OcrSettings, 'dpi' | 'maxPixels'>): number {
  const scale = settings.dpi / 72;
  const pixels = widthPt * scale * heightPt * scale;
  return pixels <= settings.maxPixels ? scale : Math.sqrt(settings.maxPixels / (widthPt * heightPt));
}

/**
 * The page as a PNG for recognition, or `undefined` when it draws nothing. The canvas lives
 * only while this runs. Aborting `signal` cancels the rendering between its steps (a
 * synchronous stretch inside pdf.js runs to its end; the document's worker timeout bounds it).
 */
export async function renderPage(
  page: PDFPageProxy,
  canvasFactory: PageCanvasFactory,
  settings: Pick<OcrSettings, 'dpi' | 'maxPixels'>,
  signal: AbortSignal,
): Promise<Uint8Array | undefined> {
  signal.throwIfAborted();
  if (!(await pageHasInk(page))) return undefined;
  signal.throwIfAborted();
  const unscaled = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: renderScale(unscaled.width, unscaled.height, settings) });
  const drawing = canvasFactory.create(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
  try {
    const task = page.render({
      canvas: drawing.canvas as unknown as RenderParameters['canvas'],
      canvasContext: drawing.context as unknown as RenderParameters['canvasContext'],
      viewport,
      // Scans are read on white: transparent areas would turn black in the PNG for tesseract.
      background: 'white',
    });
    const cancel = (): void => task.cancel();
    if (signal.aborted) cancel();
    else signal.addEventListener('abort', cancel, { once: true });
    try {
      await task.promise;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
    return await drawing.canvas.encode('png');
  } finally {
    canvasFactory.destroy(drawing);
  }
}
