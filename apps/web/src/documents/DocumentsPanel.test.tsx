import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { documentInfo, FakeApi } from '../testing/fake-api';
import { renderOpenSession } from '../testing/render-app';

const pdf = (name: string, size = 4096) => new File([new Uint8Array(size)], name, { type: 'application/pdf' });
const item = (name: string) => screen.getByText(name).closest('li') as HTMLElement;
/** Waits until the row of `name` (re-found each time: an upload row becomes a document row) shows `text`. */
const rowShows = (name: string, text: string) => waitFor(() => expect(within(item(name)).getByText(text)).toBeTruthy());

describe('documents panel', () => {
  it('shows upload progress per file, then live processing status until ready', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    await renderOpenSession(api);
    await user.upload(await screen.findByLabelText('PDF files to upload'), [pdf('a.pdf'), pdf('b.pdf')]);
    expect(api.uploads.map((u) => u.file.name)).toEqual(['a.pdf', 'b.pdf']);

    act(() => api.uploads[0]?.options.onProgress?.({ loaded: 1024, total: 4096 }));
    expect(within(item('a.pdf')).getByText('Uploading · 25%')).toBeTruthy();
    expect(within(item('a.pdf')).getByRole('progressbar', { name: 'Uploading a.pdf' }).getAttribute('value')).toBe('25');
    expect(within(item('b.pdf')).getByText('Uploading · 0%')).toBeTruthy();

    api.documents.set('d-a', documentInfo({ documentId: 'd-a', filename: 'a.pdf', status: 'queued', progress: 0, pageCount: null }));
    act(() => api.uploads[0]?.accept({ documentId: 'd-a', jobId: 'j-a', status: 'queued' }));
    await rowShows('a.pdf', 'Waiting to be processed');

    api.documents.set('d-a', documentInfo({ documentId: 'd-a', filename: 'a.pdf', status: 'processing', stage: 'parsing', progress: 40, detail: 'ocr 5/23' }));
    await rowShows('a.pdf', 'Reading pages · 40% · ocr 5/23');
    expect(within(item('a.pdf')).getByRole('progressbar', { name: 'Processing a.pdf' }).getAttribute('value')).toBe('40');

    api.documents.set('d-a', documentInfo({ documentId: 'd-a', filename: 'a.pdf', status: 'ready', pageCount: 14 }));
    await rowShows('a.pdf', 'Ready · 14 pages');
    expect(within(item('a.pdf')).queryByRole('progressbar')).toBeNull();
    const polls = api.calls.filter((c) => c === 'getDocument d-a').length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(api.calls.filter((c) => c === 'getDocument d-a').length).toBe(polls);
  });

  it('lists the pages of a document that could not be read, and nothing for a document without such pages', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    api.session = {
      ...api.session,
      documents: [
        documentInfo({
          documentId: 'd-scan',
          filename: 'scan.pdf',
          pageCount: 16,
          ocrPageCount: 4,
          pageWarnings: [
            { pageNumber: 12, message: 'UnknownErrorException: Bad encoding in flate stream' },
            { pageNumber: 2, message: 'OCR found no text.' },
          ],
        }),
        documentInfo({ documentId: 'd-good', filename: 'good.pdf' }),
      ],
    };
    await renderOpenSession(api);
    await rowShows('scan.pdf', 'Ready · 16 pages · 4 read by OCR');
    await user.click(within(item('scan.pdf')).getByText('2 pages could not be read'));
    const pages = within(item('scan.pdf')).getByRole('list', { name: 'Unreadable pages of scan.pdf' });
    expect(within(pages).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Page 12: UnknownErrorException: Bad encoding in flate stream',
      'Page 2: OCR found no text.',
    ]);
    expect(within(item('good.pdf')).queryByText(/could not be read/)).toBeNull();
  });

  it('explains a refused upload in plain words and retries the same file', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    await renderOpenSession(api);
    await user.upload(await screen.findByLabelText('PDF files to upload'), pdf('huge.pdf'));
    act(() => api.uploads[0]?.refuse(new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The file is larger than 50 MB.')));
    await rowShows('huge.pdf', 'Upload failed: This file is too large to upload.');
    const row = item('huge.pdf');
    expect(within(row).getByText('The file is larger than 50 MB.')).toBeTruthy();

    await user.click(within(row).getByRole('button', { name: 'Retry uploading huge.pdf' }));
    expect(api.uploads.map((u) => u.file.name)).toEqual(['huge.pdf', 'huge.pdf']);
    expect(api.uploads[1]?.file).toBe(api.uploads[0]?.file);
    expect(within(item('huge.pdf')).getByText('Uploading · 0%')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Cancel uploading huge.pdf' }));
    expect(screen.queryByText('huge.pdf')).toBeNull();
  });

  it('explains a failed document, retries it by re-uploading its file and deletes the failed copy', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    await renderOpenSession(api);
    await user.upload(await screen.findByLabelText('PDF files to upload'), pdf('locked.pdf'));
    api.documents.set(
      'd-1',
      documentInfo({ documentId: 'd-1', filename: 'locked.pdf', status: 'failed', error: { code: 'ENCRYPTED_PDF', message: 'The PDF is encrypted.' } }),
    );
    act(() => api.uploads[0]?.accept({ documentId: 'd-1', jobId: 'j-1', status: 'queued' }));
    await rowShows('locked.pdf', 'This PDF is password-protected.');
    const row = item('locked.pdf');
    expect(within(row).getByText('The PDF is encrypted.')).toBeTruthy();

    await user.click(within(row).getByRole('button', { name: 'Retry locked.pdf' }));
    expect(api.uploads[1]?.file).toBe(api.uploads[0]?.file);
    api.documents.set('d-2', documentInfo({ documentId: 'd-2', filename: 'locked.pdf', status: 'queued' }));
    act(() => api.uploads[1]?.accept({ documentId: 'd-2', jobId: 'j-2', status: 'queued' }));
    await waitFor(() => expect(api.calls).toContain('deleteDocument d-1'));
    await waitFor(() => expect(screen.getAllByText('locked.pdf')).toHaveLength(1));
    expect(within(item('locked.pdf')).getByText('Waiting to be processed')).toBeTruthy();
  });

  it('offers no retry for a failed document from an earlier visit, and says how to try again', async () => {
    const api = new FakeApi();
    api.session = {
      ...api.session,
      documents: [documentInfo({ documentId: 'd-9', filename: 'scan.pdf', status: 'failed', error: { code: 'NO_TEXT_LAYER', message: '' } })],
    };
    await renderOpenSession(api);
    const row = await waitFor(() => item('scan.pdf'));
    expect(within(row).getByText('This looks like a scanned image with no text.')).toBeTruthy();
    expect(within(row).getByText('To try again, delete it and add the file again.')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Retry scan.pdf' })).toBeNull();
  });

  it('deletes a document, and says so when the server refuses', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    api.session = {
      ...api.session,
      documents: [documentInfo({ documentId: 'd-1', filename: 'one.pdf' }), documentInfo({ documentId: 'd-2', filename: 'two.pdf' })],
    };
    await renderOpenSession(api);
    await user.click(await screen.findByRole('button', { name: 'Delete one.pdf' }));
    await waitFor(() => expect(screen.queryByText('one.pdf')).toBeNull());
    expect(api.calls).toContain('deleteDocument d-1');

    api.failures.deleteDocument = new ApiError(503, 'SERVICE_UNAVAILABLE', 'Database unavailable.');
    await user.click(screen.getByRole('button', { name: 'Delete two.pdf' }));
    await rowShows('two.pdf', 'Could not delete: The server is not available right now.');
  });

  it('drops a document deleted elsewhere while it was processing', async () => {
    const api = new FakeApi();
    api.session = { ...api.session, documents: [documentInfo({ documentId: 'd-1', filename: 'gone.pdf', status: 'processing', progress: 10 })] };
    await renderOpenSession(api);
    expect(await screen.findByText('gone.pdf')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('gone.pdf')).toBeNull());
  });

  it('accepts PDFs dropped on the drop zone', async () => {
    const api = new FakeApi();
    await renderOpenSession(api);
    const zone = (await screen.findByText('Drop PDF files here, or')).parentElement as HTMLElement;
    const file = pdf('dropped.pdf');
    const dataTransfer = { files: [file], types: ['Files'], dropEffect: 'none' };
    const { fireEvent } = await import('@testing-library/react');
    fireEvent.dragEnter(zone, { dataTransfer });
    expect(zone.className).toBe('drop-zone drop-zone--over');
    fireEvent.drop(zone, { dataTransfer });
    expect(zone.className).toBe('drop-zone');
    expect(api.uploads.map((u) => u.file)).toEqual([file]);
  });
});
