import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { numberedSource, scoredChunk } from '../../test/answer/fixtures.js';
import { collectEvents } from '../../test/aws/collect-events.js';
import { apiError, completionChunks, FakeOpenAiServer, hang, json, sse } from '../../test/openai/fake-openai-server.js';
import { answerQuestion, collectAnswer } from '../answer/answer-question.js';
import { buildAnswerPrompt } from '../answer/prompt.js';
import { answerSystemPrompt } from '../answer/prompt.defaults.js';
import { ModelError } from '../errors.js';
import type { AnswerRequest } from '../ports/chat-model.js';
import { LlmQueryRewriter } from '../rewrite/llm-query-rewriter.js';
import { OpenAiChatModel, type OpenAiChatModelOptions } from './openai-chat-model.js';

const model = 'llama3.1:8b';
const usage = { prompt_tokens: 812, completion_tokens: 23 };
const answered = completionChunks(model, ['The light reactions', ' produce ATP and NADPH', ' [1].'], { reason: 'stop', usage });

const request: AnswerRequest = {
  question: 'What do the light reactions produce?',
  history: [
    { role: 'user', content: 'What is photosynthesis?' },
    { role: 'assistant', content: 'It turns light into chemical energy [2].' },
  ],
  sources: [numberedSource(1, 'The light reactions produce ATP and NADPH.', { documentName: 'Biology.pdf', pageStart: 12, pageEnd: 12 })],
};

let server: FakeOpenAiServer;

beforeEach(async () => {
  server = await FakeOpenAiServer.start();
});

afterEach(async () => {
  await server.stop();
});

function chatModel(options: Partial<OpenAiChatModelOptions> = {}): OpenAiChatModel {
  return new OpenAiChatModel({ baseUrl: server.baseUrl, model, maxRetries: 0, ...options });
}

