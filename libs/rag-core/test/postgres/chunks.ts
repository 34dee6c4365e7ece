import type { Chunk } from '../../src/model.js';

/** A chunk of `documentId` on page 1 with offsets derived from its index (tests only). */
export function chunkOf(documentId: string, index: number, text: string, page = 1): Chunk {
  return {
    documentId,
    index,
    pageStart: page,
    pageEnd: page,
    charStart: index * 100,
    charEnd: index * 100 + text.length,
    text,
    tokenCount: text.split(/\s+/).filter(Boolean).length,
  };
}
