import { chunkKey } from './model.js';
import type { VectorRecord } from './ports/vector-index.js';

/**
 * Rejects records whose key is not `documentId#chunkIndex`, or that repeat a key: every vector
 * index replaces by key, so either would silently lose a chunk.
 */
export function assertVectorRecordKeys(records: readonly VectorRecord[]): void {
  const keys = new Set<string>();
  for (const record of records) {
    const expected = chunkKey(record.documentId, record.chunkIndex);
    if (record.key !== expected) throw new TypeError(`Key "${record.key}" is not ${expected} (documentId#chunkIndex).`);
    if (keys.has(record.key)) throw new TypeError(`Key "${record.key}" appears twice in one upsert.`);
    keys.add(record.key);
  }
}
