import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { uploadFile, type UploadProgress } from './upload-file';

/** Records what the code under test does to an XHR and lets the test play the server. */
class FakeXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  sent: FormData | undefined;
  aborted = false;
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.sent = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number, lengthComputable = true) {
    this.upload.onprogress?.({ loaded, total, lengthComputable } as ProgressEvent);
  }
  respond(status: number, body: string) {
    this.status = status;
    this.responseText = body;
    this.onload?.();
  }
}

function setup(signal?: AbortSignal) {
  const xhr = new FakeXhr();
  const progress: UploadProgress[] = [];
  const file = new File(['%PDF-1.7 hello'], 'notes.pdf', { type: 'application/pdf' });
  const result = uploadFile<{ documentId: string }>({
    url: '/api/sessions/s/documents',
    headers: { authorization: 'Bearer t' },
    field: 'file',
    file,
    onProgress: (p) => progress.push(p),
    signal,
    createXhr: () => xhr as unknown as XMLHttpRequest,
  });
  return { xhr, progress, file, result };
}

describe('uploadFile', () => {
  it('posts the file as multipart with the headers and reports progress', async () => {
    const { xhr, progress, file, result } = setup();
    expect([xhr.method, xhr.url, xhr.headers]).toEqual(['POST', '/api/sessions/s/documents', { authorization: 'Bearer t' }]);
    expect(xhr.sent?.get('file')).toBeInstanceOf(File);
    expect((xhr.sent?.get('file') as File).name).toBe('notes.pdf');
    xhr.progress(4, 14);
    xhr.progress(9, 0, false);
    xhr.respond(202, '{"documentId":"d-1"}');
    expect(await result).toEqual({ documentId: 'd-1' });
    expect(progress).toEqual([
      { loaded: 4, total: 14 },
      { loaded: 9, total: file.size },
    ]);
  });

  it('rejects with the mapped ApiError of a refused upload', async () => {
    const { xhr, result } = setup();
    xhr.respond(413, '{"error":{"code":"PAYLOAD_TOO_LARGE","message":"The file is larger than 50 MB."}}');
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than 50 MB.' });
  });

  it('rejects with NETWORK_ERROR when the connection fails', async () => {
    const { xhr, result } = setup();
    xhr.onerror?.();
    await expect(result).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
      message: 'The upload of notes.pdf failed before the server answered.',
    });
  });

  it('aborts the request when the signal fires', async () => {
    const controller = new AbortController();
    const { xhr, result } = setup(controller.signal);
    controller.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(xhr.aborted).toBe(true);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { xhr, result } = setup(controller.signal);
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(xhr.method).toBe('');
  });
});
