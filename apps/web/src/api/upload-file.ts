import { apiErrorFromBody, networkError } from './api-error';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadRequest {
  url: string;
  headers: Record<string, string>;
  /** Multipart field name of the file. */
  field: string;
  file: File;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** Tests pass a fake; the browser's XMLHttpRequest otherwise. */
  createXhr?: () => XMLHttpRequest;
}

/**
 * POSTs one file as `multipart/form-data` and resolves with the parsed JSON of a 2xx response.
 *
 * XMLHttpRequest rather than fetch because only XHR reports upload progress
 * (`upload.onprogress`); fetch has no request-body progress in browsers today.
 * Rejects with ApiError (HTTP error or network failure) or an AbortError DOMException.
 */
export function uploadFile<T>(request: UploadRequest): Promise<T> {
  const { url, headers, field, file, onProgress, signal, createXhr = () => new XMLHttpRequest() } = request;
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was aborted.', 'AbortError'));
      return;
    }
    const xhr = createXhr();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);
    xhr.onload = () => {
      settle();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch (error) {
          reject(networkError(error));
        }
      } else {
        reject(apiErrorFromBody(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () => {
      settle();
      reject(networkError(new Error(`The upload of ${file.name} failed before the server answered.`)));
    };
    xhr.onabort = () => {
      settle();
      reject(new DOMException('The upload was aborted.', 'AbortError'));
    };
    const form = new FormData();
    form.append(field, file, file.name);
    xhr.send(form);
  });
}
