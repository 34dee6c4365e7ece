import {
  AccessDeniedException,
  BedrockRuntimeClient,
  InvokeModelCommand,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { Uint8ArrayBlobAdapter } from '@smithy/core/serde';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeEmbedding, inputTextOf, titanBody } from '../../test/aws/bedrock-responses.js';
import { ModelError } from '../errors.js';
import type { WarnLogger } from './logger.js';
import { TitanEmbedder, type TitanEmbedderOptions } from './titan-embedder.js';

const client = new BedrockRuntimeClient({ region: 'ap-southeast-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const bedrock = mockClient(client);

interface Recorder extends WarnLogger {
  warnings: [Record<string, unknown>, string][];
}
function recorder(): Recorder {
  const warnings: [Record<string, unknown>, string][] = [];
  return { warnings, warn: (context, message) => void warnings.push([context, message]) };
}

function embedder(options: Partial<TitanEmbedderOptions> = {}) {
  const sleeps: number[] = [];
  const logger = recorder();
  const titan = new TitanEmbedder({ client, logger, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...options });
  return { titan, sleeps, logger };
}

/** Answers each InvokeModel with the fake embedding of its input. */
function answerAll(dimensions = 1024): void {
  bedrock.on(InvokeModelCommand).callsFake(async (input: { body: string }) => ({ body: titanBody(fakeEmbedding(inputTextOf(input.body), dimensions)) }));
}

const throttled = () => new ThrottlingException({ message: 'Too many requests, please wait before trying again.', $metadata: { httpStatusCode: 429 } });

beforeEach(() => {
  bedrock.reset();
});

describe('TitanEmbedder requests', () => {
  it('sends one InvokeModel per text with the exact Titan v2 body, in input order', async () => {
    answerAll();
    const { titan } = embedder();
    const vectors = await titan.embedDocuments(['alpha', 'be', 'gamma ray']);
    const calls = bedrock.commandCalls(InvokeModelCommand);
    expect(calls.map((call) => call.args[0].input)).toEqual(
      ['alpha', 'be', 'gamma ray'].map((inputText) => ({
        modelId: 'amazon.titan-embed-text-v2:0',
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify({ inputText, dimensions: 1024, normalize: true }),
      })),
    );
    expect(vectors.map((vector) => [vector.length, vector[0]])).toEqual([
      [1024, 5],
      [1024, 2],
      [1024, 9],
    ]);
    expect(vectors[0]).toBeInstanceOf(Float32Array);
    expect(titan.modelId).toBe('amazon.titan-embed-text-v2:0');
    expect(titan.dimensions).toBe(1024);
  });

  it('asks for 256 or 512 dimensions and names them in modelId so they never mix with 1024', async () => {
    answerAll(256);
    const { titan } = embedder({ dimensions: 256 });
    const [vector] = await titan.embedDocuments(['x']);
    expect(JSON.parse(String(bedrock.commandCalls(InvokeModelCommand)[0]?.args[0].input.body))).toEqual({ inputText: 'x', dimensions: 256, normalize: true });
    expect(vector?.length).toBe(256);
    expect(titan.modelId).toBe('amazon.titan-embed-text-v2:0?dimensions=256');
    expect(new TitanEmbedder({ client, dimensions: 512 }).modelId).toBe('amazon.titan-embed-text-v2:0?dimensions=512');
  });

  it('rejects other dimensions, a bad concurrency and a missing region', () => {
    expect(() => new TitanEmbedder({ client, dimensions: 1536 })).toThrow('Titan Text Embeddings v2 supports 256, 512, 1024 dimensions, got 1536.');
    expect(() => new TitanEmbedder({ client, concurrency: 0 })).toThrow('concurrency must be an integer >= 1, got 0.');
    expect(() => new TitanEmbedder({})).toThrow('region must be a non-empty string.');
    expect(new TitanEmbedder({ region: 'ap-southeast-2' }).dimensions).toBe(1024);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    bedrock.on(InvokeModelCommand).callsFake(async (input: { body: string }) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      return { body: titanBody(fakeEmbedding(inputTextOf(input.body), 1024)) };
    });
    const { titan } = embedder({ concurrency: 3 });
    const texts = Array.from({ length: 10 }, (_, i) => 'x'.repeat(i + 1));
    const vectors = await titan.embedDocuments(texts);
    expect(peak).toBe(3);
    expect(vectors.map((vector) => vector[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('embeds a query like a passage', async () => {
    answerAll();
    const { titan } = embedder();
    const query = await titan.embedQuery('what is free culture?');
    expect(query[0]).toBe(21);
    expect(bedrock.commandCalls(InvokeModelCommand)).toHaveLength(1);
  });
});

describe('TitanEmbedder input limits', () => {
  it('embeds empty and blank texts as the unit vector on dimension 0 without calling Bedrock', async () => {
    const { titan } = embedder({ dimensions: 256 });
    const [empty, blank] = await titan.embedDocuments(['', ' \n\t ']);
    const expected = new Float32Array(256);
    expected[0] = 1;
    expect(empty).toEqual(expected);
    expect(blank).toEqual(expected);
    expect(bedrock.commandCalls(InvokeModelCommand)).toHaveLength(0);
  });

  it('cuts a text over 50,000 characters to 50,000 and warns', async () => {
    answerAll();
    const { titan, logger } = embedder();
    await titan.embedDocuments(['a'.repeat(60_000)]);
    expect(inputTextOf(bedrock.commandCalls(InvokeModelCommand)[0]?.args[0].input.body)).toBe('a'.repeat(50_000));
    expect(logger.warnings).toEqual([
      [{ modelId: 'amazon.titan-embed-text-v2:0', originalChars: 60_000, keptChars: 50_000 }, 'Embedding input exceeds the model character limit; truncated'],
    ]);
  });

  it('never splits a surrogate pair when cutting', async () => {
    answerAll();
    const { titan } = embedder({ maxInputChars: 5 });
    await titan.embedDocuments(['abcd😀ef']);
    expect(inputTextOf(bedrock.commandCalls(InvokeModelCommand)[0]?.args[0].input.body)).toBe('abcd');
  });

  it('cuts in proportion when Titan reports too many tokens, then embeds', async () => {
    const tooLong = new ValidationException({
      message: 'Too many input tokens. Max input tokens: 8192, request input token count: 16384',
      $metadata: { httpStatusCode: 400 },
    });
    bedrock.on(InvokeModelCommand).rejectsOnce(tooLong).resolves({ body: titanBody(fakeEmbedding('x', 1024)) });
    const { titan, logger } = embedder();
    const text = 'z'.repeat(40_000);
    await titan.embedDocuments([text]);
    const inputs = bedrock.commandCalls(InvokeModelCommand).map((call) => inputTextOf(call.args[0].input.body).length);
    expect(inputs).toEqual([40_000, 19_000]);
    expect(logger.warnings).toEqual([
      [
        { modelId: 'amazon.titan-embed-text-v2:0', inputTokens: 16_384, maxTokens: 8_192, originalChars: 40_000, keptChars: 19_000 },
        'Embedding input exceeds the model token limit; truncated',
      ],
    ]);
  });

  it('gives up after three token cuts with MODEL_ERROR', async () => {
    const tooLong = new ValidationException({ message: 'Too many input tokens. Max input tokens: 8192, request input token count: 9000', $metadata: {} });
    bedrock.on(InvokeModelCommand).rejects(tooLong);
    const { titan } = embedder();
    await expect(titan.embedDocuments(['y'.repeat(1_000)])).rejects.toMatchObject({ code: 'MODEL_ERROR', message: 'The embedding model rejected the request as invalid.' });
    expect(bedrock.commandCalls(InvokeModelCommand)).toHaveLength(4);
  });
});

describe('TitanEmbedder retries', () => {
  it('retries throttling with full-jitter exponential waits and succeeds', async () => {
    bedrock
      .on(InvokeModelCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(new ServiceUnavailableException({ message: 'down', $metadata: { httpStatusCode: 503 } }))
      .resolves({ body: titanBody(fakeEmbedding('hello', 1024)) });
    const { titan, sleeps } = embedder();
    const [vector] = await titan.embedDocuments(['hello']);
    expect(vector?.[0]).toBe(5);
    expect(bedrock.commandCalls(InvokeModelCommand)).toHaveLength(3);
    // base 200 ms doubling, random 0.5 of the cap
    expect(sleeps).toEqual([100, 200]);
  });

  it('retries a model still loading, a 500 and a dropped connection', async () => {
    bedrock
      .on(InvokeModelCommand)
      .rejectsOnce(Object.assign(new Error('Model is not ready'), { name: 'ModelNotReadyException', $metadata: { httpStatusCode: 429 } }))
      .rejectsOnce(Object.assign(new Error('Internal'), { name: 'InternalServerException', $metadata: { httpStatusCode: 500 } }))
      .rejectsOnce(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))
      .resolves({ body: titanBody(fakeEmbedding('a', 1024)) });
    const { titan, sleeps } = embedder();
    await titan.embedDocuments(['a']);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('rejects with a retryable MODEL_THROTTLED after six attempts', async () => {
    bedrock.on(InvokeModelCommand).rejects(throttled());
    const { titan, sleeps } = embedder();
    const error = await titan.embedDocuments(['a']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({
      code: 'MODEL_THROTTLED',
      retryable: true,
      message: 'The embedding model is receiving too many requests right now. Try again in a moment.',
    });
    expect((error as ModelError).cause).toBeInstanceOf(ThrottlingException);
    expect(bedrock.commandCalls(InvokeModelCommand)).toHaveLength(6);
    expect(sleeps).toEqual([100, 200, 400, 800, 1600]);
  });

  it('follows the configured retry policy', async () => {
    bedrock.on(InvokeModelCommand).rejects(throttled());
    const { titan, sleeps } = embedder({ retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 1_500 }, random: () => 0.999 });
    await expect(titan.embedDocuments(['a'])).rejects.toMatchObject({ code: 'MODEL_THROTTLED' });
    expect(sleeps).toEqual([999, 1_498]);
  });

  it('does not retry access denied; the batch fails with a MODEL_ERROR that says what to fix', async () => {
    bedrock.on(InvokeModelCommand).rejects(new AccessDeniedException({ message: 'not authorized', $metadata: { httpStatusCode: 403 } }));
    const { titan, sleeps } = embedder();
    await expect(titan.embedDocuments(['a', 'b'])).rejects.toMatchObject({
      code: 'MODEL_ERROR',
      retryable: false,
      message: 'This deployment is not allowed to use the embedding model: enable access to the model in Bedrock and allow it in the IAM policy.',
    });
    expect(sleeps).toEqual([]);
  });
});

describe('TitanEmbedder responses and abort', () => {
  it('rejects a response whose embedding has the wrong length or is not JSON', async () => {
    bedrock.on(InvokeModelCommand).resolvesOnce({ body: titanBody([0.1, 0.2]) }).resolvesOnce({ body: Uint8ArrayBlobAdapter.fromString('<html>') });
    const { titan } = embedder();
    const short = await titan.embedQuery('a').catch((e: unknown) => e);
    expect(short).toMatchObject({ code: 'MODEL_ERROR', message: 'The embedding model returned an unexpected response.' });
    expect(((short as ModelError).cause as Error).message).toBe('Expected "embedding" with 1024 finite numbers, got 2 values.');
    const html = await titan.embedQuery('a').catch((e: unknown) => e);
    expect(((html as ModelError).cause as Error).message).toBe('The response body is not JSON.');
  });

  it('rejects a non-string text', async () => {
    const { titan } = embedder();
    await expect(titan.embedDocuments([42 as unknown as string])).rejects.toThrow('Texts to embed must be strings, got number.');
  });

  it('stops with the abort reason, not a ModelError, and makes no further calls', async () => {
    const controller = new AbortController();
    bedrock.on(InvokeModelCommand).callsFake(async (input: { body: string }) => {
      if (inputTextOf(input.body) === 'second') controller.abort(new Error('job cancelled'));
      return { body: titanBody(fakeEmbedding(inputTextOf(input.body), 1024)) };
    });
    const { titan } = embedder({ concurrency: 1 });
    await expect(titan.embedDocuments(['first', 'second', 'third'], { signal: controller.signal })).rejects.toThrow('job cancelled');
    expect(bedrock.commandCalls(InvokeModelCommand).map((call) => inputTextOf(call.args[0].input.body))).toEqual(['first', 'second']);
  });

  it('passes the abort signal to the SDK call', async () => {
    answerAll();
    const { titan } = embedder();
    await titan.embedQuery('a');
    expect((bedrock.commandCalls(InvokeModelCommand)[0]?.args as unknown[])[1]).toMatchObject({ abortSignal: expect.any(AbortSignal) });
  });
});
