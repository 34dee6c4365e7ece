/** Identifies the offline answerer in stored messages and usage reports. */
export const extractiveModelId = 'offline-extractive-v1';

export interface ExtractiveAnswererOptions {
  /** Sentences in an answer at most. */
  maxSentences?: number;
  /** Sentences taken from one source at most, so an answer draws on several when it can. */
  maxSentencesPerSource?: number;
  /** A sentence scoring below this fraction of the best sentence is left out. */
  minRelativeScore?: number;
  /** Source `[k]`'s sentences are weighted `1 / (1 + rankDecay * (k - 1))`: higher-ranked sources win ties. */
  rankDecay?: number;
  /** Sentences with fewer words are headings or fragments, not answers. */
  minSentenceWords?: number;
  /** Longer sentences are cut at a space (tables and unpunctuated text). */
  maxSentenceChars?: number;
  /** Two sentences sharing at least this fraction of their terms (Jaccard) count as one. */
  duplicateSimilarity?: number;
}

export const extractiveAnswererDefaults: Required<ExtractiveAnswererOptions> = {
  maxSentences: 3,
  maxSentencesPerSource: 2,
  minRelativeScore: 0.35,
  rankDecay: 0.15,
  minSentenceWords: 4,
  maxSentenceChars: 400,
  duplicateSimilarity: 0.8,
};
