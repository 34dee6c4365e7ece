import type OpenAI from 'openai';
import type { TokenUsage } from '@student-helper/shared-types';
import { buildAnswerPrompt, type AnswerPromptOptions } from '../answer/prompt.js';
import { abortable } from '../adapter-support/abortable.js';
import { nonEmpty, positiveInteger } from '../adapter-support/arguments.js';
import { ModelError } from '../errors.js';
import type { ChatTurn } from '../model.js';
import type { AnswerEvent, AnswerRequest, ChatModel, GenerateRequest, TextGenerator } from '../ports/chat-model.js';
import { createOpenAiClient, type OpenAiEndpointOptions } from './client.js';
import { openAiChatModelDefaults, stopReasons } from './openai-chat-model.defaults.js';
import { toModelError, type ModelContext } from './openai-errors.js';

export interface OpenAiChatModelOptions extends OpenAiEndpointOptions {
  /** The model name as the server knows it: `llama3.1:8b`, `Qwen/Qwen2.5-7B-Instruct`, `gpt-4o-mini`. */
  model: string;
  /** Output budget of an answer when the request names none. Default {@link openAiChatModelDefaults.maxTokens}. */
  maxTokens?: number;
  /** Default {@link openAiChatModelDefaults.temperature}. */
  temperature?: number;
  /** History replay limits of the answer prompt. */
  prompt?: AnswerPromptOptions;
  /** Longest wait between two pieces of a streamed answer. Default {@link openAiChatModelDefaults.streamIdleTimeoutMs}. */
  streamIdleTimeoutMs?: number;
}

type Message = OpenAI.Chat.ChatCompletionMessageParam;

/**
 * `ChatModel` and `TextGenerator` on an OpenAI-compatible `/chat/completions` endpoint
 * (Ollama, vLLM, LM Studio, OpenAI). `answer` sends the prompt of rag-core's
 * {@link buildAnswerPrompt} as a streamed completion and yields each content delta as a
 * `token`, then `done` with the finish reason (in the Converse vocabulary, see
 * {@link stopReasons}) and the token usage the server reports (`stream_options.include_usage`;
 * servers that ignore it give none). Citations are parsed from the tokens by
 * `answerQuestion`, as for every answerer. Aborting the request's signal closes the HTTP
 * connection and ends the stream at once with the signal's reason. Every failure, at the start
 * or in the middle of the stream, is thrown as a ModelError (see `toModelError`).
 */
export class OpenAiChatModel implements ChatModel, TextGenerator {
  readonly modelId: string;
  readonly #client: OpenAI;
  readonly #maxTokens: number;
  readonly #temperature: number;
  readonly #streamIdleTimeoutMs: number;
  readonly #prompt: AnswerPromptOptions;
  readonly #context: ModelContext;

  constructor(options: OpenAiChatModelOptions) {
    this.modelId = nonEmpty(options.model, 'model');
    this.#maxTokens = positiveInteger(options.maxTokens ?? openAiChatModelDefaults.maxTokens, 'maxTokens');
    this.#temperature = options.temperature ?? openAiChatModelDefaults.temperature;
    if (!(this.#temperature >= 0 && this.#temperature <= 2)) throw new RangeError(`temperature must be between 0 and 2, got ${this.#temperature}.`);
    this.#streamIdleTimeoutMs = positiveInteger(options.streamIdleTimeoutMs ?? openAiChatModelDefaults.streamIdleTimeoutMs, 'streamIdleTimeoutMs');
    this.#prompt = options.prompt ?? {};
    this.#client = createOpenAiClient(options);
    this.#context = { subject: 'answer model', model: this.modelId, baseUrl: this.#client.baseURL };
  }

  async *answer(request: AnswerRequest): AsyncGenerator<AnswerEvent> {
    const { signal } = request;
    signal?.throwIfAborted();
    const prompt = buildAnswerPrompt(request, this.#prompt);
    const maxTokens = positiveInteger(request.maxTokens ?? this.#maxTokens, 'maxTokens');
    // Aborted when the server stalls mid-answer; closes the connection like the caller's abort.
    const stall = new AbortController();
    const stalled = new ModelError(
      'MODEL_ERROR',
      `The ${this.#context.subject} server at ${this.#context.baseUrl} stopped in the middle of its reply. Try again in a moment.`,
      { cause: new Error(`No part of the streamed reply arrived for ${this.#streamIdleTimeoutMs} ms.`), retryable: true },
    );
    const requestSignal = signal ? AbortSignal.any([signal, stall.signal]) : stall.signal;
    let idleTimer: NodeJS.Timeout | undefined;
    const awaitNextPiece = (): void => {
      idleTimer = setTimeout(() => stall.abort(stalled), this.#streamIdleTimeoutMs);
    };
    let finishReason: string | undefined;
    let usage: TokenUsage | undefined;
    try {
      const stream = await this.#client.chat.completions.create(
        {
          model: this.modelId,
          messages: toMessages(prompt.system, prompt.messages),
          max_tokens: maxTokens,
          temperature: this.#temperature,
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal: requestSignal },
      );
      awaitNextPiece();
      for await (const chunk of abortable(stream, requestSignal)) {
        // The time the consumer takes between pieces is not the server's.
        clearTimeout(idleTimer);
        const choice = chunk.choices?.[0];
        const text = choice?.delta?.content;
        if (text) yield { type: 'token', text };
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) usage = toUsage(chunk.usage);
        awaitNextPiece();
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (stall.signal.aborted) throw stalled;
      throw toModelError(error, this.#context);
    } finally {
      clearTimeout(idleTimer);
    }
    // The SDK ends the stream quietly when the request is aborted between two reads.
    signal?.throwIfAborted();
    if (stall.signal.aborted) throw stalled;
    if (finishReason === undefined) {
      throw new ModelError('MODEL_ERROR', `The ${this.#context.subject}'s reply ended before it was complete.`, {
        cause: new Error('The completion stream ended without a finish_reason.'),
        retryable: true,
      });
    }
    yield { type: 'done', stopReason: stopReasons[finishReason] ?? finishReason, ...(usage ? { usage } : {}) };
  }

  /** One non-streamed completion: the reply's text. Used to rewrite follow-up questions. */
  async generate(request: GenerateRequest): Promise<string> {
    const { signal } = request;
    signal?.throwIfAborted();
    let content: unknown;
    try {
      const completion = await this.#client.chat.completions.create(
        {
          model: this.modelId,
          messages: toMessages(request.system, request.messages),
          max_tokens: positiveInteger(request.maxTokens, 'maxTokens'),
          temperature: this.#temperature,
        },
        signal ? { signal } : {},
      );
      content = completion.choices?.[0]?.message?.content;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw toModelError(error, this.#context);
    }
    if (typeof content !== 'string') {
      throw new ModelError('MODEL_ERROR', `The ${this.#context.subject} "${this.modelId}" returned an unexpected response.`, {
        cause: new Error(`Expected choices[0].message.content to be a string, got ${content === null ? 'null' : typeof content}.`),
      });
    }
    return content;
  }
}

function toMessages(system: string, turns: readonly ChatTurn[]): Message[] {
  return [{ role: 'system', content: system }, ...turns.map((turn): Message => ({ role: turn.role, content: turn.content }))];
}

function toUsage(usage: { prompt_tokens?: number; completion_tokens?: number }): TokenUsage | undefined {
  const { prompt_tokens: inputTokens, completion_tokens: outputTokens } = usage;
  return Number.isInteger(inputTokens) && Number.isInteger(outputTokens) ? { inputTokens: inputTokens as number, outputTokens: outputTokens as number } : undefined;
}

