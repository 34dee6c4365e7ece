import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { ModelError } from '../errors.js';
import type { EmbedOptions, Embedder } from '../ports/embedder.js';
import { mapConcurrent } from './concurrency.js';
import { bedrockErrorName, isRetryableBedrockError, toModelError } from './bedrock-errors.js';
import type { WarnLogger } from './logger.js';
import { unitVector } from '../adapter-support/unit-vector.js';
import { nonEmpty } from '../adapter-support/arguments.js';
import { requireRegion } from './options.js';
import { withRetries, type RetryPolicy, type Sleep } from './retry.js';
import { titanDimensions, titanEmbedderDefaults } from './titan-embedder.defaults.js';

export interface TitanEmbedderOptions {
  /** Region of the Bedrock Runtime endpoint. Required unless `client` is given. */
  region?: string;
  /**
   * A pre-built client (tests, another endpoint or credentials). The client this adapter builds
   * itself has the SDK's retries off (`maxAttempts: 1`) so that only the backoff below runs.
   */
  client?: BedrockRuntimeClient;
  /** Default {@link TITAN_EMBED_TEXT_V2}. */
  modelId?: string;
  /** 256, 512 or 1024 (default): must equal the vector index's dimension. */
  dimensions?: number;
  /** InvokeModel calls in flight at once. Default {@link titanEmbedderDefaults.concurrency}. */
  concurrency?: number;
  /** Longer inputs are cut to this many characters (with a warning). Default 50,000, Titan's limit. */
  maxInputChars?: number;
  /** Backoff on throttling and 5xx. Default {@link titanEmbedderDefaults.retry}. */
  retry?: Partial<RetryPolicy>;
  /** Receives the truncation warnings. Default `console`. */
  logger?: WarnLogger;
  /** For tests: replaces the real wait between retries. */
  sleep?: Sleep;
  /** For tests: replaces `Math.random` in the jitter. */
  random?: () => number;
}

interface TitanResponse {
  embedding?: unknown;
}

const subject = 'embedding model';

/**
 * `Embedder` on Amazon Titan Text Embeddings v2 through Bedrock `InvokeModel`, one text per
 * call (the model takes one `inputText`), at most `concurrency` calls at once, unit-length
 * vectors (`normalize: true`) for the cosine index. Throttling, 5xx and a model still loading
 * are retried with exponential backoff and full jitter; the first call that still fails
 * rejects the whole batch with a ModelError (`MODEL_THROTTLED` is retryable: the processor
 * lets the job come back). A text without any visible character embeds, without a call, to
 * the unit vector on dimension 0 (Titan rejects empty input; zero vectors break cosine indexes).
 */
export class TitanEmbedder implements Embedder {
  /** The Bedrock model id, with `?dimensions=N` unless 1024, so vectors of other sizes never mix. */
  readonly modelId: string;
  readonly dimensions: number;
  readonly #client: BedrockRuntimeClient;
  readonly #bedrockModelId: string;
  readonly #concurrency: number;
  readonly #maxInputChars: number;
  readonly #retry: RetryPolicy;
  readonly #logger: WarnLogger;
  readonly #sleep: Sleep | undefined;
  readonly #random: (() => number) | undefined;

