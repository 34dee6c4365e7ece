/**
 * The OpenAI-compatible configuration (Ollama, vLLM, LM Studio) wired by `createServices`
 * against a real local HTTP server speaking the OpenAI wire format: documents are embedded,
 * a follow-up is rewritten and answered with a citation, all through the configured server.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, chunkKey, collectAnswer, type Chunk } from '@student-helper/rag-core';
import { loadConfig } from '../config/load-config.js';
import { createServices } from './create-services.js';
import { createEmbedder } from './providers.js';
import type { Services } from './services.js';

const embeddingsModel = 'nomic-embed-text';
const chatModel = 'llama3.1:8b';
const passage = 'Osmosis is the movement of water across a semi-permeable membrane.';
const rewritten = 'What is the osmosis of water?';

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** Answers as Ollama's /v1 would: every text embeds to one direction (scaled), chat replies are scripted. */
function startServer(seen: Seen[]): Promise<Server> {
  const server = createServer(async (request, response) => {
    let raw = '';
    for await (const chunk of request) raw += String(chunk);
    const body = JSON.parse(raw) as Record<string, unknown>;
    seen.push({ path: request.url ?? '', headers: request.headers, body });
    if (request.url === '/v1/embeddings') {
      const input = body.input as string[];
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', model: embeddingsModel, data: input.map((_, index) => ({ object: 'embedding', index, embedding: [3, 4, 0, 0] })) }));
    } else if (request.url === '/v1/chat/completions' && body.stream !== true) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'chat.completion', model: chatModel, choices: [{ index: 0, message: { role: 'assistant', content: rewritten }, finish_reason: 'stop' }] }));
    } else if (request.url === '/v1/chat/completions') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (choices: unknown[], extra: object = {}) => `data: ${JSON.stringify({ object: 'chat.completion.chunk', model: chatModel, choices, ...extra })}\n\n`;
      for (const content of ['Osmosis moves water', ' across a membrane [1].']) response.write(chunk([{ index: 0, delta: { content }, finish_reason: null }]));
      response.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
      response.write(chunk([], { usage: { prompt_tokens: 300, completion_tokens: 12, total_tokens: 312 } }));
      response.end('data: [DONE]\n\n');
    } else {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `no route ${request.url}` } }));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('createServices on an OpenAI-compatible server', () => {
  const seen: Seen[] = [];
  let server: Server;
  let services: Services;

  beforeAll(async () => {
    server = await startServer(seen);
    const config = loadConfig({
      PGLITE_DIR: 'memory://',
      EMBEDDINGS_PROVIDER: 'openai',
      CHAT_PROVIDER: 'openai',
      OPENAI_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
      OPENAI_API_KEY: 'sk-local',
      OPENAI_EMBEDDINGS_MODEL: embeddingsModel,
      EMBEDDINGS_DIMENSIONS: '4',
      OPENAI_CHAT_MODEL: chatModel,
      CHAT_MAX_TOKENS: '300',
    });
    services = await createServices(config);
  });
  afterAll(async () => {
    await services?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('embeds a document, then rewrites, retrieves and answers a follow-up with a citation, all on the server', async () => {
    const session = await services.sessions.create({ tokenHash: 'o'.repeat(64), title: 'Biology' });
    const document = await services.documents.create({ sessionId: session.sessionId, filename: 'bio.pdf', sizeBytes: 3, blobKey: `${session.sessionId}/bio.pdf` });
    const chunk: Chunk = { documentId: document.documentId, index: 0, pageStart: 3, pageEnd: 3, charStart: 0, charEnd: passage.length, text: passage, tokenCount: 12 };
    await services.chunks.replaceDocumentChunks(session.sessionId, document.documentId, [chunk]);
    const [embedding] = await services.embedder.embedDocuments([passage]);
    expect(Array.from(embedding as Float32Array, (value) => Math.round(value * 1000) / 1000)).toEqual([0.6, 0.8, 0, 0]);
    await services.vectors.upsert([
      { key: chunkKey(document.documentId, 0), sessionId: session.sessionId, documentId: document.documentId, chunkIndex: 0, pageStart: 3, pageEnd: 3, text: passage, embedding: embedding as Float32Array },
    ]);

    const answer = await collectAnswer(
      answerQuestion(
        { retriever: services.retriever, chatModel: services.chatModel, rewriter: services.rewriter, documentName: () => 'bio.pdf' },
        { sessionId: session.sessionId, question: 'And what is osmosis?', history: [{ role: 'user', content: 'What is diffusion?' }, { role: 'assistant', content: 'Spreading out.' }] },
      ),
    );

    expect(answer).toMatchObject({
      query: rewritten,
      content: 'Osmosis moves water across a membrane [1].',
      outcome: 'answered',
      modelId: chatModel,
      stopReason: 'end_turn',
      usage: { inputTokens: 300, outputTokens: 12 },
    });
    expect(answer.citations).toMatchObject([{ marker: 1, documentId: document.documentId, documentName: 'bio.pdf', page: 3 }]);
    expect(seen.map(({ path, body }) => [path, body.model, body.stream ?? false])).toEqual([
      ['/v1/embeddings', embeddingsModel, false],
      ['/v1/chat/completions', chatModel, false],
      ['/v1/embeddings', embeddingsModel, false],
      ['/v1/chat/completions', chatModel, true],
    ]);
    expect(seen[2]?.body).toEqual({ model: embeddingsModel, input: [rewritten], encoding_format: 'float' });
    expect(seen[3]?.body).toMatchObject({ max_tokens: 300, stream_options: { include_usage: true } });
    expect(seen.map(({ headers }) => headers.authorization)).toEqual(Array(4).fill('Bearer sk-local'));
    const { rows } = await sql`select embedding_model_id, dimensions, vector_index from rag_core_settings`.execute(services.db);
    expect(rows).toEqual([{ embedding_model_id: embeddingsModel, dimensions: 4, vector_index: 'pgvector' }]);
  });

  it('asks the embedding model for the configured size when OPENAI_EMBEDDINGS_SEND_DIMENSIONS is on', async () => {
    const embedder = await createEmbedder(
      loadConfig({
        EMBEDDINGS_PROVIDER: 'openai',
        OPENAI_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
        OPENAI_EMBEDDINGS_MODEL: embeddingsModel,
        EMBEDDINGS_DIMENSIONS: '4',
        OPENAI_EMBEDDINGS_SEND_DIMENSIONS: 'true',
      }),
    );
    const before = seen.length;
    await embedder.embedQuery('osmosis');
    expect(seen.slice(before).map(({ path, headers, body }) => ({ path, authorization: headers.authorization, body }))).toEqual([
      { path: '/v1/embeddings', authorization: undefined, body: { model: embeddingsModel, input: ['osmosis'], encoding_format: 'float', dimensions: 4 } },
    ]);
  });
});
