import { analyzeText } from '../embed/analyze.js';

/** The analysed terms of one document's chunks, as `PgChunkStore` stores them for `termStatistics`. */
export interface DocumentTerms {
  /** Per chunk, in order: how many `analyzeText` terms it has, repeats included. */
  termCounts: number[];
  /** Per distinct term: how many of the chunks contain it. */
  chunksWithTerm: Map<string, number>;
}

export function documentTerms(texts: readonly string[]): DocumentTerms {
  const chunksWithTerm = new Map<string, number>();
  const termCounts = texts.map((text) => {
    const terms = analyzeText(text);
    for (const term of new Set(terms)) chunksWithTerm.set(term, (chunksWithTerm.get(term) ?? 0) + 1);
    return terms.length;
  });
  return { termCounts, chunksWithTerm };
}
