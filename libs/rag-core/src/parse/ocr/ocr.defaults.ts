/** Bounds of OCR for pages whose text layer is unusable (see `parsePdf`'s `ocr` option). */
export interface OcrOptions {
  /** Most pages recognised per document; further unusable pages are reported and keep their text layer. */
  maxPages?: number;
  /** Pages recognised at once, each by its own tesseract worker. */
  concurrency?: number;
  /** Time limit for one page (rendering and recognition); the page is then reported. */
  pageTimeoutMs?: number;
  /** Rendering resolution for recognition. */
  dpi?: number;
  /** Most pixels (width × height) a page is rendered with; a larger page renders below `dpi`. */
  maxPixels?: number;
  /** Mean word confidence (0–100) below which a recognised page is reported instead of used. */
  minConfidence?: number;
}

export type OcrSettings = Required<OcrOptions>;

/**
 * Tesseract reads best at ~300 dpi. A letter page at 300 dpi is 2550 × 3300 = 8.4 M pixels
 * (33 MB as RGBA on the canvas); the pixel cap keeps larger pages (legal, A3, posters) at that
 * size instead of letting memory grow with the page. One worker by default: the processor
 * Lambda has less than one vCPU below 1,769 MB, and each tesseract worker holds ~100 MB more
 * (docs/benchmarks.md, OCR). 50 pages at a few seconds each fit the processor's time budget;
 * longer scans are reported page by page.
 */
export const ocrDefaults: OcrSettings = {
  maxPages: 50,
  concurrency: 1,
  pageTimeoutMs: 60_000,
  dpi: 300,
  maxPixels: 9_000_000,
  minConfidence: 50,
};

const integerRanges: Record<keyof OcrSettings, [min: number, max: number]> = {
  maxPages: [0, Number.MAX_SAFE_INTEGER],
  concurrency: [1, 16],
  pageTimeoutMs: [1, Number.MAX_SAFE_INTEGER],
  dpi: [36, 1200],
  maxPixels: [100_000, 100_000_000],
  minConfidence: [0, 100],
};

/** Merges `options` over {@link ocrDefaults}; a value out of range throws a RangeError naming the option. */
export function resolveOcrOptions(options: OcrOptions = {}): OcrSettings {
  const resolved: OcrSettings = { ...ocrDefaults };
  for (const key of Object.keys(integerRanges) as (keyof OcrSettings)[]) {
    const value = options[key];
    if (value === undefined) continue;
    const [min, max] = integerRanges[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`OCR option ${key} must be an integer from ${min} to ${max}, got ${value}`);
    }
    resolved[key] = value;
  }
  return resolved;
}

/**
 * OCR stops this long before the document's time bound (`parsePdf`'s `timeoutMs`): pages not
 * done by then are reported, and the pages read so far are returned instead of the whole
 * document failing with `PARSE_TIMEOUT`.
 */
export const ocrDeadlineMarginMs = 3_000;
