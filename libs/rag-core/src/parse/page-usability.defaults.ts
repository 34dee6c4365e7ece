/**
 * Where {@link assessPageText} draws the line between a usable text layer and garbage.
 * Calibrated on every page of ../shared/corpus/real and the 28 FinanceBench filings (3,730
 * pages): good pages have at most 4% unmapped characters (bullets in the American Express
 * 10-K), at least 48% readable characters (alphatrans.pdf's `stroke=1,` labels; 57% in the
 * filings' tables) and mean word lengths up to 8.3; TAMReview.pdf's broken pages have 61–92%
 * unmapped characters. The thresholds keep a wide margin on both sides.
 */
export const pageUsabilityThresholds = {
  /** More unmapped glyphs than this share of the raw characters: garbage. */
  maxUnmappedShare: 0.2,
  /** Word statistics are judged only on pages with at least this many characters; a short label is too little to judge. */
  minCharsForWordStatistics: 40,
  /** Fewer characters in word- or number-like tokens than this share: garbage. */
  minReadableShare: 0.3,
  /** Words longer than this on average (with enough letters to tell): the font lost its spaces. */
  maxMeanWordLength: 15,
} as const;
