/** The text layer spans of a rendered page, in content order, for highlighting. */
export interface RenderedPage {
  textSpans: HTMLElement[];
}

export interface PageTarget {
  canvas: HTMLCanvasElement;
  /** Emptied and refilled with the page's selectable text spans. */
  textLayer: HTMLElement;
  /** Receives `--total-scale-factor`, which the text layer's CSS sizes itself with. */
  page: HTMLElement;
}

/** An opened PDF the viewer can draw page by page. */
export interface OpenedPdf {
  pageCount: number;
  /** Draws page `pageNumber` (1-based) `cssWidth` CSS pixels wide; a newer call cancels an unfinished one. */
  renderPage(pageNumber: number, target: PageTarget, cssWidth: number): Promise<RenderedPage>;
  destroy(): void;
}

/** Opens PDF bytes. The pdf.js implementation is in `pdfjs-renderer.ts`; tests pass fakes. */
export type OpenPdf = (bytes: ArrayBuffer) => Promise<OpenedPdf>;
