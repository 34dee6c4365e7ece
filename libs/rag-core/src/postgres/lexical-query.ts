import { chunkStoreDefaults } from './chunk-store.defaults.js';

/**
 * The input for `websearch_to_tsquery('english', …)` that matches a chunk containing ANY of the
 * question's terms, or `undefined` when the question has no word at all.
 *
 * `plainto_tsquery` and `websearch_to_tsquery` AND every term, so a natural-language question
 * ("what did the company spend on capital expenditure in 2018?") matches only chunks holding all
 * of its words — usually none. Here the question is cut into words (letters and digits; quotes,
 * minus signs and other websearch syntax cannot survive), deduplicated, capped, and joined with
 * `or`, websearch's OR operator. Postgres then does the linguistics itself: it stems each word
 * with the same English configuration as the indexed column and drops stop words, so
 * "What did the company spend" becomes `'compani' | 'spend'`. Ranking (`ts_rank`) rewards
 * chunks that contain more of the distinct terms.
 */
export function orQueryText(question: string, maxTerms: number = chunkStoreDefaults.maxQueryTerms): string | undefined {
  const terms = new Set<string>();
  for (const [word] of question.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    // `or` is websearch's operator (and an English stop word, so nothing is lost).
    if (word === 'or') continue;
    terms.add(word);
    if (terms.size === maxTerms) break;
  }
  return terms.size > 0 ? [...terms].join(' or ') : undefined;
}
