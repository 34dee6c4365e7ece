import type { Citation } from '@student-helper/shared-types';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { FakeApi, sessionId, token } from '../testing/fake-api';
import { renderWithServices } from '../testing/render-app';
import type { OpenPdf, PageTarget } from './pdf-renderer';
import { PdfViewer } from './PdfViewer';

const citation: Citation = {
  marker: 1,
  documentId: 'd-1',
  documentName: 'tracemonkey.pdf',
  page: 2,
  quote: 'Trace trees record the hot paths',
  score: 0.8,
};

/** A three-page "PDF" whose text layer is one span per word group, recording what was asked of it. */
function fakePdf() {
  const log: string[] = [];
  const pages: Record<number, string[]> = {
    1: ['Title page'],
    2: ['We show that ', 'Trace trees record', ' the hot paths', ' of loops.'],
    3: ['References'],
  };
  const openPdf: OpenPdf = async (bytes) => {
    log.push(`open ${bytes.byteLength}`);
    return {
      pageCount: 3,
      async renderPage(pageNumber: number, target: PageTarget, width: number) {
        log.push(`render ${pageNumber} ${width}`);
        const spans = (pages[pageNumber] ?? []).map((text) => {
          const span = document.createElement('span');
          span.textContent = text;
          return span;
        });
        target.textLayer.replaceChildren(...spans);
        return { textSpans: spans };
      },
      destroy() {
        log.push('destroy');
      },
    };
  };
  return { log, openPdf };
}

describe('PdfViewer', () => {
  it('fetches the file with the session, opens the cited page and highlights the quote', async () => {
    const api = new FakeApi();
    const { log, openPdf } = fakePdf();
    renderWithServices(<PdfViewer auth={{ sessionId, token }} citation={citation} onClose={() => undefined} />, { client: api, openPdf });
    expect(screen.getByRole('dialog', { name: 'tracemonkey.pdf' })).toBeTruthy();
    expect(await screen.findByText('The cited passage is highlighted on page 2.')).toBeTruthy();
    expect(screen.getByText('Page 2 of 3')).toBeTruthy();
    expect(api.calls).toEqual(['getDocumentFile d-1']);
    expect(log).toEqual(['open 8', 'render 2 880']);
    const marks = [...document.querySelectorAll('.textLayer mark.quote-highlight')].map((m) => m.textContent);
    expect(marks).toEqual(['Trace trees record', 'the hot paths']);
  });

  it('pages through the document and back to the cited page', async () => {
    const user = userEvent.setup();
    const { log, openPdf } = fakePdf();
    renderWithServices(<PdfViewer auth={{ sessionId, token }} citation={citation} onClose={() => undefined} />, { openPdf });
    await screen.findByText('The cited passage is highlighted on page 2.');
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('The cited passage is on page 2.')).toBeTruthy();
    expect(screen.getByText('Page 3 of 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next page' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(screen.getByText('Page 1 of 3')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Previous page' })).toHaveProperty('disabled', true);
    expect(log).toEqual(['open 8', 'render 2 880', 'render 3 880', 'render 2 880', 'render 1 880']);
  });

  it('says so when the quote cannot be located on the page', async () => {
    const { openPdf } = fakePdf();
    renderWithServices(
      <PdfViewer auth={{ sessionId, token }} citation={{ ...citation, quote: 'words that are nowhere on this page at all' }} onClose={() => undefined} />,
      { openPdf },
    );
    expect(
      await screen.findByText(
        'The cited passage is on page 2; its exact words could not be located on the page: “words that are nowhere on this page at all”',
      ),
    ).toBeTruthy();
  });

  it('explains a file that cannot be loaded', async () => {
    const api = new FakeApi();
    api.failures.getDocumentFile = new ApiError(404, 'NOT_FOUND', 'Document not found.');
    const { openPdf } = fakePdf();
    renderWithServices(<PdfViewer auth={{ sessionId, token }} citation={citation} onClose={() => undefined} />, { client: api, openPdf });
    expect(await screen.findByText('The document could not be shown: It does not exist any more.')).toBeTruthy();
  });

  it('closes with its button and releases the document', async () => {
    const user = userEvent.setup();
    const { log, openPdf } = fakePdf();
    let closed = 0;
    const { unmount } = renderWithServices(
      <PdfViewer auth={{ sessionId, token }} citation={citation} onClose={() => (closed += 1)} />,
      { openPdf },
    );
    await screen.findByText('The cited passage is highlighted on page 2.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(closed).toBe(1);
    unmount();
    expect(log.at(-1)).toBe('destroy');
  });
});
