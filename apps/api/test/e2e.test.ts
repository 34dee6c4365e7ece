/**
 * End to end over real HTTP: the server as `npm start` runs it (file-backed PGlite under
 * DATA_DIR, the in-process worker, offline models), listening on a free port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Value } from 'typebox/value';
import { loadConfig } from '@student-helper/runtime';
import { ChatMessage, type ChatStreamEvent, type DocumentInfo, type MessageList } from '@student-helper/shared-types';
import { startServer, type RunningServer } from '../src/server.js';
import { corpusBytes, parseSse, workspaceRoot } from './harness.js';
import { SlowChatModel } from './slow-chat-model.js';

interface Client {
  url: string;
  headers: { authorization: string };
  sessionId: string;
}

async function newSession(url: string): Promise<Client> {
  const response = await fetch(`${url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"e2e"}' });
  expect(response.status).toBe(201);
  const { sessionId, token } = (await response.json()) as { sessionId: string; token: string };
  return { url, sessionId, headers: { authorization: `Bearer ${token}` } };
}

async function uploadFile(client: Client, bytes: Buffer, filename: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), filename);
  const response = await fetch(`${client.url}/api/sessions/${client.sessionId}/documents`, { method: 'POST', headers: client.headers, body: form });
  expect(response.status).toBe(202);
  return ((await response.json()) as { documentId: string }).documentId;
}

async function waitReady(client: Client, documentId: string): Promise<DocumentInfo> {
  let document: DocumentInfo | undefined;
  await vi.waitFor(
    async () => {
      const response = await fetch(`${client.url}/api/sessions/${client.sessionId}/documents/${documentId}`, { headers: client.headers });
      document = (await response.json()) as DocumentInfo;
      expect(document.status).toBe('ready');
    },
    { timeout: 120_000, interval: 200 },
  );
  return document as DocumentInfo;
}

/** Asks over a real connection and reads the SSE stream to its end. */
async function askStreaming(client: Client, question: string): Promise<{ events: ChatStreamEvent[] }> {
  const response = await fetch(`${client.url}/api/sessions/${client.sessionId}/chat`, {
    method: 'POST',
    headers: { ...client.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
  }
  return { events: parseSse(text) };
}

const pages = (events: ChatStreamEvent[]) => events.flatMap((event) => (event.event === 'citations' ? event.data.map((citation) => citation.page) : []));
const tokenText = (events: ChatStreamEvent[]) => events.flatMap((event) => (event.event === 'token' ? [event.data.text] : [])).join('');

describe('end to end over HTTP', () => {
  let dataDir: string;
  let server: RunningServer;
  let client: Client;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'api-e2e-'));
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, workspaceRoot);
    server = await startServer(config, { logger: false, workerTuning: { pollIntervalMs: 50 } });
    client = await newSession(server.url);
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('listens on the port it was given and prints a browsable URL', () => {
    expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(server.worker).toBeDefined();
  });

  it('uploads tracemonkey.pdf, processes it to ready, answers with streamed tokens citing the page, then a follow-up from history', async () => {
    const documentId = await uploadFile(client, corpusBytes('real', 'tracemonkey.pdf'), 'tracemonkey.pdf');
    const document = await waitReady(client, documentId);
    expect(document).toMatchObject({ filename: 'tracemonkey.pdf', pageCount: 14, status: 'ready', progress: 100 });

    // Page 8: "The garbage collector is an exact, non-generational, stop-the-world mark-and-sweep collector."
    const first = await askStreaming(client, 'What kind of garbage collector does SpiderMonkey use?');
    const firstTokens = first.events.filter((event) => event.event === 'token');
    expect(firstTokens.length).toBeGreaterThan(5);
    expect(tokenText(first.events)).toContain('mark-and-sweep');
    expect(pages(first.events)).toContain(8);
    expect(first.events.at(-1)).toMatchObject({ event: 'done', data: { outcome: 'answered' } });

    // Only makes sense with the previous question: "it" is the garbage collector.
    const followUp = await askStreaming(client, 'Is it generational?');
    const retrieval = followUp.events[0];
    expect(retrieval?.event).toBe('retrieval');
    const query = retrieval?.event === 'retrieval' ? retrieval.data.query : '';
    expect(query.startsWith('Is it generational?')).toBe(true);
    expect(query).toContain('garbage collector');
    expect(pages(followUp.events)).toContain(8);
    expect(tokenText(followUp.events)).toContain('non-generational');

    const history = await fetch(`${client.url}/api/sessions/${client.sessionId}/messages`, { headers: client.headers });
    const { messages } = (await history.json()) as MessageList;
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(messages.every((message) => Value.Check(ChatMessage, message))).toBe(true);
    expect(messages[3]?.citations.some((citation) => citation.page === 8 && citation.documentId === documentId)).toBe(true);
  });

  it('serves the PDF with Range over HTTP', async () => {
    const session = (await (await fetch(`${client.url}/api/sessions/${client.sessionId}`, { headers: client.headers })).json()) as { documents: DocumentInfo[] };
    const documentId = session.documents[0]?.documentId;
    const response = await fetch(`${client.url}/api/sessions/${client.sessionId}/documents/${documentId}/file`, { headers: { ...client.headers, range: 'bytes=0-7' } });
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toBe('%PDF-1.4');
  });
});

describe('a client that disconnects mid-answer', () => {
  let dataDir: string;
  let server: RunningServer;
  const model = new SlowChatModel(400, 25);

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'api-e2e-stop-'));
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', PGLITE_DIR: 'memory://' }, workspaceRoot);
    server = await startServer(config, { logger: false, workerTuning: { pollIntervalMs: 50 }, overrides: { chatModel: model } });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops generation and stores the partial answer with outcome "stopped"', async () => {
    const client = await newSession(server.url);
    await waitReady(client, await uploadFile(client, corpusBytes('real', 'alphatrans.pdf'), 'colors.pdf'));
    const controller = new AbortController();
    const response = await fetch(`${client.url}/api/sessions/${client.sessionId}/chat`, {
      method: 'POST',
      headers: { ...client.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'What are the stroke and fill values of Red?' }),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while ((text.match(/event: token/g) ?? []).length < 3) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    controller.abort();

    let stored: ChatMessage | undefined;
    await vi.waitFor(
      async () => {
        const { messages } = (await (await fetch(`${client.url}/api/sessions/${client.sessionId}/messages`, { headers: client.headers })).json()) as MessageList;
        stored = messages.find((message) => message.role === 'assistant');
        expect(stored?.outcome).toBe('stopped');
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(model.aborted).toBe(true);
    expect(model.emitted).toBeLessThan(400);
    expect(stored?.content.startsWith('word')).toBe(true);
    // Nothing runs on after the stop: the count stays where it was.
    const emitted = model.emitted;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(model.emitted).toBe(emitted);
    expect(server.app.streams.size).toBe(0);
  });
});
