import { sentenceSpans } from '../chunk/sentences.js';
import { paragraphSpans, type Span } from '../chunk/spans.js';

/** A sentence of a text: `text` is exactly `source.slice(start, end)`. */
export interface SentenceSpan extends Span {
  text: string;
}

/**
 * The chunker's sentences (paragraph- and abbreviation-aware, offsets preserved), with
 * over-long ones (table rows, text without punctuation) cut at a space before `maxChars` so a
 * quote or an extracted answer sentence stays readable.
 */
export function splitSentences(text: string, maxChars = 400): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  for (const paragraph of paragraphSpans(text)) {
    for (const sentence of sentenceSpans(text, paragraph)) {
      let { start } = sentence;
      while (sentence.end - start > maxChars) {
        const cut = text.lastIndexOf(' ', start + maxChars);
        const end = cut > start ? cut : start + maxChars;
        sentences.push({ start, end, text: text.slice(start, end) });
        start = end;
        while (start < sentence.end && /\s/u.test(text[start] ?? '')) start += 1;
      }
      if (sentence.end > start) sentences.push({ start, end: sentence.end, text: text.slice(start, sentence.end) });
    }
  }
  return sentences;
}
