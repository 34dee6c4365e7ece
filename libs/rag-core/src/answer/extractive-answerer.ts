import { countTokens } from '../chunk/count-tokens.js';
import type { AnswerEvent, AnswerRequest, ChatModel } from '../ports/chat-model.js';
import { composeExtractiveAnswer } from './extractive-answer.js';
import { extractiveModelId, type ExtractiveAnswererOptions } from './extractive-answerer.defaults.js';
import { streamTokens } from './stream-tokens.js';

/**
 * The offline answerer: quotes the sentences of the sources that best answer the question,
 * each followed by its `[n]` marker, and streams them word by word without delay. With no
 * sources it says {@link NOT_FOUND_ANSWER}. Abort stops it between two words with the
 * signal's reason (an `AbortError`), like an SDK stream.
 */
export class ExtractiveAnswerer implements ChatModel {
  readonly modelId = extractiveModelId;

  constructor(private readonly options: ExtractiveAnswererOptions = {}) {}

  async *answer(request: AnswerRequest): AsyncGenerator<AnswerEvent> {
    request.signal?.throwIfAborted();
    const text = composeExtractiveAnswer(request.question, request.sources, this.options);
    const inputTokens = request.sources.reduce((sum, source) => sum + countTokens(source.text), countTokens(request.question));
    let outputTokens = 0;
    let stopReason = 'end_turn';
    for (const piece of streamTokens(text)) {
      const tokens = countTokens(piece);
      if (request.maxTokens !== undefined && outputTokens + tokens > request.maxTokens) {
        stopReason = 'max_tokens';
        break;
      }
      request.signal?.throwIfAborted();
      outputTokens += tokens;
      yield { type: 'token', text: piece };
    }
    request.signal?.throwIfAborted();
    yield { type: 'done', stopReason, usage: { inputTokens, outputTokens } };
  }
}
