import { PassageScorer } from './passage-scoring.js';
import { splitSentences } from './sentences.js';
import { contentTerms } from './terms.js';

/** A verbatim passage of a source: `text === sourceText.slice(start, end)`. */
export interface Quote {
  text: string;
  start: number;
  end: number;
}

/** Longest quote; a longer sentence (a table row, unpunctuated text) is cut at a space. */
export const defaultMaxQuoteChars = 300;

/**
 * The sentence of `sourceText` that best supports any of `claims` (the answer sentences that
 * cited the source), by BM25 over the source's sentences; the first sentence when none shares
 * a term with a claim. Verbatim, so the viewer can find and highlight it on the page.
 */
export function bestSupportingQuote(sourceText: string, claims: readonly string[], maxChars = defaultMaxQuoteChars): Quote {
  const sentences = splitSentences(sourceText, maxChars);
  if (sentences.length === 0) return { text: '', start: 0, end: 0 };
  const scorer = new PassageScorer(sentences.map((sentence) => contentTerms(sentence.text)));
  let best = 0;
  let bestScore = 0;
  for (const claim of claims) {
    const query = new Set(contentTerms(claim));
    if (query.size === 0) continue;
    for (let i = 0; i < sentences.length; i++) {
      const score = scorer.score(query, i);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
  }
  const { text, start, end } = sentences[best];
  return { text, start, end };
}
