import { analyzeText } from '../embed/analyze.js';
import { withoutQuestionFraming } from './question-framing.js';

/** Absolute evidence that a chunk is about the query (fused RRF scores are rank-based, so they cannot say). */
export interface RetrievalEvidence {
  /** 1-based rank in the vector search, when the chunk was among its candidates. */
  vectorRank?: number;
  /** Cosine similarity of the query and chunk embeddings, when known. */
  vectorScore?: number;
  /** 1-based rank in the lexical (full-text) search, when the chunk was among its candidates. */
  lexicalRank?: number;
  /** The full-text search rank, when known. */
  lexicalScore?: number;
  /** Share of the query's distinct meaningful terms that occur in the chunk, 0..1. */
  termCoverage: number;
}

/**
 * When a retrieval finds something: enough of the query's terms occur among the candidates
 * (`minQueryCoverage`; an off-topic question's key words — "Peru", "Jupiter" — occur nowhere),
 * and at least one chunk clears the floor on its own evidence (cosine or term coverage).
 */
export interface RelevanceFloor {
  /** Smallest cosine similarity that counts as "about the query" for the configured embedder. */
  minVectorScore: number;
  /** Smallest share of the query's meaningful terms one chunk must contain to clear the floor. */
  minTermCoverage: number;
  /** Smallest share of the query's meaningful terms that must occur somewhere among the candidates. */
  minQueryCoverage: number;
}

/**
 * The distinct meaningful terms of a query (see analyzeText), without whole compounds — a
 * document that says "2018" answers "FY2018", so only the parts count towards coverage — and
 * without question framing ("explain", "round to one decimal"; see questionFramingTerms).
 */
export function queryTerms(query: string): Set<string> {
  return new Set(withoutQuestionFraming(analyzeText(query, { wholeCompounds: false })));
}

/** Share of `terms` found in `present` (analysed terms of a text), 0 when `terms` is empty. */
export function termCoverage(terms: ReadonlySet<string>, present: ReadonlySet<string>): number {
  if (terms.size === 0) return 0;
  let found = 0;
  for (const term of terms) if (present.has(term)) found += 1;
  return found / terms.size;
}

/** Strong evidence: the chunk alone shows the query is answerable from the documents. */
export function clearsFloor(evidence: RetrievalEvidence, floor: RelevanceFloor): boolean {
  return (evidence.vectorScore ?? -Infinity) >= floor.minVectorScore || evidence.termCoverage >= floor.minTermCoverage;
}

/** Any evidence: once the query is accepted, chunks sharing no term and no close vector are still dropped. */
export function hasEvidence(evidence: RetrievalEvidence, floor: RelevanceFloor): boolean {
  return (evidence.vectorScore ?? -Infinity) >= floor.minVectorScore || evidence.termCoverage > 0;
}
