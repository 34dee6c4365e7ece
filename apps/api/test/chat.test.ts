import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { ModelError, NOT_FOUND_ANSWER, type AnswerEvent, type ChatModel } from '@student-helper/rag-core';
import {
  ChatMessage,
  CitationsEventData,
  DoneEventData,
  ErrorEventData,
  RetrievalEventData,
  TokenEventData,
  type ChatStreamEvent,
  type MessageList,
} from '@student-helper/shared-types';
import type { TSchema } from 'typebox';
import { buildApp, type App } from '../src/app.js';
import { corpusBytes, createSession, documentNotFoundBody, openTestApp, parseSse, sessionNotFoundBody, settledDocument, upload, type TestApp, type TestSession } from './harness.js';

const payloadSchemas: Record<ChatStreamEvent['event'], TSchema> = {
  retrieval: RetrievalEventData,
  token: TokenEventData,
  citations: CitationsEventData,
  done: DoneEventData,
  error: ErrorEventData,
};

function expectValidEvents(events: ChatStreamEvent[]): void {
  for (const event of events) expect(Value.Check(payloadSchemas[event.event], event.data), `${event.event}: ${JSON.stringify(event.data)}`).toBe(true);
}

const ofType = <E extends ChatStreamEvent['event']>(events: ChatStreamEvent[], name: E) =>
  events.filter((event): event is Extract<ChatStreamEvent, { event: E }> => event.event === name);