describe('OpenAiChatModel.answer', () => {
  it('streams the buildAnswerPrompt prompt with usage requested, at temperature 0, without Authorization by default', async () => {
    server.reply(sse(answered));
    await collectEvents(chatModel().answer(request));
    const prompt = buildAnswerPrompt(request);
    expect(server.requests.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      {
        method: 'POST',
        path: '/v1/chat/completions',
        body: {
          model,
          messages: [{ role: 'system', content: answerSystemPrompt }, ...prompt.messages],
          max_tokens: 1024,
          temperature: 0,
          stream: true,
          stream_options: { include_usage: true },
        },
      },
    ]);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('sends the API key as a bearer token and the request budget as max_tokens', async () => {
    server.reply(sse(answered));
    await collectEvents(chatModel({ apiKey: 'sk-local', temperature: 0.3 }).answer({ ...request, maxTokens: 64 }));
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-local');
    expect(server.requests[0]?.body).toMatchObject({ max_tokens: 64, temperature: 0.3 });
  });

  it('yields each content delta as a token, then done with the stop reason and usage', async () => {
    server.reply(sse(answered));
    const { events, error } = await collectEvents(chatModel().answer(request));
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'token', text: 'The light reactions' },
      { type: 'token', text: ' produce ATP and NADPH' },
      { type: 'token', text: ' [1].' },
      { type: 'done', stopReason: 'end_turn', usage: { inputTokens: 812, outputTokens: 23 } },
    ]);
  });

  it.each([
    ['length', 'max_tokens'],
    ['content_filter', 'content_filtered'],
    ['tool_calls', 'tool_use'],
    ['eos', 'eos'],
  ])('reports finish_reason %s as stopReason %s, and no usage when the server sends none', async (reason, stopReason) => {
    server.reply(sse(completionChunks(model, ['Cut'], { reason })));
    const { events } = await collectEvents(chatModel().answer(request));
    expect(events).toEqual([{ type: 'token', text: 'Cut' }, { type: 'done', stopReason }]);
  });

  it('feeds answerQuestion, which maps the streamed [1] to a citation and stores stop reason and usage', async () => {
    server.reply(sse(answered));
    const chunk = scoredChunk('bio', 4, 'The light reactions produce ATP and NADPH. They need sunlight.', { pageStart: 12, pageEnd: 12, score: 0.9 });
    const answer = await collectAnswer(
      answerQuestion(
        {
          retriever: { retrieve: async () => [chunk] },
          rewriter: { rewrite: async ({ question }) => question },
          chatModel: chatModel(),
          documentName: () => 'Biology.pdf',
        },
        { sessionId: 'session-1', question: 'What do the light reactions produce?', history: [] },
      ),
    );
    expect(answer).toMatchObject({
      content: 'The light reactions produce ATP and NADPH [1].',
      outcome: 'answered',
      modelId: model,
      stopReason: 'end_turn',
      usage: { inputTokens: 812, outputTokens: 23 },
      invalidMarkers: [],
    });
    expect(answer.citations).toMatchObject([{ marker: 1, documentId: 'bio', documentName: 'Biology.pdf', page: 12, quote: 'The light reactions produce ATP and NADPH.' }]);
  });

  it('fails a stream that ends without a finish_reason as a retryable MODEL_ERROR, after its tokens', async () => {
    server.reply(sse(completionChunks(model, ['Half an'], { reason: 'stop' }).slice(0, 2)));
    const { events, error } = await collectEvents(chatModel().answer(request));
    expect(events).toEqual([{ type: 'token', text: 'Half an' }]);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'MODEL_ERROR', retryable: true, message: "The answer model's reply ended before it was complete." });
  });

  it('keeps the tokens before an error event in the stream, then throws MODEL_ERROR', async () => {
    const chunks = completionChunks(model, ['Partial'], { reason: 'stop' }).slice(0, 2);
    server.reply(sse([...chunks, { error: { message: 'CUDA out of memory', type: 'server_error' } }]));
    const { events, error } = await collectEvents(chatModel().answer(request));
    expect(events).toEqual([{ type: 'token', text: 'Partial' }]);
    expect(error).toMatchObject({ name: 'ModelError', code: 'MODEL_ERROR', retryable: false, message: 'The answer model "llama3.1:8b" failed while writing its reply.' });
    expect(((error as ModelError).cause as Error).message).toContain('CUDA out of memory');
  });

  it('keeps the tokens before the server drops the connection, then throws a retryable MODEL_ERROR', async () => {
    server.reply(sse(completionChunks(model, ['Partial'], { reason: 'stop' }).slice(0, 2), { then: 'destroy' }));
    const { events, error } = await collectEvents(chatModel().answer(request));
    expect(events).toEqual([{ type: 'token', text: 'Partial' }]);
    expect(error).toMatchObject({
      name: 'ModelError',
      code: 'MODEL_ERROR',
      retryable: true,
      message: `The connection to the answer model server at ${server.baseUrl} broke off. Try again in a moment.`,
    });
  });

  it('stops at once with the abort reason mid-stream, and the server sees the connection close', async () => {
    server.reply(sse(completionChunks(model, ['Salt raises', ' the boiling point'], { reason: 'stop' }).slice(0, 3), { then: 'hang' }));
    const controller = new AbortController();
    const tokens: string[] = [];
    const reason = new Error('student pressed stop');
    const { error } = await collectEvents(
      (async function* () {
        for await (const event of chatModel().answer({ ...request, signal: controller.signal })) {
          if (event.type === 'token') tokens.push(event.text);
          if (tokens.length === 2) controller.abort(reason);
          yield event;
        }
      })(),
    );
    expect(tokens).toEqual(['Salt raises', ' the boiling point']);
    expect(error).toBe(reason);
    await server.closed[0];
  });

  it('gives up on a server that stalls mid-answer, closing the connection', async () => {
    server.reply(sse(completionChunks(model, ['Salt raises', ' the boiling point'], { reason: 'stop' }).slice(0, 3), { then: 'hang' }));
    const started = Date.now();
    const { events, error } = await collectEvents(chatModel({ streamIdleTimeoutMs: 200 }).answer(request));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(events).toEqual([
      { type: 'token', text: 'Salt raises' },
      { type: 'token', text: ' the boiling point' },
    ]);
    expect(error).toMatchObject({
      name: 'ModelError',
      code: 'MODEL_ERROR',
      retryable: true,
      message: `The answer model server at ${server.baseUrl} stopped in the middle of its reply. Try again in a moment.`,
    });
    expect(((error as ModelError).cause as Error).message).toBe('No part of the streamed reply arrived for 200 ms.');
    await server.closed[0];
  });

  it('does not count the consumer’s time between pieces as a stall', async () => {
    server.reply(sse(answered));
    const events = [];
    for await (const event of chatModel({ streamIdleTimeoutMs: 100 }).answer(request)) {
      events.push(event);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(events.at(-1)).toEqual({ type: 'done', stopReason: 'end_turn', usage: { inputTokens: 812, outputTokens: 23 } });
  });

  it('ends answerQuestion with outcome stopped when aborted mid-answer', async () => {
    server.reply(sse(completionChunks(model, ['Salt raises', ' the boiling point'], { reason: 'stop' }).slice(0, 3), { then: 'hang' }));
    const controller = new AbortController();
    const chunk = scoredChunk('chem', 0, 'Salt raises the boiling point of water.', { score: 0.8 });
    const tokens: string[] = [];
    let answer;
    for await (const event of answerQuestion(
      {
        retriever: { retrieve: async () => [chunk] },
        rewriter: { rewrite: async ({ question }) => question },
        chatModel: chatModel(),
        documentName: () => 'Chemistry.pdf',
      },
      { sessionId: 'session-1', question: 'What does salt do?', history: [], signal: controller.signal },
    )) {
      if (event.event === 'token') {
        tokens.push(event.data.text);
        if (tokens.length === 2) setTimeout(() => controller.abort(), 1);
      }
      if (event.event === 'done') answer = event.answer;
    }
    expect(tokens).toEqual(['Salt raises', ' the boiling point']);
    expect(answer).toMatchObject({ outcome: 'stopped', content: 'Salt raises the boiling point' });
    await server.closed[0];
  });

  it('sends nothing for an already aborted request', async () => {
    const { error } = await collectEvents(chatModel().answer({ ...request, signal: AbortSignal.abort(new Error('gone')) }));
    expect(error).toEqual(new Error('gone'));
    expect(server.requests).toEqual([]);
  });
});

