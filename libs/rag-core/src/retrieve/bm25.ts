/**
 * Term statistics of the collection a set of documents was drawn from. Without them idf and
 * average length come from the indexed documents themselves, which misleads when those are a
 * pre-selected pool: a term that every candidate shares because the search asked for it looks
 * worthless, however rare it is in the collection.
 */
export interface Bm25Collection {
  /** Documents in the collection. */
  documents: number;
  /** Mean document length in tokens. */
  averageLength: number;
  /** Documents of the collection containing `token`. */
  documentFrequency(token: string): number;
}

export interface Bm25Options {
  k1?: number;
  b?: number;
  /** Statistics to use instead of the indexed documents' own. */
  collection?: Bm25Collection;
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
  private readonly collection: Bm25Collection | undefined;

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
    this.collection = options.collection;
    this.averageLength = this.collection?.documents
      ? this.collection.averageLength
      : documents.length === 0
        ? 0
        : totalLength / documents.length;
  }

  idf(token: string): number {
    const local = this.documentFrequency.get(token) ?? 0;
    // The indexed documents are part of the collection: statistics gathered a moment apart (or
    // by an older analyser) can never say a term is rarer than these documents show.
    const n = Math.max(local, this.collection?.documentFrequency(token) ?? 0);
    const total = Math.max(this.docs.length, this.collection?.documents ?? 0);
    return Math.log(1 + (total - n + 0.5) / (n + 0.5));
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
