import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, embeddingsResponse, FakeOpenAiServer, hang, json } from '../../test/openai/fake-openai-server.js';
import { ModelError } from '../errors.js';
import { OpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder.js';

const model = 'nomic-embed-text';
let server: FakeOpenAiServer;

beforeEach(async () => {
  server = await FakeOpenAiServer.start();
});

afterEach(async () => {
  await server.stop();
});

function embedder(options: Partial<OpenAiEmbedderOptions> = {}): OpenAiEmbedder {
  return new OpenAiEmbedder({ baseUrl: server.baseUrl, model, dimensions: 3, maxRetries: 0, ...options });
}

function rounded(vectors: Float32Array[]): number[][] {
  return vectors.map((vector) => Array.from(vector, (value) => Math.round(value * 1e6) / 1e6));
}

describe('OpenAiEmbedder requests', () => {
  it('posts the model and the texts as floats to /embeddings, without dimensions or Authorization by default', async () => {
    server.reply(json(200, embeddingsResponse(model, [[3, 0, 4], [0, 2, 0]])));
    await embedder().embedDocuments(['first passage', 'second passage']);
    expect(server.requests.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'POST', path: '/v1/embeddings', body: { model, input: ['first passage', 'second passage'], encoding_format: 'float' } },
    ]);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends the API key as a bearer token and dimensions when asked to', async () => {
    server.reply(json(200, embeddingsResponse(model, [[1, 0, 0]])));
    await embedder({ apiKey: 'sk-test', requestDimensions: true }).embedQuery('a question');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test');
    expect(server.requests[0]?.body).toEqual({ model, input: ['a question'], encoding_format: 'float', dimensions: 3 });
  });

  it('splits the texts into batches of batchSize, one request after another', async () => {
    server.reply(
      json(200, embeddingsResponse(model, [[1, 0, 0], [0, 1, 0]])),
      json(200, embeddingsResponse(model, [[0, 0, 1], [1, 1, 0]])),
      json(200, embeddingsResponse(model, [[0, 3, 4]])),
    );
    const vectors = await embedder({ batchSize: 2 }).embedDocuments(['a', 'b', 'c', 'd', 'e']);
    expect(server.requests.map((request) => (request.body as { input: string[] }).input)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(rounded(vectors)).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.707107, 0.707107, 0], [0, 0.6, 0.8]]);
  });

  it('embeds blank texts to the unit vector on dimension 0 without sending them', async () => {
    server.reply(json(200, embeddingsResponse(model, [[0, 5, 0]])));
    const vectors = await embedder().embedDocuments([' \n', 'text', '']);
    expect(server.requests.map((request) => (request.body as { input: string[] }).input)).toEqual([['text']]);
    expect(rounded(vectors)).toEqual([[1, 0, 0], [0, 1, 0], [1, 0, 0]]);
  });

  it('sends nothing for an empty list', async () => {
    expect(await embedder().embedDocuments([])).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('rejects a text that is not a string before sending anything', async () => {
    await expect(embedder().embedDocuments(['ok', 42 as unknown as string])).rejects.toThrow(new TypeError('Texts to embed must be strings, got number.'));
    expect(server.requests).toEqual([]);
  });
});

