import type { DocumentVectors, VectorIndex, VectorMatch, VectorQuery, VectorRecord } from '@student-helper/rag-core';

/**
 * A vector index that, like S3 Vectors, can only delete by key: `deleteDocument` removes keys
 * `documentId#0 … documentId#(chunkCount-1)` and nothing else. Shows that the processor hands
 * it the right count.
 */
export class KeyedVectorIndex implements VectorIndex {
  readonly records = new Map<string, VectorRecord>();

  async upsert(records: readonly VectorRecord[]): Promise<void> {
    for (const record of records) this.records.set(record.key, record);
  }

  async query(query: VectorQuery): Promise<VectorMatch[]> {
    return [...this.records.values()]
      .filter((record) => record.sessionId === query.sessionId)
      .slice(0, query.topK)
      .map((record) => ({ key: record.key, documentId: record.documentId, chunkIndex: record.chunkIndex, score: 0 }));
  }

  async deleteDocument(target: DocumentVectors): Promise<void> {
    for (let index = 0; index < target.chunkCount; index++) this.records.delete(`${target.documentId}#${index}`);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  keysOf(documentId: string): string[] {
    return [...this.records.keys()].filter((key) => key.startsWith(`${documentId}#`)).sort((a, b) => Number(a.split('#')[1]) - Number(b.split('#')[1]));
  }
}
