/**
 * Recognising a page takes about as long as reading this many pages' text layers (TAMReview on
 * the shared 2-core machine: 23 text layers in 3.8 s, OCR 6.2 s a page with one worker, a ratio
 * of ~37; docs/benchmarks.md, OCR).
 */
export const ocrPageWeight = 40;

/**
 * How far parsing has come, 0–1, when some pages are OCR'd after the text layer: a text layer
 * counts 1, an OCR'd page {@link ocrPageWeight}. The pages to OCR become known page by page,
 * so the estimate of the whole grows during the text layer; the fraction never falls. Without
 * OCR it is `done / pageCount`.
 */
export class ParseWork {
  #pageCount = 0;
  #fraction = 0;

  /** After a page's text layer: `toOcr` of the pages so far will be OCR'd. */
  textLayer(done: number, pageCount: number, toOcr: number): number {
    this.#pageCount = pageCount;
    return this.#advance(done / (pageCount + ocrPageWeight * toOcr));
  }

  /** After OCR of `done` of `total` pages (the text layer is complete). */
  ocr(done: number, total: number): number {
    return this.#advance((this.#pageCount + ocrPageWeight * done) / (this.#pageCount + ocrPageWeight * total));
  }

  #advance(fraction: number): number {
    this.#fraction = Math.max(this.#fraction, Math.min(1, fraction));
    return this.#fraction;
  }
}