describe('OpenAiChatModel errors at the start', () => {
  it.each([
    [401, 'invalid api key', { code: 'MODEL_ERROR', retryable: false }, (url: string) => `The answer model server at ${url} rejected the API key. Check the API key.`],
    [403, 'forbidden', { code: 'MODEL_ERROR', retryable: false }, (url: string) => `The answer model server at ${url} does not allow this API key to use "llama3.1:8b". Check the key's permissions.`],
    [
      404,
      'model "llama3.1:8b" not found, try pulling it first',
      { code: 'MODEL_ERROR', retryable: false },
      (url: string) =>
        `The answer model "llama3.1:8b" was not found at ${url}. Check the model name, that the model is pulled (Ollama: ollama pull llama3.1:8b) or served, and that the base URL ends in /v1.`,
    ],
    [400, 'max_tokens too large', { code: 'MODEL_ERROR', retryable: false }, () => 'The answer model "llama3.1:8b" rejected the request as invalid.'],
    [422, 'unprocessable', { code: 'MODEL_ERROR', retryable: false }, () => 'The answer model "llama3.1:8b" rejected the request as invalid.'],
    [429, 'slow down', { code: 'MODEL_THROTTLED', retryable: true }, () => 'The answer model is receiving too many requests right now. Try again in a moment.'],
    [502, 'bad gateway', { code: 'MODEL_ERROR', retryable: true }, (url: string) => `The answer model server at ${url} is temporarily unavailable. Try again in a moment.`],
    [418, 'teapot', { code: 'MODEL_ERROR', retryable: false }, () => 'The answer model request failed.'],
  ])('maps HTTP %i to a ModelError that says what to check', async (status, serverMessage, shape, message) => {
    server.reply(apiError(status, serverMessage));
    const { events, error } = await collectEvents(chatModel().answer(request));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ ...shape, message: message(server.baseUrl) });
    expect(((error as ModelError).cause as Error).message).toBe(`${status} ${serverMessage}`);
  });

  it('says to check the base URL when nothing listens there', async () => {
    const closedPort = await unusedPort();
    const baseUrl = `http://127.0.0.1:${closedPort}/v1`;
    const { error } = await collectEvents(new OpenAiChatModel({ baseUrl, model, maxRetries: 0 }).answer(request));
    expect(error).toMatchObject({
      name: 'ModelError',
      code: 'MODEL_ERROR',
      retryable: true,
      message: `Could not reach the answer model server at ${baseUrl}. Check the base URL and that the server (Ollama, vLLM, LM Studio) is running.`,
    });
  });

  it('gives up on a server that does not answer within the timeout', async () => {
    server.reply(hang);
    const started = Date.now();
    const { error } = await collectEvents(chatModel({ timeoutMs: 200 }).answer(request));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({
      name: 'ModelError',
      code: 'MODEL_ERROR',
      retryable: true,
      message: `The answer model server at ${server.baseUrl} did not answer in time. Check that it is running and not overloaded, or raise the timeout.`,
    });
    await server.closed[0];
  });

  it('retries a 429 with the SDK before streaming', async () => {
    server.reply(apiError(429, 'slow down', { 'retry-after-ms': '1' }), sse(answered));
    const { events } = await collectEvents(chatModel({ maxRetries: 2 }).answer(request));
    expect(events.at(-1)).toEqual({ type: 'done', stopReason: 'end_turn', usage: { inputTokens: 812, outputTokens: 23 } });
    expect(server.requests).toHaveLength(2);
  });
});