describe('OpenAiEmbedder responses', () => {
  it('orders the vectors by index and scales them to unit length', async () => {
    server.reply(json(200, embeddingsResponse(model, [[3, 4, 0], [0, 0, 2], [1, 1, 1]], [2, 0, 1])));
    const vectors = await embedder().embedDocuments(['x', 'y', 'z']);
    expect(rounded(vectors)).toEqual([[0.6, 0.8, 0], [0, 0, 1], [0.57735, 0.57735, 0.57735]]);
    for (const vector of vectors) expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
  });

  it('names the model and both sizes when the vectors are not the configured size', async () => {
    server.reply(json(200, embeddingsResponse(model, [[1, 0, 0, 0]])));
    const error = await embedder().embedQuery('q').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({
      code: 'MODEL_ERROR',
      retryable: false,
      message: 'The embedding model "nomic-embed-text" returns 4-dimensional vectors, but 3 dimensions are configured. Set the dimensions to 4 or use a model with 3.',
    });
  });

  it.each([
    ['too few embeddings', { data: [] }, 'Expected 1 embeddings in "data", got 0.'],
    ['no data', { object: 'list' }, 'Expected 1 embeddings in "data", got undefined.'],
    ['an index out of range', { data: [{ index: 1, embedding: [1, 0, 0] }] }, `Expected each embedding's "index" to be a distinct integer below 1, got 1.`],
    ['a base64 string', { data: [{ index: 0, embedding: 'AACAPw==' }] }, 'Expected "embedding" to be an array of numbers, got string.'],
    ['a non-number', { data: [{ index: 0, embedding: [1, null, 0] }] }, 'Expected "embedding" to hold finite numbers only.'],
    ['a zero vector', { data: [{ index: 0, embedding: [0, 0, 0] }] }, 'The embedding has no direction (all zeros).'],
  ])('rejects a response with %s as unexpected', async (_, body, detail) => {
    server.reply(json(200, body));
    const error = await embedder().embedQuery('q').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ModelError', code: 'MODEL_ERROR', retryable: false, message: 'The embedding model "nomic-embed-text" returned an unexpected response.' });
    expect((error as ModelError).cause).toEqual(new Error(detail));
  });

  it('rejects two embeddings with the same index', async () => {
    server.reply(json(200, { data: [{ index: 0, embedding: [1, 0, 0] }, { index: 0, embedding: [0, 1, 0] }] }));
    const error = await embedder().embedDocuments(['a', 'b']).catch((caught: unknown) => caught);
    expect((error as ModelError).cause).toEqual(new Error(`Expected each embedding's "index" to be a distinct integer below 2, got 0.`));
  });
});

describe('OpenAiEmbedder failures', () => {
  it('says to pull the model when the server does not know it', async () => {
    server.reply(apiError(404, 'model "nomic-embed-text" not found, try pulling it first'));
    await expect(embedder().embedQuery('q')).rejects.toMatchObject({
      code: 'MODEL_ERROR',
      retryable: false,
      message: `The embedding model "nomic-embed-text" was not found at ${server.baseUrl}. Check the model name, that the model is pulled (Ollama: ollama pull nomic-embed-text) or served, and that the base URL ends in /v1.`,
    });
  });

  it('retries a 503 with the SDK and succeeds on the next attempt', async () => {
    server.reply(apiError(503, 'loading model', { 'retry-after-ms': '1' }), json(200, embeddingsResponse(model, [[0, 0, 7]])));
    const vector = await embedder({ maxRetries: 1 }).embedQuery('q');
    expect(Array.from(vector)).toEqual([0, 0, 1]);
    expect(server.requests.map((request) => request.headers['x-stainless-retry-count'])).toEqual(['0', '1']);
  });

  it('gives up after maxRetries with a retryable error', async () => {
    server.reply(apiError(500, 'boom', { 'retry-after-ms': '1' }), apiError(500, 'boom', { 'retry-after-ms': '1' }));
    await expect(embedder({ maxRetries: 1 }).embedQuery('q')).rejects.toMatchObject({
      code: 'MODEL_ERROR',
      retryable: true,
      message: `The embedding model server at ${server.baseUrl} is temporarily unavailable. Try again in a moment.`,
    });
    expect(server.requests).toHaveLength(2);
  });

  it('stops waiting when the signal aborts, with its reason, and the server sees the connection close', async () => {
    server.reply(hang);
    const controller = new AbortController();
    const pending = embedder().embedDocuments(['q'], { signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    const reason = new Error('student left');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await server.closed[0];
  });

  it('rejects at once with the reason of an already aborted signal', async () => {
    const reason = new Error('gone');
    await expect(embedder().embedDocuments(['q'], { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toEqual([]);
  });
});

describe('OpenAiEmbedder options', () => {
  it('identifies itself by the model name and its dimensions', () => {
    const built = embedder({ dimensions: 768 });
    expect({ modelId: built.modelId, dimensions: built.dimensions }).toEqual({ modelId: model, dimensions: 768 });
  });

  it.each([
    [{ dimensions: 0 }, new RangeError('dimensions must be a positive integer, got 0.')],
    [{ dimensions: 1.5 }, new RangeError('dimensions must be a positive integer, got 1.5.')],
    [{ batchSize: 0 }, new RangeError('batchSize must be an integer >= 1, got 0.')],
    [{ model: ' ' }, new TypeError('model must be a non-empty string.')],
    [{ baseUrl: '' }, new TypeError('baseUrl must be a non-empty string.')],
  ])('rejects %o', (options, expected) => {
    expect(() => embedder(options)).toThrow(expected);
  });
});
