import type { Citation } from '@student-helper/shared-types';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { documentInfo, FakeApi } from '../testing/fake-api';
import { renderOpenSession } from '../testing/render-app';

const citation: Citation = {
  marker: 1,
  documentId: 'd-1',
  documentName: 'tracemonkey.pdf',
  page: 3,
  quote: 'Trace trees record the hot paths of a loop.',
  score: 0.82,
};
const messageId = '22222222-2222-4222-8222-222222222222';

async function setup(documents = [documentInfo({ documentId: 'd-1', filename: 'tracemonkey.pdf' })]) {
  const user = userEvent.setup();
  const api = new FakeApi();
  api.session = { ...api.session, documents };
  await renderOpenSession(api);
  await screen.findByText('Ask anything about your documents. Every answer cites the pages it comes from.');
  return { user, api };
}

async function ask(user: ReturnType<typeof userEvent.setup>, question: string) {
  await user.type(screen.getByLabelText('Ask a question'), `${question}{Enter}`);
}

const answer = () => screen.getAllByRole('article').at(-1) as HTMLElement;

describe('chat', () => {
  it('streams the answer token by token, then turns markers into citation buttons', async () => {
    const { user, api } = await setup();
    await ask(user, 'What is a trace tree?');
    expect(api.chats[0]?.request).toEqual({ question: 'What is a trace tree?' });
    expect(screen.getByText('What is a trace tree?')).toBeTruthy();
    expect((screen.getByLabelText('Ask a question') as HTMLTextAreaElement).value).toBe('');
    expect(within(answer()).getByText('Searching your documents…')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();

    act(() => api.chats[0]?.send({ event: 'retrieval', data: { query: 'What is a trace tree?', sources: [] } }, { event: 'token', data: { text: 'Trace trees ' } }));
    await waitFor(() => expect(answer().querySelector('.answer__text')?.textContent).toBe('Trace trees '));
    expect(within(answer()).getByText('Answering…')).toBeTruthy();

    act(() => api.chats[0]?.send({ event: 'token', data: { text: 'record hot loops [1].' } }));
    await waitFor(() => expect(answer().querySelector('.answer__text')?.textContent).toBe('Trace trees record hot loops [1].'));
    expect(within(answer()).queryByRole('button', { name: /Source 1/ })).toBeNull();

    act(() => api.chats[0]?.send({ event: 'citations', data: [citation] }, { event: 'done', data: { messageId, outcome: 'answered' } }));
    const marker = await within(answer()).findByRole('button', { name: 'Source 1: tracemonkey.pdf, page 3' });
    expect(marker.textContent).toBe('1');
    const sources = within(answer()).getByRole('list', { name: 'Sources' });
    expect(within(sources).getByRole('button', { name: 'Open Source 1: tracemonkey.pdf, page 3' }).textContent).toBe('[1] tracemonkey.pdfpage 3');
    expect(within(sources).getByText('Trace trees record the hot paths of a loop.').tagName).toBe('BLOCKQUOTE');
    expect(within(answer()).getByText('Answer')).toBeTruthy();
    expect(answer().getAttribute('aria-busy')).toBe('false');
    expect(screen.getByRole('button', { name: 'Ask' })).toBeTruthy();
  });

  it('marks a citation from a page read by OCR with its confidence, and no other', async () => {
    const { user, api } = await setup([documentInfo({ documentId: 'd-1', filename: 'TAMReview.pdf' })]);
    await ask(user, 'What is perceived ease of use?');
    const scanned: Citation = { ...citation, documentName: 'TAMReview.pdf', page: 6, quote: 'Perceived ease of use: the degree of effort.', ocrConfidence: 94 };
    const typed: Citation = { ...citation, marker: 2, documentName: 'TAMReview.pdf', page: 1, quote: 'User acceptance of technology.' };
    act(() =>
      api.chats[0]?.send(
        { event: 'retrieval', data: { query: 'What is perceived ease of use?', sources: [] } },
        { event: 'token', data: { text: 'The effort it takes [1][2].' } },
        { event: 'citations', data: [scanned, typed] },
        { event: 'done', data: { messageId, outcome: 'answered' } },
      ),
    );
    const sources = await within(answer()).findByRole('list', { name: 'Sources' });
    const first = within(sources).getByRole('button', { name: 'Open Source 1: TAMReview.pdf, page 6 (read by OCR, 94% confidence)' });
    expect(first.textContent).toBe('[1] TAMReview.pdfpage 6OCR 94%');
    expect(within(first).getByText('OCR 94%').getAttribute('title')).toBe('Text read by OCR, 94% confidence');
    expect(within(sources).getByRole('button', { name: 'Open Source 2: TAMReview.pdf, page 1' }).textContent).toBe('[2] TAMReview.pdfpage 1');
    expect(within(answer()).getByRole('button', { name: 'Source 1: TAMReview.pdf, page 6 (read by OCR, 94% confidence)' }).textContent).toBe('1');
  });

  it('opens the cited page in the viewer from a marker, and closes it', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    api.session = { ...api.session, documents: [documentInfo({ documentId: 'd-1', filename: 'tracemonkey.pdf' })] };
    api.messages = [
      { messageId: 'm-1', role: 'assistant', content: 'Loops are traced [1].', citations: [citation], outcome: 'answered', createdAt: '2026-11-25T10:01:00.000Z' },
    ];
    const opened: number[] = [];
    await renderOpenSession(api, {
      openPdf: async () => ({
        pageCount: 14,
        async renderPage(pageNumber) {
          opened.push(pageNumber);
          return { textSpans: [] };
        },
        destroy() {
          // nothing to release in this fake
        },
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Source 1: tracemonkey.pdf, page 3' }));
    const viewer = await screen.findByRole('dialog', { name: 'tracemonkey.pdf' });
    expect(await within(viewer).findByText('Page 3 of 14')).toBeTruthy();
    await waitFor(() => expect(opened).toEqual([3]));
    expect(api.calls).toContain('getDocumentFile d-1');
    await user.click(within(viewer).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows "not in your documents" distinctly from an answer', async () => {
    const { user, api } = await setup();
    await ask(user, 'Who won the 1998 World Cup?');
    act(() =>
      api.chats[0]?.send(
        { event: 'retrieval', data: { query: 'Who won the 1998 World Cup?', sources: [] } },
        { event: 'token', data: { text: 'I could not find this in your documents.' } },
        { event: 'citations', data: [] },
        { event: 'done', data: { messageId, outcome: 'not_found' } },
      ),
    );
    const notFound = await screen.findByRole('article', { name: 'Not in your documents' });
    expect(notFound.className).toBe('turn turn--answer turn--not-found');
    expect(within(notFound).getByText('Not in your documents')).toBeTruthy();
    expect(within(notFound).getByText('Nothing in your documents answers this. Try other words, or add a document that covers it.')).toBeTruthy();
    expect(within(notFound).queryByRole('list', { name: 'Sources' })).toBeNull();
  });

  it('stops a streaming answer and keeps what arrived', async () => {
    const { user, api } = await setup();
    await ask(user, 'Explain everything');
    act(() => api.chats[0]?.send({ event: 'token', data: { text: 'Partial answer' } }));
    await waitFor(() => expect(answer().querySelector('.answer__text')?.textContent).toBe('Partial answer'));
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(api.chats[0]?.signal?.aborted).toBe(true);
    await waitFor(() => expect(within(answer()).getByText('Stopped')).toBeTruthy());
    expect(answer().querySelector('.answer__text')?.textContent).toBe('Partial answer');
    expect(screen.getByRole('button', { name: 'Ask' })).toBeTruthy();
  });

  it('explains an error event and a stream that ends without finishing', async () => {
    const { user, api } = await setup();
    await ask(user, 'First');
    act(() => api.chats[0]?.send({ event: 'error', data: { code: 'MODEL_THROTTLED', message: 'Bedrock throttled the request.' } }));
    expect((await within(answer()).findByRole('alert')).textContent).toBe(
      'The answering service is busy. Try again in a moment. Bedrock throttled the request.',
    );
    act(() => api.chats[0]?.end());
    await waitFor(() => expect(screen.getByRole('button', { name: 'Ask' })).toBeTruthy());

    await ask(user, 'Second');
    act(() => {
      api.chats[1]?.send({ event: 'token', data: { text: 'Half' } });
      api.chats[1]?.end();
    });
    expect((await within(answer()).findByRole('alert')).textContent).toBe('The answer was cut off before it finished.');
    expect(within(answer()).getByText('No answer')).toBeTruthy();
  });

  it('shows a refused question as an error on its answer', async () => {
    const { user, api } = await setup();
    api.failures.chat = new ApiError(429, 'RATE_LIMITED', 'Slow down.');
    await ask(user, 'Too fast');
    expect((await within(answer()).findByRole('alert')).textContent).toBe('Too many requests. Wait a moment and try again. Slow down.');
  });

  it('limits the question to the selected documents', async () => {
    const { user, api } = await setup([
      documentInfo({ documentId: 'd-1', filename: 'tracemonkey.pdf' }),
      documentInfo({ documentId: 'd-2', filename: 'freeculture.pdf' }),
      documentInfo({ documentId: 'd-3', filename: 'pending.pdf', status: 'processing', progress: 20 }),
    ]);
    expect(screen.getByText('Searching: all 2 ready documents')).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'pending.pdf' })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'freeculture.pdf' }));
    expect(screen.getByText('Searching: 1 selected document')).toBeTruthy();
    await ask(user, 'What is remix culture?');
    expect(api.chats[0]?.request).toEqual({ question: 'What is remix culture?', documentIds: ['d-2'] });
  });

  it('cannot ask before a document is ready, and never sends a blank question', async () => {
    const { user, api } = await setup([documentInfo({ documentId: 'd-1', filename: 'a.pdf', status: 'queued', progress: 0 })]);
    expect(screen.getByText('Add a PDF and wait until it is ready to ask questions.')).toBeTruthy();
    await user.type(screen.getByLabelText('Ask a question'), 'Anything?');
    expect(screen.getByRole('button', { name: 'Ask' })).toHaveProperty('disabled', true);
    expect(api.chats).toEqual([]);
  });

  it('keeps Shift+Enter as a new line', async () => {
    const { user, api } = await setup();
    await user.type(screen.getByLabelText('Ask a question'), 'line one{Shift>}{Enter}{/Shift}line two');
    expect((screen.getByLabelText('Ask a question') as HTMLTextAreaElement).value).toBe('line one\nline two');
    expect(api.chats).toEqual([]);
    await user.type(screen.getByLabelText('Ask a question'), '   ');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(api.chats[0]?.request).toEqual({ question: 'line one\nline two' });
  });
});
