import { analyzeText } from '../embed/analyze.js';

/**
 * Words that say what to do with the answer rather than what it is about: "explain", "show",
 * "calculate … and round to one decimal place", "answer by relying on the details shown in".
 * The documents rarely contain them, so as query terms they would count as missing evidence
 * (the relevance floor rejected 4 of 83 answerable FinanceBench questions for them) and, being
 * rare, outweigh the words that name the subject in BM25. Only instructions are listed: words
 * that can name a subject ("state", "unit", "place", "metric") stay, whatever they do in a prompt.
 */
export const questionFramingTerms: ReadonlySet<string> = new Set(
  analyzeText(
    'answer answers question questions explain describe respond response rely relying detail details ' +
      'shown show round decimal calculate compute utilize utilizing ask asked assume assuming standpoint ' +
      'provide provided judgment please roughly tell summarize mention mentioned primarily following abilities',
  ),
);

/** `terms` without question framing, unless nothing else is left (then the framing is the question). */
export function withoutQuestionFraming(terms: readonly string[]): string[] {
  const content = terms.filter((term) => !questionFramingTerms.has(term));
  return content.length > 0 ? content : [...terms];
}
