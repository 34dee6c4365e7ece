import { measureTextQuality } from './page-text-quality.js';
import { pageUsabilityThresholds as limits } from './page-usability.defaults.js';

/**
 * Whether a page's text layer can be used as it is. `garbage` carries the measurement that
 * decided it, for logs and tests.
 */
export type PageTextVerdict = { usable: true } | { usable: false; reason: 'empty' } | { usable: false; reason: 'garbage'; evidence: string };

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/**
 * Judges a page's extracted text: `empty` when nothing is left after normalisation; `garbage`
 * when the font could not map its glyphs (control characters, U+FFFD, private-use code points
 * in the raw strings — detected there because normalisation turns control characters into
 * spaces), when too little of the text reads as words or numbers, or when the words are
 * implausibly long (lost spaces). A short text (a label, a scanner's one-word OCR layer) is
 * judged on unmapped glyphs only: a few characters say too little about word statistics.
 *
 * @param text the normalised page text
 * @param rawText pdf.js's item strings joined by spaces, before normalisation (defaults to `text`)
 */
export function assessPageText(text: string, rawText: string = text): PageTextVerdict {
  if (text.trim().length === 0) return { usable: false, reason: 'empty' };
  const quality = measureTextQuality(rawText, text);
  if (quality.unmappedShare > limits.maxUnmappedShare) {
    return { usable: false, reason: 'garbage', evidence: `${percent(quality.unmappedShare)} of the characters are unmapped glyphs` };
  }
  if (quality.textChars >= limits.minCharsForWordStatistics) {
    if (quality.readableShare < limits.minReadableShare) {
      return { usable: false, reason: 'garbage', evidence: `only ${percent(quality.readableShare)} of the characters form words or numbers` };
    }
    if (quality.wordLetters >= limits.minCharsForWordStatistics && quality.meanWordLength > limits.maxMeanWordLength) {
      return { usable: false, reason: 'garbage', evidence: `words average ${quality.meanWordLength.toFixed(1)} letters` };
    }
  }
  return { usable: true };
}