  constructor(options: TitanEmbedderOptions) {
    const dimensions = options.dimensions ?? titanEmbedderDefaults.dimensions;
    if (!(titanDimensions as readonly number[]).includes(dimensions)) {
      throw new RangeError(`Titan Text Embeddings v2 supports ${titanDimensions.join(', ')} dimensions, got ${dimensions}.`);
    }
    this.#bedrockModelId = nonEmpty(options.modelId ?? titanEmbedderDefaults.modelId, 'modelId');
    this.#client = options.client ?? new BedrockRuntimeClient({ region: requireRegion(options.region), maxAttempts: 1 });
    this.#concurrency = options.concurrency ?? titanEmbedderDefaults.concurrency;
    if (!Number.isInteger(this.#concurrency) || this.#concurrency < 1) {
      throw new RangeError(`concurrency must be an integer >= 1, got ${this.#concurrency}.`);
    }
    this.#maxInputChars = options.maxInputChars ?? titanEmbedderDefaults.maxInputChars;
    if (!Number.isInteger(this.#maxInputChars) || this.#maxInputChars < 1) {
      throw new RangeError(`maxInputChars must be an integer >= 1, got ${this.#maxInputChars}.`);
    }
    this.#retry = { ...titanEmbedderDefaults.retry, ...options.retry };
    this.#logger = options.logger ?? console;
    this.#sleep = options.sleep;
    this.#random = options.random;
    this.dimensions = dimensions;
    this.modelId = dimensions === 1024 ? this.#bedrockModelId : `${this.#bedrockModelId}?dimensions=${dimensions}`;
  }

  embedDocuments(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    return mapConcurrent(texts, this.#concurrency, (text, _index, signal) => this.#embed(text, signal), options.signal);
  }

  async embedQuery(text: string, options: EmbedOptions = {}): Promise<Float32Array> {
    const [vector] = await this.embedDocuments([text], options);
    return vector as Float32Array;
  }

  async #embed(text: string, signal: AbortSignal): Promise<Float32Array> {
    if (typeof text !== 'string') throw new TypeError(`Texts to embed must be strings, got ${typeof text}.`);
    if (text.trim() === '') return unitVector(this.dimensions);
    let input = this.#fitCharacters(text);
    for (let shrinks = 0; ; shrinks += 1) {
      try {
        return await withRetries(() => this.#invoke(input, signal), this.#retry, {
          isRetryable: isRetryableBedrockError,
          signal,
          ...(this.#sleep ? { sleep: this.#sleep } : {}),
          ...(this.#random ? { random: this.#random } : {}),
        });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        const tokens = tooManyTokens(error);
        if (!tokens || shrinks >= titanEmbedderDefaults.maxTokenShrinks) throw toModelError(error, subject);
        const keep = Math.floor(((input.length * tokens.max) / tokens.actual) * titanEmbedderDefaults.tokenShrinkMargin);
        this.#logger.warn(
          { modelId: this.#bedrockModelId, inputTokens: tokens.actual, maxTokens: tokens.max, originalChars: input.length, keptChars: keep },
          'Embedding input exceeds the model token limit; truncated',
        );
        input = cutAt(input, keep);
      }
    }
  }

  #fitCharacters(text: string): string {
    if (text.length <= this.#maxInputChars) return text;
    const cut = cutAt(text, this.#maxInputChars);
    this.#logger.warn(
      { modelId: this.#bedrockModelId, originalChars: text.length, keptChars: cut.length },
      'Embedding input exceeds the model character limit; truncated',
    );
    return cut;
  }

  async #invoke(inputText: string, signal: AbortSignal): Promise<Float32Array> {
    const response = await this.#client.send(
      new InvokeModelCommand({
        modelId: this.#bedrockModelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify({ inputText, dimensions: this.dimensions, normalize: true }),
      }),
      { abortSignal: signal },
    );
    return this.#parse(response.body);
  }

  #parse(body: Uint8Array | undefined): Float32Array {
    let parsed: TitanResponse | undefined;
    try {
      parsed = JSON.parse(new TextDecoder().decode(body)) as TitanResponse;
    } catch (error) {
      throw unexpected(new Error('The response body is not JSON.', { cause: error }));
    }
    const embedding = parsed?.embedding;
    if (!Array.isArray(embedding) || embedding.length !== this.dimensions || !embedding.every((value) => Number.isFinite(value))) {
      const got = Array.isArray(embedding) ? `${embedding.length} values` : typeof embedding;
      throw unexpected(new Error(`Expected "embedding" with ${this.dimensions} finite numbers, got ${got}.`));
    }
    return Float32Array.from(embedding as number[]);
  }
}

function unexpected(cause: Error): ModelError {
  return new ModelError('MODEL_ERROR', `The ${subject} returned an unexpected response.`, { cause });
}

/** `{ max, actual }` from Titan's "Too many input tokens. Max input tokens: 8192, request input token count: 9875". */
function tooManyTokens(error: unknown): { max: number; actual: number } | undefined {
  if (bedrockErrorName(error) !== 'ValidationException') return undefined;
  const match = /max input tokens\D*(\d+)\D+input token count\D*(\d+)/i.exec((error as Error).message ?? '');
  if (!match) return undefined;
  const max = Number(match[1]);
  const actual = Number(match[2]);
  return actual > max && max > 0 ? { max, actual } : undefined;
}

/** The first `length` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair. */
function cutAt(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

