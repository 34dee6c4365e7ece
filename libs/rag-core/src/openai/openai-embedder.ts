import type OpenAI from 'openai';
import { nonEmpty, positiveInteger } from '../adapter-support/arguments.js';
import { unitVector } from '../adapter-support/unit-vector.js';
import { ModelError } from '../errors.js';
import type { EmbedOptions, Embedder } from '../ports/embedder.js';
import { createOpenAiClient, type OpenAiEndpointOptions } from './client.js';
import { toModelError, type ModelContext } from './openai-errors.js';
import { openAiEmbedderDefaults } from './openai-embedder.defaults.js';

export interface OpenAiEmbedderOptions extends OpenAiEndpointOptions {
  /** The model name as the server knows it: `nomic-embed-text`, `BAAI/bge-m3`, `text-embedding-3-small`. */
  model: string;
  /** The model's output size; must equal the vector index's dimension. Every returned vector is checked. */
  dimensions: number;
  /** Send `dimensions` with each request (for models that can shorten their output). Default false. */
  requestDimensions?: boolean;
  /** Texts per request. Default {@link openAiEmbedderDefaults.batchSize}. */
  batchSize?: number;
}

/**
 * `Embedder` on an OpenAI-compatible `/embeddings` endpoint (Ollama, vLLM, LM Studio, OpenAI),
 * `batchSize` texts per request, one request at a time (a local server runs one batch at a
 * time anyway). Vectors come back in input order (the response is ordered by each item's
 * `index`) and scaled to unit length: the pgvector and S3 Vectors indexes compare by cosine,
 * and unlike Titan (`normalize: true`) these servers return whatever scale the model
 * produces, so normalising here makes every provider's vectors alike and the inner product
 * equal to the cosine. A text without any visible character embeds, without a call, to the
 * unit vector on dimension 0 (servers reject empty input; zero vectors break cosine indexes).
 */
export class OpenAiEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  readonly #client: OpenAI;
  readonly #requestDimensions: boolean;
  readonly #batchSize: number;
  readonly #context: ModelContext;

  constructor(options: OpenAiEmbedderOptions) {
    this.modelId = nonEmpty(options.model, 'model');
    this.dimensions = positiveInteger(options.dimensions, 'dimensions');
    this.#batchSize = options.batchSize ?? openAiEmbedderDefaults.batchSize;
    if (!Number.isInteger(this.#batchSize) || this.#batchSize < 1) throw new RangeError(`batchSize must be an integer >= 1, got ${this.#batchSize}.`);
    this.#requestDimensions = options.requestDimensions ?? openAiEmbedderDefaults.requestDimensions;
    this.#client = createOpenAiClient(options);
    this.#context = { subject: 'embedding model', model: this.modelId, baseUrl: this.#client.baseURL };
  }

  async embedDocuments(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const { signal } = options;
    signal?.throwIfAborted();
    for (const text of texts) {
      if (typeof text !== 'string') throw new TypeError(`Texts to embed must be strings, got ${typeof text}.`);
    }
    const vectors = new Array<Float32Array>(texts.length);
    const pending: number[] = [];
    texts.forEach((text, index) => {
      if (text.trim() === '') vectors[index] = unitVector(this.dimensions);
      else pending.push(index);
    });
    for (let start = 0; start < pending.length; start += this.#batchSize) {
      const positions = pending.slice(start, start + this.#batchSize);
      const embedded = await this.#embedBatch(
        positions.map((position) => texts[position] as string),
        signal,
      );
      positions.forEach((position, i) => {
        vectors[position] = embedded[i] as Float32Array;
      });
    }
    return vectors;
  }

  async embedQuery(text: string, options: EmbedOptions = {}): Promise<Float32Array> {
    const [vector] = await this.embedDocuments([text], options);
    return vector as Float32Array;
  }

  async #embedBatch(input: string[], signal: AbortSignal | undefined): Promise<Float32Array[]> {
    let response: OpenAI.CreateEmbeddingResponse;
    try {
      response = await this.#client.embeddings.create(
        {
          model: this.modelId,
          input,
          // Floats, not the SDK's default base64: not every compatible server encodes base64.
          encoding_format: 'float',
          ...(this.#requestDimensions ? { dimensions: this.dimensions } : {}),
        },
        signal ? { signal } : {},
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw toModelError(error, this.#context);
    }
    return this.#vectors(response, input.length);
  }

  #vectors(response: OpenAI.CreateEmbeddingResponse, count: number): Float32Array[] {
    const data: unknown = response?.data;
    if (!Array.isArray(data) || data.length !== count) {
      throw this.#unexpected(`Expected ${count} embeddings in "data", got ${Array.isArray(data) ? data.length : typeof data}.`);
    }
    const vectors = new Array<Float32Array>(count);
    for (const item of data as { index?: unknown; embedding?: unknown }[]) {
      const { index, embedding } = item ?? {};
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count || vectors[index] !== undefined) {
        throw this.#unexpected(`Expected each embedding's "index" to be a distinct integer below ${count}, got ${String(index)}.`);
      }
      if (!Array.isArray(embedding)) throw this.#unexpected(`Expected "embedding" to be an array of numbers, got ${typeof embedding}.`);
      if (embedding.length !== this.dimensions) {
        throw new ModelError(
          'MODEL_ERROR',
          `The embedding model "${this.modelId}" returns ${embedding.length}-dimensional vectors, but ${this.dimensions} dimensions are configured. ` +
            `Set the dimensions to ${embedding.length} or use a model with ${this.dimensions}.`,
          { retryable: false },
        );
      }
      vectors[index] = this.#unitLength(embedding);
    }
    return vectors;
  }

  #unitLength(embedding: unknown[]): Float32Array {
    let sumOfSquares = 0;
    for (const value of embedding) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw this.#unexpected('Expected "embedding" to hold finite numbers only.');
      sumOfSquares += value * value;
    }
    const norm = Math.sqrt(sumOfSquares);
    if (norm === 0 || !Number.isFinite(norm)) throw this.#unexpected('The embedding has no direction (all zeros).');
    return Float32Array.from(embedding as number[], (value) => value / norm);
  }

  #unexpected(detail: string): ModelError {
    return new ModelError('MODEL_ERROR', `The embedding model "${this.modelId}" returned an unexpected response.`, { cause: new Error(detail), retryable: false });
  }
}

