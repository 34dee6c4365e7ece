import { STOPWORDS } from '@student-helper/rag-core';

/** Lower-cased runs of letters and digits: the "plain" tokenizer of the BM25 reference. */
export function plainTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** {@link plainTokens} without English stop words. */
export function plainContentTokens(text: string): string[] {
  return plainTokens(text).filter((token) => !STOPWORDS.has(token));
}
