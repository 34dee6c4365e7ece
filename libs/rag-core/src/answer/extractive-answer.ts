import type { NumberedSource } from '../ports/chat-model.js';
import { extractiveAnswererDefaults, type ExtractiveAnswererOptions } from './extractive-answerer.defaults.js';
import { analyzeText } from '../embed/analyze.js';
import { Bm25Index } from '../retrieve/bm25.js';
import { sentenceBm25 } from './best-quote.js';
import { NOT_FOUND_ANSWER } from './not-found.js';
import { splitSentences } from './sentences.js';

/** A sentence chosen for an extractive answer. */
export interface ExtractedSentence {
  marker: number;
  /** The sentence with its whitespace collapsed to single spaces. */
  text: string;
  score: number;
}

interface Candidate {
  marker: number;
  position: number;
  text: string;
  terms: string[];
}

/**
 * The sentences of the sources that best answer the question, best first: BM25 of each
 * sentence against the question's stemmed terms, weighted towards higher-ranked sources,
 * without near-duplicates. When no sentence shares a term with the question (the retriever
 * matched on meaning), the first sentence of the top source stands in.
 */
export function selectAnswerSentences(
  question: string,
  sources: readonly NumberedSource[],
  options: ExtractiveAnswererOptions = {},
): ExtractedSentence[] {
  const settings = { ...extractiveAnswererDefaults, ...options };
  const all: Candidate[] = [];
  for (const source of sources) {
    for (const sentence of splitSentences(source.text, settings.maxSentenceChars)) {
      const text = sentence.text.replace(/\s+/gu, ' ');
      all.push({ marker: source.marker, position: all.length, text, terms: analyzeText(text) });
    }
  }
  // Headings and fragments make poor answers, unless the sources hold nothing else.
  const informative = all.filter((c) => c.text.split(' ').length >= settings.minSentenceWords && /\p{L}/u.test(c.text));
  const candidates = informative.length > 0 ? informative : all;
  if (candidates.length === 0) return [];

  const index = new Bm25Index(
    candidates.map((candidate, i) => ({ id: String(i), tokens: candidate.terms })),
    sentenceBm25,
  );
  const scored = index
    .search([...new Set(analyzeText(question))], candidates.length)
    .map((hit) => {
      const candidate = candidates[Number(hit.id)] as Candidate;
      return { candidate, score: hit.score / (1 + settings.rankDecay * (candidate.marker - 1)) };
    })
    .sort((a, b) => b.score - a.score || a.candidate.position - b.candidate.position);
  if (scored.length === 0) {
    const first = candidates[0] as Candidate;
    return [{ marker: first.marker, text: first.text, score: 0 }];
  }

  const best = scored[0]?.score ?? 0;
  const chosen: { candidate: Candidate; score: number }[] = [];
  const perSource = new Map<number, number>();
  for (const entry of scored) {
    if (chosen.length >= settings.maxSentences || entry.score < settings.minRelativeScore * best) break;
    const { candidate } = entry;
    if ((perSource.get(candidate.marker) ?? 0) >= settings.maxSentencesPerSource) continue;
    if (chosen.some((other) => similarity(other.candidate, candidate) >= settings.duplicateSimilarity)) continue;
    chosen.push(entry);
    perSource.set(candidate.marker, (perSource.get(candidate.marker) ?? 0) + 1);
  }
  return chosen.map(({ candidate, score }) => ({ marker: candidate.marker, text: candidate.text, score }));
}

/** The answer text: each chosen sentence verbatim followed by its marker, or {@link NOT_FOUND_ANSWER}. */
export function composeExtractiveAnswer(question: string, sources: readonly NumberedSource[], options?: ExtractiveAnswererOptions): string {
  const sentences = selectAnswerSentences(question, sources, options);
  if (sentences.length === 0) return NOT_FOUND_ANSWER;
  return sentences.map((sentence) => `${sentence.text} [${sentence.marker}]`).join(' ');
}

// Jaccard similarity of term sets; the same sentence repeated in overlapping chunks scores 1.
function similarity(a: Candidate, b: Candidate): number {
  if (a.text.toLowerCase() === b.text.toLowerCase()) return 1;
  const left = new Set(a.terms);
  const right = new Set(b.terms);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const term of left) if (right.has(term)) shared += 1;
  return shared / (left.size + right.size - shared);
}
