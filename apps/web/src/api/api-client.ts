import type {
  ChatMessage,
  ChatRequest,
  ChatStreamEvent,
  CreateSessionResponse,
  DocumentInfo,
  JobInfo,
  MessageList,
  SessionInfo,
  UploadAccepted,
} from '@student-helper/shared-types';
import { ApiError, apiErrorFromResponse, isAbortError, networkError } from './api-error';
import { readChatStream } from './chat-stream';
import { uploadFile, type UploadProgress } from './upload-file';

/** What a session-scoped call needs: the session and the token shown once at creation. */
export interface SessionAuth {
  sessionId: string;
  token: string;
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** The HTTP API (SPEC §3) as the UI uses it. Every method rejects with ApiError or an AbortError. */
export interface ApiClient {
  createSession(title?: string): Promise<CreateSessionResponse>;
  getSession(auth: SessionAuth): Promise<SessionInfo>;
  renameSession(auth: SessionAuth, title: string): Promise<void>;
  uploadDocument(auth: SessionAuth, file: File, options?: UploadOptions): Promise<UploadAccepted>;
  getDocument(auth: SessionAuth, documentId: string): Promise<DocumentInfo>;
  /** The original PDF bytes (the viewer needs the Authorization header, so no plain URL). */
  getDocumentFile(auth: SessionAuth, documentId: string, signal?: AbortSignal): Promise<ArrayBuffer>;
  deleteDocument(auth: SessionAuth, documentId: string): Promise<void>;
  getJob(auth: SessionAuth, jobId: string): Promise<JobInfo>;
  listMessages(auth: SessionAuth): Promise<ChatMessage[]>;
  /** Streams one answer; aborting `signal` stops it (the server records the answer as stopped). */
  chat(auth: SessionAuth, request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent>;
}

export interface ApiClientOptions {
  /** Origin (and optional path prefix) of the API; '' means the page's origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  createXhr?: () => XMLHttpRequest;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  // Looked up per call so a test (or a polyfill) can replace the global after creation.
  const doFetch: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);

  const sessionPath = (auth: SessionAuth, rest = '') => `/api/sessions/${encodeURIComponent(auth.sessionId)}${rest}`;
  const documentPath = (auth: SessionAuth, documentId: string, rest = '') =>
    sessionPath(auth, `/documents/${encodeURIComponent(documentId)}${rest}`);
  const authHeader = (auth: SessionAuth) => ({ authorization: `Bearer ${auth.token}` });

  async function send(path: string, init: RequestInit & { auth?: SessionAuth; json?: unknown }): Promise<Response> {
    const { auth, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (auth) headers.set('authorization', authHeader(auth).authorization);
    if (json !== undefined) headers.set('content-type', 'application/json');
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        ...rest,
        headers,
        body: json !== undefined ? JSON.stringify(json) : rest.body,
      });
    } catch (error) {
      throw isAbortError(error) ? error : networkError(error);
    }
    if (!response.ok) throw await apiErrorFromResponse(response);
    return response;
  }

  async function sendJson<T>(path: string, init: RequestInit & { auth?: SessionAuth; json?: unknown }): Promise<T> {
    const response = await send(path, { ...init, headers: { accept: 'application/json' } });
    return (await response.json()) as T;
  }

  return {
    createSession: (title) => sendJson(`/api/sessions`, { method: 'POST', json: title ? { title } : {} }),
    getSession: (auth) => sendJson(sessionPath(auth), { auth }),
    async renameSession(auth, title) {
      await send(sessionPath(auth), { method: 'PATCH', auth, json: { title } });
    },
    uploadDocument: (auth, file, uploadOptions = {}) =>
      uploadFile<UploadAccepted>({
        url: `${baseUrl}${sessionPath(auth, '/documents')}`,
        headers: authHeader(auth),
        field: 'file',
        file,
        onProgress: uploadOptions.onProgress,
        signal: uploadOptions.signal,
        createXhr: options.createXhr,
      }),
    getDocument: (auth, documentId) => sendJson(documentPath(auth, documentId), { auth }),
    async getDocumentFile(auth, documentId, signal) {
      const response = await send(documentPath(auth, documentId, '/file'), { auth, signal });
      return response.arrayBuffer();
    },
    async deleteDocument(auth, documentId) {
      await send(documentPath(auth, documentId), { method: 'DELETE', auth });
    },
    getJob: (auth, jobId) => sendJson(`/api/jobs/${encodeURIComponent(jobId)}`, { auth }),
    async listMessages(auth) {
      const list = await sendJson<MessageList>(sessionPath(auth, '/messages'), { auth });
      return list.messages;
    },
    async *chat(auth, request, signal) {
      const response = await send(sessionPath(auth, '/chat'), {
        method: 'POST',
        auth,
        json: request,
        signal,
        headers: { accept: 'text/event-stream' },
      });
      if (!response.body) throw new ApiError(response.status, 'INTERNAL_ERROR', 'The answer stream had no body.');
      yield* readChatStream(response.body);
    },
  };
}
