import type { Chunk } from '../model.js';

/**
 * Checks a document's chunks before anything is deleted, so bad input fails with a clear
 * message and the chunks already stored survive.
 */
export function assertDocumentChunks(sessionId: string, documentId: string, chunks: readonly Chunk[]): void {
  if (!sessionId) throw new TypeError('sessionId must be a non-empty string.');
  if (!documentId) throw new TypeError('documentId must be a non-empty string.');
  const seen = new Set<number>();
  for (const chunk of chunks) {
    const where = `Chunk ${chunk.index} of document "${documentId}"`;
    if (chunk.documentId !== documentId) {
      throw new TypeError(`Chunk ${chunk.index} belongs to document "${chunk.documentId}", not "${documentId}".`);
    }
    if (seen.has(chunk.index)) throw new TypeError(`${where} appears twice.`);
    seen.add(chunk.index);
    for (const field of ['index', 'pageStart', 'pageEnd', 'charStart', 'charEnd', 'tokenCount'] as const) {
      if (!Number.isInteger(chunk[field]) || chunk[field] < 0) {
        throw new TypeError(`${where} has ${field} ${chunk[field]}; expected a non-negative integer.`);
      }
    }
    if (chunk.pageStart < 1 || chunk.pageEnd < chunk.pageStart) {
      throw new TypeError(`${where} spans pages ${chunk.pageStart}–${chunk.pageEnd}; pages are 1-based and end ≥ start.`);
    }
    if (chunk.charEnd < chunk.charStart) {
      throw new TypeError(`${where} spans characters ${chunk.charStart}–${chunk.charEnd}; end must be ≥ start.`);
    }
    if (chunk.ocrConfidence !== undefined && !(Number.isInteger(chunk.ocrConfidence) && chunk.ocrConfidence >= 0 && chunk.ocrConfidence <= 100)) {
      throw new TypeError(`${where} has ocrConfidence ${chunk.ocrConfidence}; expected an integer from 0 to 100.`);
    }
    if (chunk.text.includes('\u0000')) {
      throw new TypeError(`${where} contains a NUL character, which Postgres text cannot store.`);
    }
  }
}