describe('OpenAiChatModel.generate', () => {
  const completion = (content: unknown) => ({
    id: 'chatcmpl-2',
    object: 'chat.completion',
    created: 1_765_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 50, completion_tokens: 9, total_tokens: 59 },
  });

  it('sends one non-streamed completion and returns its text', async () => {
    server.reply(json(200, completion('What are the drawbacks of photosynthesis?')));
    const text = await chatModel().generate({ system: 'Rewrite.', messages: [{ role: 'user', content: 'and its drawbacks?' }], maxTokens: 100 });
    expect(text).toBe('What are the drawbacks of photosynthesis?');
    expect(server.requests[0]?.body).toEqual({
      model,
      messages: [
        { role: 'system', content: 'Rewrite.' },
        { role: 'user', content: 'and its drawbacks?' },
      ],
      max_tokens: 100,
      temperature: 0,
    });
  });

  it('is the LLM query rewriter of a follow-up question', async () => {
    server.reply(json(200, completion('What are the drawbacks of photosynthesis?')));
    const rewriter = new LlmQueryRewriter(chatModel());
    const question = await rewriter.rewrite({ question: 'And its drawbacks?', history: [{ role: 'user', content: 'What is photosynthesis?' }, { role: 'assistant', content: 'It is …' }] });
    expect(question).toBe('What are the drawbacks of photosynthesis?');
    expect(server.requests).toHaveLength(1);
  });

  it('maps a failure to a ModelError', async () => {
    server.reply(apiError(404, 'model not found'));
    await expect(chatModel().generate({ system: 's', messages: [{ role: 'user', content: 'q' }], maxTokens: 10 })).rejects.toMatchObject({
      name: 'ModelError',
      code: 'MODEL_ERROR',
      message: expect.stringContaining('"llama3.1:8b" was not found'),
    });
  });

  it('rejects a reply without text as unexpected', async () => {
    server.reply(json(200, completion(null)));
    const error = await chatModel()
      .generate({ system: 's', messages: [{ role: 'user', content: 'q' }], maxTokens: 10 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ModelError', code: 'MODEL_ERROR', message: 'The answer model "llama3.1:8b" returned an unexpected response.' });
    expect((error as ModelError).cause).toEqual(new Error('Expected choices[0].message.content to be a string, got null.'));
  });

  it('rejects with the abort reason and closes the connection', async () => {
    server.reply(hang);
    const controller = new AbortController();
    const pending = chatModel().generate({ system: 's', messages: [{ role: 'user', content: 'q' }], maxTokens: 10, signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await server.closed[0];
  });
});

describe('OpenAiChatModel options', () => {
  it('identifies itself by the model name', () => {
    expect(chatModel().modelId).toBe(model);
  });

  it('rejects a missing model and base URL and bad budgets', () => {
    expect(() => chatModel({ model: '' })).toThrow(new TypeError('model must be a non-empty string.'));
    expect(() => new OpenAiChatModel({ model })).toThrow(new TypeError('baseUrl must be a non-empty string.'));
    expect(() => chatModel({ maxTokens: 0 })).toThrow(new RangeError('maxTokens must be a positive integer, got 0.'));
    expect(() => chatModel({ temperature: 2.5 })).toThrow(new RangeError('temperature must be between 0 and 2, got 2.5.'));
    expect(() => chatModel({ timeoutMs: 0 })).toThrow(new RangeError('timeoutMs must be a positive integer, got 0.'));
    expect(() => chatModel({ streamIdleTimeoutMs: 1.5 })).toThrow(new RangeError('streamIdleTimeoutMs must be a positive integer, got 1.5.'));
    expect(() => chatModel({ maxRetries: -1 })).toThrow(new RangeError('maxRetries must be an integer >= 0, got -1.'));
  });
});

/** A port that was free a moment ago: nothing listens on it. */
async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
