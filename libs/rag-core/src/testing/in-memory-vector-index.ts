import type { DocumentVectors, VectorIndex, VectorMatch, VectorQuery, VectorRecord } from '../ports/vector-index.js';

/** Exact (brute-force) cosine search over records kept in memory: a test double of VectorIndex. */
export class InMemoryVectorIndex implements VectorIndex {
  private readonly records = new Map<string, VectorRecord>();

  get size(): number {
    return this.records.size;
  }

  async upsert(records: readonly VectorRecord[]): Promise<void> {
    for (const record of records) this.records.set(record.key, { ...record, embedding: Float32Array.from(record.embedding) });
  }

  async query(query: VectorQuery): Promise<VectorMatch[]> {
    const documents = query.documentIds?.length ? new Set(query.documentIds) : undefined;
    const matches: VectorMatch[] = [];
    for (const record of this.records.values()) {
      if (record.sessionId !== query.sessionId || (documents && !documents.has(record.documentId))) continue;
      matches.push({
        key: record.key,
        documentId: record.documentId,
        chunkIndex: record.chunkIndex,
        score: cosine(query.embedding, record.embedding),
      });
    }
    return matches.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key)).slice(0, query.topK);
  }

  async deleteDocument(target: DocumentVectors): Promise<void> {
    for (const [key, record] of this.records) {
      if (record.sessionId === target.sessionId && record.documentId === target.documentId) this.records.delete(key);
    }
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }
}

function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`Vector dimensions differ: ${a.length} vs ${b.length}`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
