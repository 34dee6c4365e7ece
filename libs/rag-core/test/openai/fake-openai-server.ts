import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** Answers one request; gets the raw response to write whatever the test needs. */
export type Reply = (response: ServerResponse, request: RecordedRequest) => void | Promise<void>;

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI wire format as the test scripts it:
 * each request takes the next reply from the queue (a request with none left gets a 500 that
 * fails the test's expectations), and every request is recorded with its parsed JSON body.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  /** Resolves, per request in arrival order, when the client closed or the response ended. */
  readonly closed: Promise<void>[] = [];
  readonly #replies: Reply[] = [];
  readonly #server = createServer((request, response) => void this.#handle(request, response));

  static async start(): Promise<FakeOpenAiServer> {
    const server = new FakeOpenAiServer();
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  /** `http://127.0.0.1:<port>/v1`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
  }

  reply(...replies: Reply[]): this {
    this.#replies.push(...replies);
    return this;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    this.closed.push(new Promise((resolve) => response.once('close', () => resolve())));
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: incoming.method ?? '',
      path: incoming.url ?? '',
      headers: incoming.headers,
      body: raw === '' ? undefined : JSON.parse(raw),
    };
    this.requests.push(recorded);
    const reply = this.#replies.shift() ?? json(500, { error: { message: 'The fake server has no reply queued.' } });
    await reply(response, recorded);
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return (response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

/** An OpenAI error body, as OpenAI and Ollama send it. */
export function apiError(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return json(status, { error: { message, type: 'api_error' } }, headers);
}

export interface SseOptions {
  /** Wait between events, so the client reads them in separate chunks. */
  gapMs?: number;
  /** After the events: `done` sends `data: [DONE]` and ends; `hang` keeps the connection open; `destroy` drops it. */
  then?: 'done' | 'hang' | 'destroy';
}

/** A `text/event-stream` of `data: {...}` events, written one by one. */
export function sse(events: readonly unknown[], options: SseOptions = {}): Reply {
  const { gapMs = 5, then = 'done' } = options;
  return async (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const event of events) {
      response.write(`data: ${JSON.stringify(event)}\n\n`);
      await delay(gapMs);
    }
    if (then === 'done') response.end('data: [DONE]\n\n');
    else if (then === 'destroy') response.destroy();
  };
}

/** Never answers (a server that accepted the connection and stalls). */
export const hang: Reply = () => undefined;

/** The `chat.completion.chunk` objects of a streamed reply: one per token, the finish, then the usage. */
export function completionChunks(
  model: string,
  tokens: readonly string[],
  finish: { reason: string; usage?: { prompt_tokens: number; completion_tokens: number } },
): unknown[] {
  const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1_765_000_000, model };
  const chunks: unknown[] = [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    ...tokens.map((content) => ({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: finish.reason }] },
  ];
  if (finish.usage) {
    const { prompt_tokens, completion_tokens } = finish.usage;
    chunks.push({ ...base, choices: [], usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens } });
  }
  return chunks;
}

/** A `/embeddings` response with the vectors listed in the given `index` order. */
export function embeddingsResponse(model: string, vectors: readonly (readonly number[])[], order: readonly number[] = vectors.map((_, i) => i)): unknown {
  return {
    object: 'list',
    model,
    data: order.map((index) => ({ object: 'embedding', index, embedding: vectors[index] })),
    usage: { prompt_tokens: vectors.length, total_tokens: vectors.length },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
