import type { RetrievedSource } from '@student-helper/shared-types';
import type { ScoredChunk } from '../model.js';
import type { NumberedSource } from '../ports/chat-model.js';
import { defaultMaxOverlapRatio, defaultMaxSources, defaultSourceTokenBudget } from './number-sources.defaults.js';

export interface NumberSourcesOptions {
  /** At most this many sources (default {@link defaultMaxSources}). */
  maxSources?: number;
  /** Sum of the sources' `tokenCount` stays within this (default {@link defaultSourceTokenBudget}); the first source is always kept. */
  tokenBudget?: number;
  /** Drop a chunk when this fraction of it overlaps a kept chunk of the same page (default {@link defaultMaxOverlapRatio}). */
  maxOverlapRatio?: number;
}

/**
 * Gives retrieved chunks (best first) the markers `[1]..[n]` in rank order, after dropping
 * repeats and near-duplicate overlapping chunks of the same page, and stopping at the first
 * chunk that would exceed the token budget.
 */
export function numberSources(
  chunks: readonly ScoredChunk[],
  documentName: (documentId: string) => string,
  options: NumberSourcesOptions = {},
): NumberedSource[] {
  const maxSources = options.maxSources ?? defaultMaxSources;
  const tokenBudget = options.tokenBudget ?? defaultSourceTokenBudget;
  const maxOverlapRatio = options.maxOverlapRatio ?? defaultMaxOverlapRatio;
  const kept: ScoredChunk[] = [];
  let tokens = 0;
  for (const chunk of chunks) {
    if (kept.length >= maxSources) break;
    if (kept.some((other) => other.key === chunk.key || overlapRatio(chunk, other) >= maxOverlapRatio)) continue;
    if (kept.length > 0 && tokens + chunk.tokenCount > tokenBudget) break;
    kept.push(chunk);
    tokens += chunk.tokenCount;
  }
  return kept.map((chunk, i) => ({
    marker: i + 1,
    key: chunk.key,
    documentId: chunk.documentId,
    documentName: documentName(chunk.documentId),
    chunkIndex: chunk.index,
    pageStart: chunk.pageStart,
    pageEnd: chunk.pageEnd,
    charStart: chunk.charStart,
    charEnd: chunk.charEnd,
    text: chunk.text,
    score: chunk.score,
    ...(chunk.ocrConfidence !== undefined && { ocrConfidence: chunk.ocrConfidence }),
  }));
}

/** The part of `chunk` that lies inside `other`, when both sit on the same page of a document. */
function overlapRatio(chunk: ScoredChunk, other: ScoredChunk): number {
  if (chunk.documentId !== other.documentId || chunk.pageStart !== other.pageStart || chunk.pageEnd !== other.pageEnd) return 0;
  const length = chunk.charEnd - chunk.charStart;
  if (length <= 0) return 0;
  const shared = Math.min(chunk.charEnd, other.charEnd) - Math.max(chunk.charStart, other.charStart);
  return Math.max(0, shared) / length;
}

/** The `retrieval` event's view of a source (no text: the client has the PDF). */
export function toRetrievedSource(source: NumberedSource): RetrievedSource {
  return {
    marker: source.marker,
    documentId: source.documentId,
    documentName: source.documentName,
    chunkIndex: source.chunkIndex,
    pageStart: source.pageStart,
    pageEnd: source.pageEnd,
    score: source.score,
    ...(source.ocrConfidence !== undefined && { ocrConfidence: source.ocrConfidence }),
  };
}
