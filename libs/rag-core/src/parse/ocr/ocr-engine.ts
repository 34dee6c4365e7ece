import type { PDFPageProxy } from 'unpdf/pdfjs';
import { locateOcrAssets } from './ocr-assets.js';
import type { OcrSettings } from './ocr.defaults.js';
import { OcrUnavailableError } from './ocr-unavailable-error.js';
import { loadPageCanvasFactory, type PageCanvasFactory } from './page-canvas.js';
import { renderPage } from './render-page.js';
import { TesseractPool, type Recognition } from './tesseract-pool.js';

/** Renders pages and recognises their images; {@link ocrPages} drives it. Tests substitute their own. */
export interface OcrEngine {
  /** The page as an image for recognition, or `undefined` when the page draws nothing. */
  renderPage(page: PDFPageProxy, signal: AbortSignal): Promise<Uint8Array | undefined>;
  recognize(image: Uint8Array, signal: AbortSignal): Promise<Recognition>;
  /** Stops every tesseract worker. */
  close(): Promise<void>;
}

function unavailable(what: string, error: unknown): OcrUnavailableError {
  return new OcrUnavailableError(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/**
 * pdf.js rendering on `@napi-rs/canvas` and tesseract.js recognition, each loaded on first use:
 * a document whose pages all have a usable text layer starts neither.
 */
export function createOcrEngine(settings: OcrSettings): OcrEngine {
  let canvasFactory: Promise<PageCanvasFactory> | undefined;
  let pool: TesseractPool | undefined;
  return {
    async renderPage(page, signal) {
      canvasFactory ??= loadPageCanvasFactory().catch((error: unknown) => {
        throw unavailable('The canvas for rendering pages could not load', error);
      });
      return renderPage(page, await canvasFactory, settings, signal);
    },
    async recognize(image, signal) {
      if (!pool) {
        try {
          pool = new TesseractPool({ size: settings.concurrency, assets: locateOcrAssets() });
        } catch (error) {
          throw unavailable('The OCR engine could not start', error);
        }
      }
      return pool.recognize(image, signal);
    },
    async close() {
      await pool?.close();
    },
  };
}
