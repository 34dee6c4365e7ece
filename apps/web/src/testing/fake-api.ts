import type {
  ChatMessage,
  ChatRequest,
  ChatStreamEvent,
  CreateSessionResponse,
  DocumentInfo,
  JobInfo,
  SessionInfo,
  UploadAccepted,
} from '@student-helper/shared-types';
import type { ApiClient, SessionAuth, UploadOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';

/** An upload the test decides the fate of. */
export interface PendingUpload {
  file: File;
  options: UploadOptions;
  accept(accepted: UploadAccepted): void;
  refuse(error: ApiError): void;
}

/** A chat stream the test feeds event by event. */
export class ChatChannel {
  private readonly queue: (ChatStreamEvent | 'end' | Error)[] = [];
  private wake: (() => void) | undefined;
  readonly request: ChatRequest;
  readonly signal: AbortSignal | undefined;

  constructor(request: ChatRequest, signal: AbortSignal | undefined) {
    this.request = request;
    this.signal = signal;
  }

  send(...events: ChatStreamEvent[]): void {
    this.queue.push(...events);
    this.wake?.();
  }

  end(): void {
    this.queue.push('end');
    this.wake?.();
  }

  fail(error: Error): void {
    this.queue.push(error);
    this.wake?.();
  }

  async *events(): AsyncGenerator<ChatStreamEvent> {
    for (;;) {
      if (this.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      const next = this.queue.shift();
      if (next === 'end') return;
      if (next instanceof Error) throw next;
      if (next) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  }
}

export const sessionId = '11111111-1111-4111-8111-111111111111';
export const token = 'x'.repeat(43);

export function documentInfo(overrides: Partial<DocumentInfo> & Pick<DocumentInfo, 'documentId' | 'filename'>): DocumentInfo {
  return {
    sessionId,
    jobId: `job-${overrides.documentId}`,
    sizeBytes: 2048,
    status: 'ready',
    stage: null,
    progress: 100,
    detail: null,
    pageCount: 14,
    chunkCount: 40,
    pageWarnings: [],
    ocrPageCount: 0,
    error: null,
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    ...overrides,
  };
}

/** An in-memory {@link ApiClient} whose every call is recorded and every answer set by the test. */
export class FakeApi implements ApiClient {
  calls: string[] = [];
  session: SessionInfo = { sessionId, title: 'Compilers', createdAt: '2026-11-25T10:00:00.000Z', documents: [] };
  /** What `getDocument` answers, by id; an Error is thrown instead. */
  documents = new Map<string, DocumentInfo | Error>();
  messages: ChatMessage[] = [];
  uploads: PendingUpload[] = [];
  chats: ChatChannel[] = [];
  file = new ArrayBuffer(8);
  failures: Partial<Record<keyof ApiClient, Error>> = {};
  private created = 0;

  private record(name: keyof ApiClient, detail = ''): void {
    this.calls.push(detail ? `${name} ${detail}` : name);
    const failure = this.failures[name];
    if (failure) throw failure;
  }

  async createSession(title?: string): Promise<CreateSessionResponse> {
    this.record('createSession', title ?? '');
    this.created += 1;
    return { sessionId: this.created === 1 ? sessionId : `${sessionId.slice(0, -1)}${this.created}`, token };
  }

  async getSession(auth: SessionAuth): Promise<SessionInfo> {
    this.record('getSession', auth.sessionId);
    return { ...this.session, sessionId: auth.sessionId };
  }

  async renameSession(_auth: SessionAuth, title: string): Promise<void> {
    this.record('renameSession', title);
    this.session = { ...this.session, title };
  }

  uploadDocument(_auth: SessionAuth, file: File, options: UploadOptions = {}): Promise<UploadAccepted> {
    this.calls.push(`uploadDocument ${file.name}`);
    return new Promise((accept, refuse) => {
      this.uploads.push({ file, options, accept, refuse });
      options.signal?.addEventListener('abort', () => refuse(new DOMException('aborted', 'AbortError')));
    });
  }

  async getDocument(_auth: SessionAuth, documentId: string): Promise<DocumentInfo> {
    this.record('getDocument', documentId);
    const doc = this.documents.get(documentId);
    if (doc instanceof Error) throw doc;
    if (!doc) throw new ApiError(404, 'NOT_FOUND', 'Document not found.');
    return doc;
  }

  async getDocumentFile(_auth: SessionAuth, documentId: string): Promise<ArrayBuffer> {
    this.record('getDocumentFile', documentId);
    return this.file;
  }

  async deleteDocument(_auth: SessionAuth, documentId: string): Promise<void> {
    this.record('deleteDocument', documentId);
    this.documents.delete(documentId);
  }

  async getJob(_auth: SessionAuth, jobId: string): Promise<JobInfo> {
    this.record('getJob', jobId);
    throw new ApiError(404, 'NOT_FOUND', 'Job not found.');
  }

  async listMessages(): Promise<ChatMessage[]> {
    this.record('listMessages');
    return this.messages;
  }

  async *chat(_auth: SessionAuth, request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent> {
    this.record('chat', request.question);
    const channel = new ChatChannel(request, signal);
    this.chats.push(channel);
    yield* channel.events();
  }
}
