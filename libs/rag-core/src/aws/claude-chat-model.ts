import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import type { TokenUsage } from '@student-helper/shared-types';
import { buildAnswerPrompt, type AnswerPromptOptions } from '../answer/prompt.js';
import { ModelError } from '../errors.js';
import type { ChatTurn } from '../model.js';
import type { AnswerEvent, AnswerRequest, ChatModel, GenerateRequest, TextGenerator } from '../ports/chat-model.js';
import { abortable } from '../adapter-support/abortable.js';
import { toModelError } from './bedrock-errors.js';
import { claudeChatModelDefaults } from './claude-chat-model.defaults.js';
import { nonEmpty, positiveInteger } from '../adapter-support/arguments.js';
import { requireRegion } from './options.js';

export interface ClaudeChatModelOptions {
  /** Region of the Bedrock Runtime endpoint. Required unless `client` is given. */
  region?: string;
  /** A pre-built client (tests, another endpoint or credentials). */
  client?: BedrockRuntimeClient;
  /**
   * A Bedrock model id, a cross-Region inference profile id (`us.anthropic.claude-…`,
   * `apac.anthropic.claude-…`) or an inference profile ARN; sent as given.
   */
  modelId: string;
  /** Output budget of an answer when the request names none. Default {@link claudeChatModelDefaults.maxTokens}. */
  maxTokens?: number;
  /** Default {@link claudeChatModelDefaults.temperature}. */
  temperature?: number;
  /** History replay limits of the answer prompt. */
  prompt?: AnswerPromptOptions;
}

// Stream events that end the answer with an error; the SDK normally throws these while
// iterating, but the event union carries them too.
const streamExceptions = [
  'internalServerException',
  'modelStreamErrorException',
  'serviceUnavailableException',
  'throttlingException',
  'validationException',
] as const;

const subject = 'answer model';

/**
 * `ChatModel` and `TextGenerator` on Bedrock's Converse API, for Claude (any Converse model
 * works). `answer` sends the prompt of rag-core's {@link buildAnswerPrompt} with
 * `ConverseStream` and yields each text delta as a `token`, then `done` with the stop reason
 * and token usage; citations are parsed from the tokens by `answerQuestion`, not here.
 * Aborting the request's signal cancels the HTTP request and ends the stream at once with the
 * signal's reason. Every Bedrock failure, at the start or in the middle of the stream, is
 * thrown as a ModelError (`MODEL_THROTTLED` for throttling, `MODEL_ERROR` otherwise).
 */
export class ClaudeChatModel implements ChatModel, TextGenerator {
  readonly modelId: string;
  readonly #client: BedrockRuntimeClient;
  readonly #maxTokens: number;
  readonly #temperature: number;
  readonly #prompt: AnswerPromptOptions;

  constructor(options: ClaudeChatModelOptions) {
    this.modelId = nonEmpty(options.modelId, 'modelId');
    this.#client = options.client ?? new BedrockRuntimeClient({ region: requireRegion(options.region) });
    this.#maxTokens = positiveInteger(options.maxTokens ?? claudeChatModelDefaults.maxTokens, 'maxTokens');
    this.#temperature = options.temperature ?? claudeChatModelDefaults.temperature;
    if (!(this.#temperature >= 0 && this.#temperature <= 1)) throw new RangeError(`temperature must be between 0 and 1, got ${this.#temperature}.`);
    this.#prompt = options.prompt ?? {};
  }

  async *answer(request: AnswerRequest): AsyncGenerator<AnswerEvent> {
    const { signal } = request;
    signal?.throwIfAborted();
    const prompt = buildAnswerPrompt(request, this.#prompt);
    const maxTokens = positiveInteger(request.maxTokens ?? this.#maxTokens, 'maxTokens');
    let stopReason: string | undefined;
    let usage: TokenUsage | undefined;
    try {
      const response = await this.#client.send(
        new ConverseStreamCommand({
          modelId: this.modelId,
          system: [{ text: prompt.system }],
          messages: toMessages(prompt.messages),
          inferenceConfig: { maxTokens, temperature: this.#temperature },
        }),
        signal ? { abortSignal: signal } : {},
      );
      if (!response.stream) throw new Error('ConverseStream returned no stream.');
      for await (const event of abortable(response.stream, signal)) {
        throwIfException(event);
        const text = event.contentBlockDelta?.delta?.text;
        if (text) yield { type: 'token', text };
        if (event.messageStop) stopReason = event.messageStop.stopReason;
        if (event.metadata?.usage) usage = toUsage(event.metadata.usage);
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw toModelError(error, subject);
    }
    if (stopReason === undefined) {
      throw new ModelError('MODEL_ERROR', `The ${subject}'s reply ended before it was complete.`, {
        cause: new Error('The ConverseStream stream ended without a messageStop event.'),
        retryable: true,
      });
    }
    yield { type: 'done', stopReason, ...(usage ? { usage } : {}) };
  }

  /** One non-streamed reply (`Converse`): its text blocks joined. Used to rewrite follow-up questions. */
  async generate(request: GenerateRequest): Promise<string> {
    const { signal } = request;
    signal?.throwIfAborted();
    try {
      const response = await this.#client.send(
        new ConverseCommand({
          modelId: this.modelId,
          system: [{ text: request.system }],
          messages: toMessages(request.messages),
          inferenceConfig: { maxTokens: positiveInteger(request.maxTokens, 'maxTokens'), temperature: this.#temperature },
        }),
        signal ? { abortSignal: signal } : {},
      );
      const content = response.output?.message?.content;
      if (!content) throw new Error('Converse returned no message.');
      return content.map((block) => block.text ?? '').join('');
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw toModelError(error, subject);
    }
  }
}

function toMessages(turns: readonly ChatTurn[]): Message[] {
  return turns.map((turn) => ({ role: turn.role, content: [{ text: turn.content }] }));
}

function throwIfException(event: ConverseStreamOutput): void {
  for (const name of streamExceptions) {
    const exception = (event as unknown as Record<string, unknown>)[name];
    if (exception !== undefined) {
      const error = new Error((exception as { message?: string }).message ?? name);
      error.name = name;
      throw error;
    }
  }
}

function toUsage(usage: { inputTokens?: number; outputTokens?: number }): TokenUsage | undefined {
  const { inputTokens, outputTokens } = usage;
  return Number.isInteger(inputTokens) && Number.isInteger(outputTokens) ? { inputTokens: inputTokens as number, outputTokens: outputTokens as number } : undefined;
}

