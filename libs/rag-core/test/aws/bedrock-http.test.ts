import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClaudeChatModel } from '../../src/aws/claude-chat-model.js';
import { TitanEmbedder } from '../../src/aws/titan-embedder.js';
import type { AnswerEvent } from '../../src/ports/chat-model.js';
import { numberedSource } from '../answer/fixtures.js';
import { fakeEmbedding } from './bedrock-responses.js';
import { answeredStream, answeredTokens, brokenStreamPrefix } from './converse-stream-recordings.js';
import { encodeEvent, encodeException } from './event-stream.js';
import { awsJsonError, fakeCredentials, startHttpFake, type FakeResponse, type HttpFake, type RecordedRequest } from './http-fake.js';
import { collectEvents } from './collect-events.js';

// Bedrock Runtime over real HTTP: the real SDK client signs, sends, and parses event streams
// and error headers; a local server answers with recorded wire data.

type Script = (request: RecordedRequest, response: FakeResponse) => void | Promise<void>;
let script: Script = () => undefined;
let fake: HttpFake;
let client: BedrockRuntimeClient;
const modelId = 'apac.anthropic.claude-3-5-sonnet-20241022-v2:0';
const request = { question: 'What do the light reactions produce?', history: [], sources: [numberedSource(1, 'The light reactions produce ATP and NADPH.')] };

beforeAll(async () => {
  fake = await startHttpFake((req, res) => script(req, res), { http2: true });
  // maxAttempts 1: the SDK's own retries would add real waits; the adapters' behaviour is what is tested.
  client = new BedrockRuntimeClient({ region: 'ap-southeast-2', endpoint: fake.endpoint, credentials: fakeCredentials, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

function streamResponse(res: FakeResponse, messages: Uint8Array[]): void {
  res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
  for (const message of messages) res.write(message);
  res.end();
}


describe('ClaudeChatModel over HTTP', () => {
  it('posts to the inference profile converse-stream path and parses the event stream', async () => {
    script = (_req, res) => streamResponse(res, answeredStream.map(encodeEvent));
    const { events, error } = await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request));
    expect(error).toBeUndefined();
    expect(events).toEqual([
      ...answeredTokens.map((text) => ({ type: 'token', text })),
      { type: 'done', stopReason: 'end_turn', usage: { inputTokens: 812, outputTokens: 23 } },
    ]);
    const [sent] = fake.requests;
    expect(sent?.method).toBe('POST');
    expect(decodeURIComponent(sent?.path ?? '')).toBe(`/model/${modelId}/converse-stream`);
    expect(JSON.parse(sent?.body.toString() ?? '{}')).toMatchObject({ inferenceConfig: { maxTokens: 1024, temperature: 0 }, system: [{ text: expect.any(String) }] });
  });

  it('turns an exception message after two tokens into MODEL_ERROR', async () => {
    script = (_req, res) =>
      streamResponse(res, [...brokenStreamPrefix.map(encodeEvent), encodeException('modelStreamErrorException', { message: 'Model stream error', originalStatusCode: 500 })]);
    const { events, error } = await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request));
    expect(events).toEqual([
      { type: 'token', text: 'Salt raises' },
      { type: 'token', text: ' the boiling point' },
    ]);
    expect(error).toMatchObject({ code: 'MODEL_ERROR', message: 'The answer model failed while writing its reply.' });
    expect(((error as Error).cause as Error).name).toBe('ModelStreamErrorException');
  });

  it('turns a throttling exception message mid-stream into MODEL_THROTTLED', async () => {
    script = (_req, res) => streamResponse(res, [...brokenStreamPrefix.map(encodeEvent), encodeException('throttlingException', { message: 'Too many tokens' })]);
    const { events, error } = await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request));
    expect(events).toHaveLength(2);
    expect(error).toMatchObject({ code: 'MODEL_THROTTLED', retryable: true });
  });

  it('maps a 429 ThrottlingException response at the start to MODEL_THROTTLED', async () => {
    script = (_req, res) => awsJsonError(res, 429, 'ThrottlingException', 'Too many requests, please wait before trying again.');
    const { events, error } = await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request));
    expect(events).toEqual([]);
    expect(error).toMatchObject({ code: 'MODEL_THROTTLED' });
    expect(((error as Error).cause as Error).name).toBe('ThrottlingException');
  });

  it('maps a 400 ValidationException to MODEL_ERROR and a 403 to the access message', async () => {
    script = (_req, res) => awsJsonError(res, 400, 'ValidationException', 'The provided model identifier is invalid.');
    expect((await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request))).error).toMatchObject({
      code: 'MODEL_ERROR',
      message: 'The answer model rejected the request as invalid.',
    });
    script = (_req, res) => awsJsonError(res, 403, 'AccessDeniedException', 'You don’t have access to the model with the specified model ID.');
    expect((await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request))).error).toMatchObject({
      code: 'MODEL_ERROR',
      message: 'This deployment is not allowed to use the answer model: enable access to the model in Bedrock and allow it in the IAM policy.',
    });
  });

  it('aborts the HTTP request mid-stream: the stream ends at once with the reason and the server sees the connection close', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    script = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
      for (const event of brokenStreamPrefix.slice(0, 2)) res.write(encodeEvent(event));
      res.on('close', () => closed());
      // never ends: the model "keeps thinking"
    };
    const controller = new AbortController();
    const seen: AnswerEvent[] = [];
    const run = (async () => {
      for await (const event of new ClaudeChatModel({ client, modelId }).answer({ ...request, signal: controller.signal })) {
        seen.push(event);
        controller.abort(new DOMException('The user pressed stop.', 'AbortError'));
      }
    })();
    await expect(run).rejects.toThrow('The user pressed stop.');
    expect(seen).toEqual([{ type: 'token', text: 'Salt raises' }]);
    await connectionClosed;
  });

  it('generate() posts to the converse path and returns the text', async () => {
    script = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          output: { message: { role: 'assistant', content: [{ text: 'What are the drawbacks of free culture?' }] } },
          stopReason: 'end_turn',
          usage: { inputTokens: 50, outputTokens: 9, totalTokens: 59 },
          metrics: { latencyMs: 300 },
        }),
      );
    };
    const text = await new ClaudeChatModel({ client, modelId }).generate({ system: 'Rewrite.', messages: [{ role: 'user', content: 'and its drawbacks?' }], maxTokens: 120 });
    expect(text).toBe('What are the drawbacks of free culture?');
    expect(decodeURIComponent(fake.requests[0]?.path ?? '')).toBe(`/model/${modelId}/converse`);
  });
});

