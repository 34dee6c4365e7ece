import type { Citation } from '@student-helper/shared-types';
import { useEffect, useRef, useState } from 'react';
import type { SessionAuth } from '../api/api-client';
import { toErrorLike } from '../api/to-error-like';
import { useServices } from '../app/services';
import { describeError, type ErrorLike } from '../errors/error-messages';
import { highlightQuote } from './highlight-quote';
import type { OpenedPdf } from './pdf-renderer';
import { maxPageWidthPx } from './pdf-viewer.defaults';

export interface PdfViewerProps {
  auth: SessionAuth;
  citation: Citation;
  onClose(): void;
}

type HighlightState = 'pending' | 'found' | 'missing' | 'other-page';

/**
 * A modal PDF viewer opened from a citation: the cited page, drawn by pdf.js, with the quoted
 * passage highlighted in the text layer. A native `<dialog>` shown modally gives focus
 * containment, Escape to close and an inert page behind it.
 */
export function PdfViewer({ auth, citation, onClose }: PdfViewerProps) {
  const { client, openPdf } = useServices();
  const dialog = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const pageBox = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);
  const [pdf, setPdf] = useState<OpenedPdf>();
  const [error, setError] = useState<ErrorLike>();
  const [page, setPage] = useState(citation.page);
  const [highlight, setHighlight] = useState<HighlightState>('pending');
  const { sessionId, token } = auth;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    // jsdom has no showModal; there the dialog is simply open.
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
    return () => {
      if (typeof element.close === 'function') element.close();
      opener?.focus();
    };
  }, []);

  useEffect(() => setPage(citation.page), [citation]);

  useEffect(() => {
    const abort = new AbortController();
    let opened: OpenedPdf | undefined;
    setPdf(undefined);
    setError(undefined);
    client
      .getDocumentFile({ sessionId, token }, citation.documentId, abort.signal)
      .then((bytes) => openPdf(bytes))
      .then(
        (doc) => {
          if (abort.signal.aborted) doc.destroy();
          else setPdf((opened = doc));
        },
        (failure: unknown) => {
          if (!abort.signal.aborted) setError(toErrorLike(failure));
        },
      );
    return () => {
      abort.abort();
      opened?.destroy();
    };
  }, [client, openPdf, sessionId, token, citation.documentId]);

  useEffect(() => {
    const targets = { canvas: canvas.current, textLayer: textLayer.current, page: pageBox.current };
    if (!pdf || !targets.canvas || !targets.textLayer || !targets.page) return;
    let live = true;
    setHighlight('pending');
    const width = Math.min(body.current?.clientWidth || maxPageWidthPx, maxPageWidthPx);
    pdf.renderPage(page, { canvas: targets.canvas, textLayer: targets.textLayer, page: targets.page }, width).then(
      ({ textSpans }) => {
        if (!live) return;
        if (page !== citation.page) {
          setHighlight('other-page');
          return;
        }
        const marks = highlightQuote(textSpans, citation.quote);
        setHighlight(marks.length > 0 ? 'found' : 'missing');
        marks[0]?.scrollIntoView?.({ block: 'center' });
      },
      (failure: unknown) => {
        // A newer render cancels this one: that is not an error to show.
        if (live) setError(toErrorLike(failure));
      },
    );
    return () => {
      live = false;
    };
  }, [pdf, page, citation]);

  const pageCount = pdf?.pageCount;
  return (
    <dialog ref={dialog} className="viewer" aria-labelledby="viewer-title" onCancel={(event) => (event.preventDefault(), onClose())}>
      <header className="viewer__bar">
        <h2 id="viewer-title" className="viewer__title">
          {citation.documentName}
        </h2>
        <nav className="viewer__nav" aria-label="Pages">
          <button type="button" className="button button--small" disabled={!pdf || page <= 1} onClick={() => setPage((p) => p - 1)}>
            Previous page
          </button>
          <span className="viewer__page" aria-live="polite">
            Page {page}
            {pageCount !== undefined && ` of ${pageCount}`}
          </span>
          <button
            type="button"
            className="button button--small"
            disabled={!pdf || pageCount === undefined || page >= pageCount}
            onClick={() => setPage((p) => p + 1)}
          >
            Next page
          </button>
        </nav>
        <button type="button" className="button button--small" onClick={onClose} autoFocus>
          Close
        </button>
      </header>
      <p className="viewer__note" aria-live="polite">
        {error
          ? `The document could not be shown: ${describeError(error)}`
          : !pdf
            ? 'Loading the document…'
            : highlight === 'found'
              ? `The cited passage is highlighted on page ${citation.page}.`
              : highlight === 'missing'
                ? `The cited passage is on page ${citation.page}; its exact words could not be located on the page: “${citation.quote}”`
                : highlight === 'other-page'
                  ? `The cited passage is on page ${citation.page}.`
                  : `Opening page ${page}…`}
      </p>
      <div ref={body} className="viewer__body">
        <div ref={pageBox} className="viewer__page-box">
          <canvas ref={canvas} className="viewer__canvas" aria-label={`Page ${page} of ${citation.documentName}`} role="img" />
          <div ref={textLayer} className="textLayer" />
        </div>
      </div>
    </dialog>
  );
}
