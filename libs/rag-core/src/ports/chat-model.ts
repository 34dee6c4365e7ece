import type { TokenUsage } from '@student-helper/shared-types';
import type { ChatTurn } from '../model.js';

/** A retrieved chunk handed to an answerer under the marker `[marker]`. */
export interface NumberedSource {
  marker: number;
  key: string;
  documentId: string;
  documentName: string;
  chunkIndex: number;
  pageStart: number;
  pageEnd: number;
  charStart: number;
  charEnd: number;
  text: string;
  score: number;
  /** The chunk's OCR confidence, when its text was recognised by OCR. */
  ocrConfidence?: number;
}

export interface AnswerRequest {
  /** The stand-alone question (already rewritten with the history when it was a follow-up). */
  question: string;
  /** Recent turns, oldest first. */
  history: readonly ChatTurn[];
  /** Sources that cleared the relevance floor; empty means "not in your documents". */
  sources: readonly NumberedSource[];
  signal?: AbortSignal;
  maxTokens?: number;
}

export type AnswerEvent =
  | { type: 'token'; text: string }
  | { type: 'done'; stopReason?: string; usage?: TokenUsage };

/**
 * Streams an answer grounded in the numbered sources, citing them as `[n]`. Implementations
 * stop promptly when `signal` aborts. Errors are thrown as ModelError (see errors.ts).
 */
export interface ChatModel {
  readonly modelId: string;
  answer(request: AnswerRequest): AsyncIterable<AnswerEvent>;
}

export interface GenerateRequest {
  system: string;
  messages: readonly ChatTurn[];
  maxTokens: number;
  signal?: AbortSignal;
}

/** Plain, non-streamed text generation (used to rewrite follow-up questions with an LLM). */
export interface TextGenerator {
  generate(request: GenerateRequest): Promise<string>;
}
