import type {
  AnswerOutcome,
  Citation,
  CitationsEventData,
  DoneEventData,
  RetrievalEventData,
  RetrievedSource,
  TokenEventData,
  TokenUsage,
} from '@student-helper/shared-types';
import type { ChatTurn } from '../model.js';
import type { ChatModel, NumberedSource } from '../ports/chat-model.js';
import type { QueryRewriter, Retriever } from '../ports/retriever.js';
import { defaultRetrievalTopK } from './answer-question.defaults.js';
import { CitationParser } from './citation-parser.js';
import { NOT_FOUND_ANSWER } from './not-found.js';
import { numberSources, toRetrievedSource, type NumberSourcesOptions } from './number-sources.js';
import { streamTokens } from './stream-tokens.js';

export interface AnswerQuestionDeps {
  retriever: Retriever;
  chatModel: ChatModel;
  rewriter: QueryRewriter;
  documentName: (documentId: string) => string;
  /** Chunks asked of the retriever (default {@link defaultRetrievalTopK}). */
  topK?: number;
  numbering?: NumberSourcesOptions;
  /** Passed to the chat model as `maxTokens`. */
  maxTokens?: number;
}

export interface AnswerQuestionRequest {
  sessionId: string;
  question: string;
  /** Earlier turns of the session, oldest first. */
  history: readonly ChatTurn[];
  documentIds?: readonly string[];
  /** Aborting stops retrieval or generation; the stream then ends with outcome `stopped`. */
  signal?: AbortSignal;
}

/** The assistant message as the app stores it. */
export interface AnsweredMessage {
  /** The stand-alone query that was searched. */
  query: string;
  /** The answer text as streamed, markers included (partial when stopped). */
  content: string;
  citations: Citation[];
  outcome: AnswerOutcome;
  sources: RetrievedSource[];
  modelId: string;
  /** Markers in the answer that named no source. */
  invalidMarkers: number[];
  usage?: TokenUsage;
  stopReason?: string;
}

/** The `done` payload before the app assigns the stored message's id. */
export type AnswerDoneData = Omit<DoneEventData, 'messageId'>;

/** The chat stream in domain terms; the app adds `messageId` to `done` and maps thrown errors to `error`. */
export type AnswerStreamEvent =
  | { event: 'retrieval'; data: RetrievalEventData }
  | { event: 'token'; data: TokenEventData }
  | { event: 'citations'; data: CitationsEventData }
  | { event: 'done'; data: AnswerDoneData; answer: AnsweredMessage };

/**
 * Answers a question from a session's documents: rewrites a follow-up into a stand-alone
 * query, retrieves and numbers the sources, streams the model's tokens, then the citations
 * parsed from them and `done`. When nothing clears the relevance floor the not-found sentence
 * is streamed without calling the model, so no model can answer from its own knowledge.
 * Errors are thrown as they come, except after the signal aborted: then the stream ends with
 * the citations of what was said and outcome `stopped`.
 */
export async function* answerQuestion(deps: AnswerQuestionDeps, request: AnswerQuestionRequest): AsyncGenerator<AnswerStreamEvent> {
  const { signal } = request;
  let query = request.question;
  let sources: NumberedSource[] = [];
  let parser: CitationParser | undefined;
  let usage: TokenUsage | undefined;
  let stopReason: string | undefined;
  try {
    signal?.throwIfAborted();
    query = await deps.rewriter.rewrite({ question: request.question, history: request.history, signal });
    const chunks = await deps.retriever.retrieve({
      sessionId: request.sessionId,
      query,
      documentIds: request.documentIds,
      topK: deps.topK ?? defaultRetrievalTopK,
      signal,
    });
    signal?.throwIfAborted();
    sources = numberSources(chunks, deps.documentName, deps.numbering);
    parser = new CitationParser(sources);
    yield { event: 'retrieval', data: { query, sources: sources.map(toRetrievedSource) } };

    const events =
      sources.length === 0
        ? streamTokens(NOT_FOUND_ANSWER).map((text) => ({ type: 'token' as const, text }))
        : deps.chatModel.answer({ question: query, history: request.history, sources, signal, maxTokens: deps.maxTokens });
    for await (const event of events) {
      if (event.type === 'done') {
        usage = event.usage;
        stopReason = event.stopReason;
      } else if (event.text !== '') {
        parser.push(event.text);
        yield { event: 'token', data: { text: event.text } };
      }
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
  // A model may also just end its stream on abort instead of throwing.
  const stopped = signal?.aborted === true;

  const parsed = parser?.finish();
  const citations = parsed?.citations ?? [];
  const outcome: AnswerOutcome = stopped
    ? 'stopped'
    : sources.length === 0 || (parsed?.notFound === true && citations.length === 0)
      ? 'not_found'
      : 'answered';
  if (parser) yield { event: 'citations', data: citations };
  const data: AnswerDoneData = { outcome };
  if (usage) data.usage = usage;
  if (stopReason !== undefined) data.stopReason = stopReason;
  yield {
    event: 'done',
    data,
    answer: {
      query,
      content: parsed?.text ?? '',
      citations,
      outcome,
      sources: sources.map(toRetrievedSource),
      modelId: deps.chatModel.modelId,
      invalidMarkers: parsed?.invalidMarkers ?? [],
      ...(usage ? { usage } : {}),
      ...(stopReason !== undefined ? { stopReason } : {}),
    },
  };
}

/** Drains an answer stream and returns the stored message (for non-streaming callers and tests). */
export async function collectAnswer(events: AsyncIterable<AnswerStreamEvent>): Promise<AnsweredMessage> {
  for await (const event of events) {
    if (event.event === 'done') return event.answer;
  }
  throw new Error('The answer stream ended without a done event.');
}
