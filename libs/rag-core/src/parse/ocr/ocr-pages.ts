import type { PDFDocumentProxy } from 'unpdf/pdfjs';
import { normalizeText } from '../normalize-text.js';
import type { PageResult } from '../page-text.js';
import { assessPageText } from '../page-usability.js';
import { describeError } from '../pdf-errors.js';
import type { OcrEngine } from './ocr-engine.js';
import type { OcrSettings } from './ocr.defaults.js';
import { OcrUnavailableError } from './ocr-unavailable-error.js';
import type { Recognition } from './tesseract-pool.js';

/** OCR bounds as the PDF worker gets them: the settings, and when the document's time is up (epoch ms). */
export interface OcrTask extends OcrSettings {
  deadline: number;
}

/** What the OCR phase reports, in order: `started` once, then one `page` per page it took on. */
export type OcrEvent =
  | { type: 'ocr-started'; total: number; skipped: number[] }
  | { type: 'ocr-page'; page: PageResult; done: number; total: number };

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** A page whose OCR was cut short by the page or document time limit. */
class OcrStopped extends Error {}

/**
 * Recognises the pages whose text layer is unusable: the first `maxPages` of them (the rest are
 * listed in `started.skipped` and keep their text layer), `concurrency` at a time, rendering one
 * page at a time so that only one page canvas exists. Each page has `pageTimeoutMs`, and no
 * page runs past `deadline`. A page that OCR cannot read keeps its text layer and gets an
 * `ocrError`; recognised text replaces the text layer only when it reads as text
 * ({@link assessPageText}) with at least `minConfidence`.
 *
 * Throws {@link OcrUnavailableError} when the engine cannot start; every other failure is the page's.
 */
export async function ocrPages(
  doc: PDFDocumentProxy,
  unusable: readonly PageResult[],
  task: OcrTask,
  engine: OcrEngine,
  report: (event: OcrEvent) => void,
): Promise<void> {
  const selected = unusable.slice(0, task.maxPages);
  const total = selected.length;
  report({ type: 'ocr-started', total, skipped: unusable.slice(task.maxPages).map((page) => page.pageNumber) });

  let rendering: Promise<unknown> = Promise.resolve();
  /** Runs `render` after every render started before it: one page canvas at a time bounds memory. */
  const oneAtATime = <T>(render: () => Promise<T>): Promise<T> => {
    const result = rendering.then(render, render);
    rendering = result.catch(() => undefined);
    return result;
  };

  const ocrPage = async (textLayer: PageResult): Promise<PageResult> => {
    const left = task.deadline - Date.now();
    if (left <= 0) return { ...textLayer, ocrError: "Not OCR'd: the time limit for the document was reached." };
    const limit = Math.min(task.pageTimeoutMs, left);
    const reason = limit < task.pageTimeoutMs ? 'OCR stopped: the time limit for the document was reached.' : `OCR timed out after ${seconds(limit)}.`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new OcrStopped(reason)), limit);
    const { signal } = controller;
    try {
      const image = await oneAtATime(async () => {
        const page = await doc.getPage(textLayer.pageNumber);
        try {
          return await engine.renderPage(page, signal);
        } finally {
          page.cleanup();
        }
      });
      // A page that draws nothing has nothing to read.
      if (image === undefined) return textLayer;
      return judgeRecognition(textLayer, await engine.recognize(image, signal), task.minConfidence);
    } catch (error) {
      if (error instanceof OcrUnavailableError) throw error;
      return { ...textLayer, ocrError: signal.aborted ? reason : `OCR failed: ${describeError(error)}` };
    } finally {
      clearTimeout(timer);
    }
  };

  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < total) {
      const page = await ocrPage(selected[next++] as PageResult);
      report({ type: 'ocr-page', page, done: ++done, total });
    }
  };
  await Promise.all(Array.from({ length: Math.min(task.concurrency, total) }, lane));
}

/** The page's result from what tesseract read: its text when that is usable and confident enough, else the text layer and why not. */
export function judgeRecognition(textLayer: PageResult, recognition: Recognition, minConfidence: number): PageResult {
  const text = normalizeText(recognition.text);
  const confidence = Math.round(recognition.confidence);
  const verdict = assessPageText(text);
  if (!verdict.usable) {
    return { ...textLayer, ocrError: verdict.reason === 'empty' ? 'OCR found no text.' : `OCR found no readable text: ${verdict.evidence}.` };
  }
  if (confidence < minConfidence) {
    return { ...textLayer, ocrError: `OCR confidence ${confidence} is below the minimum of ${minConfidence}.` };
  }
  return { pageNumber: textLayer.pageNumber, text, usable: true, source: 'ocr', ocrConfidence: confidence };
}
