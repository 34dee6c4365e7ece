import { stemmer } from 'stemmer';

/**
 * English function words. Hand-written rather than taken from a stop-word package because the
 * packages on npm ship no types and mix in content words ("information", "first") that matter
 * to a student's question; this list holds only words that never carry the topic.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'about', 'above', 'after', 'again', 'against', 'all', 'also', 'am', 'an', 'and', 'any', 'are', 'as', 'at',
  'be', 'because', 'been', 'before', 'being', 'below', 'between', 'both', 'but', 'by',
  'can', 'could', 'did', 'do', 'does', 'doing', 'down', 'during', 'each', 'either', 'else', 'etc', 'ever', 'every',
  'few', 'for', 'from', 'further', 'had', 'has', 'have', 'having', 'he', 'her', 'here', 'hers', 'herself', 'him',
  'himself', 'his', 'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'itself', 'just', 'let', 'may', 'me', 'might',
  'more', 'most', 'much', 'must', 'my', 'myself', 'no', 'nor', 'not', 'now', 'of', 'off', 'on', 'once', 'one', 'only',
  'or', 'other', 'our', 'ours', 'ourselves', 'out', 'over', 'own', 'per', 'please', 'same', 'shall', 'she', 'should',
  'so', 'some', 'such', 'than', 'that', 'the', 'their', 'theirs', 'them', 'themselves', 'then', 'there', 'these',
  'they', 'this', 'those', 'through', 'thus', 'to', 'too', 'under', 'until', 'up', 'upon', 'us', 'very', 'via', 'was',
  'we', 'were', 'what', 'when', 'where', 'whether', 'which', 'while', 'who', 'whom', 'whose', 'why', 'will', 'with',
  'within', 'without', 'would', 'yet', 'you', 'your', 'yours', 'yourself', 'yourselves',
]);

/** A word of a text with its position, so a match can be mapped back to the original text. */
export interface WordSpan {
  /** The word lower-cased, possessive `'s` removed. */
  word: string;
  start: number;
  end: number;
}

// Letters and digits, keeping inner apostrophes ("don't") and numbers ("3.5", "1,200") together.
const wordPattern = /[\p{L}\p{N}]+(?:['’]\p{L}+|(?<=\p{N})[.,]\p{N}+)*/gu;
const possessive = /['’]s$/;

/** The words of `text` in order, lower-cased. */
export function words(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(wordPattern)) {
    const word = match[0].toLowerCase().replace(possessive, '');
    spans.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** Whether a lower-cased word carries meaning (not a stop word, not a lone letter). */
export function isContentWord(word: string): boolean {
  if (STOPWORDS.has(word)) return false;
  return word.length > 1 || /\p{N}/u.test(word);
}

/** The comparable form of a content word: Porter stem, so "reactions" and "reaction" match. */
export function termOf(word: string): string {
  return /\p{N}/u.test(word) ? word : stemmer(word);
}
