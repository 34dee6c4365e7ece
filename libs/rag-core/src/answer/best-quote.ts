import { analyzeText } from '../embed/analyze.js';
import { Bm25Index } from '../retrieve/bm25.js';
import { splitSentences } from './sentences.js';

/** A verbatim passage of a source: `text === sourceText.slice(start, end)`. */
export interface Quote {
  text: string;
  start: number;
  end: number;
}

/** BM25 over sentences: length matters less than between chunks, a short sentence can be the whole answer. */
export const sentenceBm25 = { k1: 1.2, b: 0.5 };

/** Longest quote; a longer sentence (a table row, unpunctuated text) is cut at a space. */
export const defaultMaxQuoteChars = 300;

/**
 * The sentence of `sourceText` that best supports any of `claims` (the answer sentences that
 * cited the source), by BM25 over the source's sentences (the retriever's analysed terms); the first sentence when none shares
 * a term with a claim. Verbatim, so the viewer can find and highlight it on the page.
 */
export function bestSupportingQuote(sourceText: string, claims: readonly string[], maxChars = defaultMaxQuoteChars): Quote {
  const sentences = splitSentences(sourceText, maxChars);
  if (sentences.length === 0) return { text: '', start: 0, end: 0 };
  const index = new Bm25Index(
    sentences.map((sentence, i) => ({ id: String(i), tokens: analyzeText(sentence.text) })),
    sentenceBm25,
  );
  let best = 0;
  let bestScore = 0;
  for (const claim of claims) {
    const [top] = index.search([...new Set(analyzeText(claim))], 1);
    if (top && top.score > bestScore) {
      bestScore = top.score;
      best = Number(top.id);
    }
  }
  const { text, start, end } = sentences[best];
  return { text, start, end };
}
