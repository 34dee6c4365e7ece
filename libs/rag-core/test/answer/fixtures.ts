import type { NumberedSource, ScoredChunk } from '../../src/index.js';

/** A chunk of `documentId` on `page`, its text at `charStart` of the page. */
export function scoredChunk(
  documentId: string,
  index: number,
  text: string,
  overrides: Partial<ScoredChunk> = {},
): ScoredChunk {
  const charStart = overrides.charStart ?? 0;
  return {
    key: `${documentId}#${index}`,
    sessionId: 'session-1',
    documentId,
    index,
    pageStart: 1,
    pageEnd: 1,
    charStart,
    charEnd: charStart + text.length,
    text,
    tokenCount: Math.ceil(text.length / 4),
    score: 1,
    ...overrides,
  };
}

/** Source `[marker]` of `documentId` page `page`, its text at `charStart` of the page. */
export function numberedSource(marker: number, text: string, overrides: Partial<NumberedSource> = {}): NumberedSource {
  const charStart = overrides.charStart ?? 0;
  return {
    marker,
    key: `doc-${marker}#0`,
    documentId: `doc-${marker}`,
    documentName: `Document ${marker}.pdf`,
    chunkIndex: 0,
    pageStart: 1,
    pageEnd: 1,
    charStart,
    charEnd: charStart + text.length,
    text,
    score: 1 / marker,
    ...overrides,
  };
}
