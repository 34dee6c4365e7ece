export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface Bm25Hit {
  id: string;
  score: number;
}

/**
 * Okapi BM25 over pre-tokenised documents, with the non-negative Lucene idf
 * `ln(1 + (N - n + 0.5) / (n + 0.5))`. Used to rerank a candidate pool (whose term statistics
 * are only known after hydration) and as the evaluation's reference ranking. Written here
 * (forty lines) because both need exactly this textbook formula over our own analysed terms,
 * with no tuning hidden in a library.
 */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly documentFrequency = new Map<string, number>();
  private readonly docs: { id: string; length: number; tf: Map<string, number> }[] = [];
  private readonly averageLength: number;

  constructor(documents: readonly { id: string; tokens: readonly string[] }[], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    let totalLength = 0;
    for (const { id, tokens } of documents) {
      const tf = new Map<string, number>();
      for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
      for (const token of tf.keys()) this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
      this.docs.push({ id, length: tokens.length, tf });
      totalLength += tokens.length;
    }
    this.averageLength = documents.length === 0 ? 0 : totalLength / documents.length;
  }

  idf(token: string): number {
    const n = this.documentFrequency.get(token) ?? 0;
    return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
  }

  /** Documents with a positive score, best first (ties by insertion order), at most `topK`. */
  search(queryTokens: readonly string[], topK: number): Bm25Hit[] {
    const hits: (Bm25Hit & { order: number })[] = [];
    this.docs.forEach((doc, order) => {
      let score = 0;
      for (const token of queryTokens) {
        const tf = doc.tf.get(token);
        if (tf === undefined) continue;
        const norm = this.k1 * (1 - this.b + (this.b * doc.length) / (this.averageLength || 1));
        score += (this.idf(token) * tf * (this.k1 + 1)) / (tf + norm);
      }
      if (score > 0) hits.push({ id: doc.id, score, order });
    });
    return hits
      .sort((x, y) => y.score - x.score || x.order - y.order)
      .slice(0, topK)
      .map(({ id, score }) => ({ id, score }));
  }
}
