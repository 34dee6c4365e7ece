import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { OpenPdf, OpenedPdf, PageTarget, RenderedPage } from './pdf-renderer';

import type { RenderTask, TextLayer } from 'pdfjs-dist';

type PdfJs = typeof import('pdfjs-dist');

let pdfjsModule: Promise<PdfJs> | undefined;

/** pdf.js (~400 kB) is loaded on the first citation click, not with the page. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjs;
  });
  return pdfjsModule;
}

/** Opens PDF bytes with pdf.js: canvas rendering in its worker, plus its text layer for highlights. */
export const openPdfWithPdfJs: OpenPdf = async (bytes) => {
  const pdfjs = await loadPdfJs();
  // The bytes were fetched with the session's Authorization header; pdf.js never fetches itself.
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  let current: { render: RenderTask; text: TextLayer } | undefined;

  const opened: OpenedPdf = {
    pageCount: document.numPages,
    async renderPage(pageNumber: number, target: PageTarget, cssWidth: number): Promise<RenderedPage> {
      current?.render.cancel();
      current?.text.cancel();
      const page = await document.getPage(pageNumber);
      const natural = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: cssWidth / natural.width });
      const outputScale = window.devicePixelRatio || 1;
      const { canvas, textLayer } = target;
      canvas.width = Math.floor(viewport.width * outputScale);
      canvas.height = Math.floor(viewport.height * outputScale);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      target.page.style.setProperty('--total-scale-factor', String(viewport.scale * viewport.userUnit));
      textLayer.replaceChildren();
      const render = page.render({
        canvas,
        viewport,
        transform: outputScale === 1 ? undefined : [outputScale, 0, 0, outputScale, 0, 0],
      });
      const text = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: textLayer, viewport });
      current = { render, text };
      await Promise.all([render.promise, text.render()]);
      return { textSpans: text.textDivs };
    },
    destroy() {
      current?.render.cancel();
      current?.text.cancel();
      void document.destroy();
    },
  };
  return opened;
};
