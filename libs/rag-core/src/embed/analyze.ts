import { stemmer } from 'stemmer';
import { STOPWORDS as stopWords } from '../answer/terms.js';

/**
 * Word-like runs: letters and digits, joined across inner `.`, `,`, `&`, `'` and `-`
 * ("3.5", "1,577", "pp&e", "don't", "year-end"), so amounts and abbreviations stay whole.
 */
const wordPattern = /[\p{L}\p{N}]+(?:[.,&'’-][\p{L}\p{N}]+)*/gu;
const digitsOnly = /^\p{N}+(?:[.,]\p{N}+)*$/u;
const lettersOnly = /^\p{L}+$/u;

/** Stems are cached: prose repeats a few thousand words, and stemming dominates analysis time. */
const stemCache = new Map<string, string>();
const stemCacheLimit = 50_000;

function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word);
    if (stemCache.size >= stemCacheLimit) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Normalises one word-like run into zero or more terms. */
function terms(raw: string, out: string[], wholeCompounds: boolean): void {
  if (digitsOnly.test(raw)) {
    // "1,577" and "1577" are the same amount; a trailing ".00" adds nothing.
    out.push(raw.replace(/,/gu, '').replace(/\.0+$/u, ''));
    return;
  }
  const word = raw.replace(/['’]s$/u, '').replace(/['’]/gu, '');
  if (lettersOnly.test(word)) {
    if (!stopWords.has(word) && word.length > 1) out.push(stem(word));
    return;
  }
  // Compounds ("year-end", "fy2018", "pp&e"): the whole form and its letter/digit parts.
  if (wholeCompounds) out.push(word.replace(/-/gu, ''));
  for (const part of word.split(/[^\p{L}\p{N}]+|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u)) {
    if (part.length > 1 && !stopWords.has(part)) out.push(lettersOnly.test(part) ? stem(part) : part);
  }
}

export interface AnalyzeOptions {
  /** Also emit compounds ("fy2018", "pp&e", "yearend") whole, before their parts. Default true. */
  wholeCompounds?: boolean;
}

/**
 * The meaningful terms of a text, in order: NFKC-normalised, lower-cased, stop words and
 * single letters dropped, words Porter-stemmed, numbers without thousands separators.
 * Shared by the offline embedder and the relevance floor so both see the same vocabulary.
 */
export function analyzeText(text: string, options: AnalyzeOptions = {}): string[] {
  const wholeCompounds = options.wholeCompounds ?? true;
  const out: string[] = [];
  const normalised = text.normalize('NFKC').toLowerCase();
  wordPattern.lastIndex = 0;
  for (let match = wordPattern.exec(normalised); match !== null; match = wordPattern.exec(normalised)) {
    terms(match[0], out, wholeCompounds);
  }
  return out;
}
