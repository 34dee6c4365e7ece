import type { ChatTurn, ScoredChunk } from '../model.js';

export interface RetrievalRequest {
  sessionId: string;
  /** A stand-alone query (follow-ups are rewritten before retrieval). */
  query: string;
  documentIds?: readonly string[];
  /** How many chunks to return at most. */
  topK?: number;
  signal?: AbortSignal;
}

/**
 * Finds the chunks of a session that answer a query, best first. Only chunks that clear the
 * relevance floor are returned: an empty result means "not in your documents".
 */
export interface Retriever {
  retrieve(request: RetrievalRequest): Promise<ScoredChunk[]>;
}

export interface RewriteRequest {
  question: string;
  /** Recent turns, oldest first. */
  history: readonly ChatTurn[];
  signal?: AbortSignal;
}

/** Turns a follow-up ("what about its drawbacks?") into a stand-alone query using the history. */
export interface QueryRewriter {
  rewrite(request: RewriteRequest): Promise<string>;
}
