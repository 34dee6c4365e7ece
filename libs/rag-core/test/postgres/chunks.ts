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

/** A raw `chunks` row of `documentId` (for tests that go around the store). */
export function chunkRow(documentId: string, chunkIndex: number, key = `${documentId}#${chunkIndex}`) {
  return {
    key,
    session_id: 's',
    document_id: documentId,
    chunk_index: chunkIndex,
    page_start: 1,
    page_end: 1,
    char_start: 0,
    char_end: 1,
    text: 'x',
    token_count: 1,
    ocr_confidence: null,
  };
}
