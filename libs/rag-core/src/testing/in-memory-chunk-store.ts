import { analyzeText } from '../embed/analyze.js';
import { chunkKey, type Chunk, type ScoredChunk, type StoredChunk } from '../model.js';
import type { ChunkStore, LexicalQuery, TermStatistics, TermStatisticsQuery } from '../ports/chunk-store.js';

/**
 * Chunks kept in memory: a test double of ChunkStore. Its lexical search is OR-semantics term
 * matching over analysed terms, scored by the sum of `1 + ln(tf)` of the matched query terms —
 * close enough to Postgres `ts_rank` for tests of code that consumes search results.
 */
export class InMemoryChunkStore implements ChunkStore {
  private readonly chunks = new Map<string, StoredChunk>();
  private readonly termCounts = new Map<string, Map<string, number>>();

  get size(): number {
    return this.chunks.size;
  }

  async replaceDocumentChunks(sessionId: string, documentId: string, chunks: readonly Chunk[]): Promise<void> {
    await this.deleteDocument(documentId);
    for (const chunk of chunks) {
      if (chunk.documentId !== documentId) {
        throw new RangeError(`Chunk ${chunk.index} belongs to ${chunk.documentId}, not ${documentId}`);
      }
      const key = chunkKey(documentId, chunk.index);
      this.chunks.set(key, { ...chunk, key, sessionId });
      const counts = new Map<string, number>();
      for (const term of analyzeText(chunk.text)) counts.set(term, (counts.get(term) ?? 0) + 1);
      this.termCounts.set(key, counts);
    }
  }

  async getByKeys(keys: readonly string[]): Promise<StoredChunk[]> {
    return keys.flatMap((key) => {
      const chunk = this.chunks.get(key);
      return chunk ? [{ ...chunk }] : [];
    });
  }

  async searchLexical(query: LexicalQuery): Promise<ScoredChunk[]> {
    const terms = [...new Set(analyzeText(query.text))];
    const documents = query.documentIds?.length ? new Set(query.documentIds) : undefined;
    const results: ScoredChunk[] = [];
    for (const chunk of this.chunks.values()) {
      if (chunk.sessionId !== query.sessionId || (documents && !documents.has(chunk.documentId))) continue;
      const counts = this.termCounts.get(chunk.key) as Map<string, number>;
      let score = 0;
      for (const term of terms) {
        const count = counts.get(term);
        if (count !== undefined) score += 1 + Math.log(count);
      }
      if (score > 0) results.push({ ...chunk, score });
    }
    return results.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key)).slice(0, query.topK);
  }

  async termStatistics(query: TermStatisticsQuery): Promise<TermStatistics> {
    const documents = query.documentIds?.length ? new Set(query.documentIds) : undefined;
    const chunksWithTerm = new Map(query.terms.map((term) => [term, 0]));
    let chunks = 0;
    let termTotal = 0;
    for (const chunk of this.chunks.values()) {
      if (chunk.sessionId !== query.sessionId || (documents && !documents.has(chunk.documentId))) continue;
      const counts = this.termCounts.get(chunk.key) as Map<string, number>;
      chunks += 1;
      for (const count of counts.values()) termTotal += count;
      for (const term of chunksWithTerm.keys()) if (counts.has(term)) chunksWithTerm.set(term, (chunksWithTerm.get(term) as number) + 1);
    }
    return { chunks, averageTermCount: chunks === 0 ? 0 : termTotal / chunks, chunksWithTerm };
  }

  async deleteDocument(documentId: string): Promise<void> {
    for (const [key, chunk] of this.chunks) {
      if (chunk.documentId === documentId) {
        this.chunks.delete(key);
        this.termCounts.delete(key);
      }
    }
  }
}