describe('TitanEmbedder over HTTP', () => {
  it('retries real 429 ThrottlingException responses, then parses the embedding', async () => {
    let calls = 0;
    script = (req, res) => {
      calls += 1;
      if (calls <= 2) return awsJsonError(res, 429, 'ThrottlingException', 'Too many requests, please wait before trying again.');
      const { inputText } = JSON.parse(req.body.toString()) as { inputText: string };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ embedding: fakeEmbedding(inputText, 256), inputTextTokenCount: 2 }));
    };
    const sleeps: number[] = [];
    const titan = new TitanEmbedder({ client, dimensions: 256, sleep: async (ms) => void sleeps.push(ms), random: () => 0.25 });
    const [vector] = await titan.embedDocuments(['hello world']);
    expect(vector?.length).toBe(256);
    expect(vector?.[0]).toBe(11);
    expect(sleeps).toEqual([50, 100]);
    expect(fake.requests).toHaveLength(3);
    expect(decodeURIComponent(fake.requests[0]?.path ?? '')).toBe('/model/amazon.titan-embed-text-v2:0/invoke');
    expect(JSON.parse(fake.requests[2]?.body.toString() ?? '{}')).toEqual({ inputText: 'hello world', dimensions: 256, normalize: true });
    expect(fake.requests[2]?.headers['content-type']).toBe('application/json');
  });

  it('reads the token count from a real ValidationException and embeds a shorter text', async () => {
    script = (req, res) => {
      const { inputText } = JSON.parse(req.body.toString()) as { inputText: string };
      if (inputText.length > 2_000) {
        return awsJsonError(res, 400, 'ValidationException', `400 Bad Request: Too many input tokens. Max input tokens: 8192, request input token count: ${inputText.length * 4}`);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ embedding: fakeEmbedding(inputText, 1024), inputTextTokenCount: 8000 }));
    };
    const warnings: string[] = [];
    const titan = new TitanEmbedder({ client, logger: { warn: (_context, message) => void warnings.push(message) } });
    const [vector] = await titan.embedDocuments(['w'.repeat(4_000)]);
    // 4,000 × 8192 / 16,000 × 0.95 = 1,945 characters
    expect(vector?.[0]).toBe(1_945);
    expect(warnings).toEqual(['Embedding input exceeds the model token limit; truncated']);
  });
});