describe('chat over SSE (PGlite)', () => {
  let t: TestApp;
  let session: TestSession;
  let documentId: string;

  const ask = (app: App, question: string, extra: Record<string, unknown> = {}, who: TestSession = session) =>
    app.inject({ method: 'POST', url: `/api/sessions/${who.sessionId}/chat`, headers: who.headers, payload: { question, ...extra } });

  beforeAll(async () => {
    t = await openTestApp({ worker: true });
    session = await createSession(t.app, 'TraceMonkey');
    documentId = (await upload(t.app, session, corpusBytes('real', 'tracemonkey.pdf'), 'tracemonkey.pdf')).documentId;
    expect((await settledDocument(t.app, session, documentId)).status).toBe('ready');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('streams retrieval, tokens, citations and done, in that order, each payload valid; stores both messages', async () => {
    const response = await ask(t.app, 'What kind of garbage collector does SpiderMonkey use?');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache, no-transform');
    const events = parseSse(response.body);
    expectValidEvents(events);
    const names = events.map((event) => event.event);
    const tokens = names.filter((name) => name === 'token').length;
    expect(tokens).toBeGreaterThan(1);
    expect(names).toEqual(['retrieval', ...Array<string>(tokens).fill('token'), 'citations', 'done']);

    const [retrieval] = ofType(events, 'retrieval');
    expect(retrieval?.data.query).toBe('What kind of garbage collector does SpiderMonkey use?');
    expect(retrieval?.data.sources.every((source) => source.documentId === documentId && source.documentName === 'tracemonkey.pdf')).toBe(true);
    const citations = ofType(events, 'citations')[0]?.data ?? [];
    expect(citations.map((citation) => citation.page)).toContain(8);
    const text = ofType(events, 'token').map((event) => event.data.text).join('');
    expect(text).toContain('mark-and-sweep');
    const done = ofType(events, 'done')[0]?.data;
    expect(done?.outcome).toBe('answered');

    const history = await t.app.inject({ method: 'GET', url: `/api/sessions/${session.sessionId}/messages`, headers: session.headers });
    expect(history.statusCode).toBe(200);
    const { messages } = history.json<MessageList>();
    expect(messages.every((message) => Value.Check(ChatMessage, message))).toBe(true);
    expect(messages.slice(-2)).toEqual([
      { messageId: expect.any(String), role: 'user', content: 'What kind of garbage collector does SpiderMonkey use?', citations: [], outcome: null, createdAt: expect.any(String) },
      { messageId: done?.messageId, role: 'assistant', content: text, citations, outcome: 'answered', createdAt: expect.any(String) },
    ]);
  });

  it('says "not in your documents" for a question the documents cannot answer', async () => {
    const events = parseSse((await ask(t.app, 'What is the capital city of Mongolia?')).body);
    expectValidEvents(events);
    expect(ofType(events, 'retrieval')[0]?.data.sources).toEqual([]);
    expect(ofType(events, 'token').map((event) => event.data.text).join('')).toBe(NOT_FOUND_ANSWER);
    expect(ofType(events, 'citations')[0]?.data).toEqual([]);
    expect(ofType(events, 'done')[0]?.data.outcome).toBe('not_found');
  });

  it('limits retrieval to the given documents of the session, and refuses other documents with 404', async () => {
    const limited = parseSse((await ask(t.app, 'What is a trace tree?', { documentIds: [documentId] })).body);
    expect(ofType(limited, 'retrieval')[0]?.data.sources.length).toBeGreaterThan(0);
    const foreign = await ask(t.app, 'What is a trace tree?', { documentIds: ['00000000-0000-4000-8000-00000000abcd'] });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(JSON.stringify(documentNotFoundBody));
  });

  it('refuses a bad question, a wrong token and a missing one before streaming', async () => {
    const empty = await ask(t.app, '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message: 'Body/question must NOT have fewer than 1 characters.' } });
    const stranger = await createSession(t.app);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/sessions/${session.sessionId}/chat`, headers: stranger.headers, payload: { question: 'hi' } });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(JSON.stringify(sessionNotFoundBody));
    const missing = await t.app.inject({ method: 'POST', url: `/api/sessions/${session.sessionId}/chat`, payload: { question: 'hi' } });
    expect(missing.statusCode).toBe(401);
  });

  it('ends with an error event when the model fails mid-answer, storing only the question', async () => {
    const failing: ChatModel = {
      modelId: 'failing',
      async *answer(): AsyncIterable<AnswerEvent> {
        yield { type: 'token', text: 'Partial ' };
        throw new ModelError('MODEL_THROTTLED', 'The model is busy. Try again in a moment.');
      },
    };
    const app = await buildApp({ ...t.services, chatModel: failing }, t.config, { logger: false });
    try {
      const events = parseSse((await ask(app, 'How are nested trace trees called?')).body);
      expectValidEvents(events);
      expect(events.map((event) => event.event)).toEqual(['retrieval', 'token', 'error']);
      expect(events.at(-1)?.data).toEqual({ code: 'MODEL_THROTTLED', message: 'The model is busy. Try again in a moment.' });
      const { messages } = (await app.inject({ method: 'GET', url: `/api/sessions/${session.sessionId}/messages`, headers: session.headers })).json<MessageList>();
      expect(messages.at(-1)).toMatchObject({ role: 'user', content: 'How are nested trace trees called?' });
    } finally {
      await app.close();
    }
  });

  it('hides internals of an unexpected failure behind INTERNAL_ERROR', async () => {
    const broken: ChatModel = {
      modelId: 'broken',
      // eslint-disable-next-line require-yield
      async *answer(): AsyncIterable<AnswerEvent> {
        throw new Error('socket hang up at 10.0.3.7:5432 (password=hunter2)');
      },
    };
    const app = await buildApp({ ...t.services, chatModel: broken }, t.config, { logger: false });
    try {
      const events = parseSse((await ask(app, 'What kind of garbage collector does SpiderMonkey use?')).body);
      expect(events.at(-1)).toEqual({ event: 'error', data: { code: 'INTERNAL_ERROR', message: 'Something went wrong while answering. Please ask again.' } });
      expect(JSON.stringify(events)).not.toContain('hunter2');
    } finally {
      await app.close();
    }
  });

  it('rate-limits questions per client with 429 RATE_LIMITED', async () => {
    const app = await buildApp(t.services, { ...t.config, rateLimit: { ...t.config.rateLimit, chatMax: 1 } }, { logger: false });
    try {
      expect((await ask(app, 'What is a trace tree?')).statusCode).toBe(200);
      const limited = await ask(app, 'What is a trace tree?');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect(limited.json().error.message).toMatch(/^Too many requests\. Try again in \d+ s\.$/);
      expect(limited.headers['retry-after']).toBeDefined();
    } finally {
      await app.close();
    }
  });
});
