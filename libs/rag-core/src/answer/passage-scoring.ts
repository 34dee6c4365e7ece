/**
 * Scores short passages (sentences) against a query with BM25 over the passages themselves.
 * The collection is tiny (the sentences of a few chunks), so this is computed in memory per
 * answer instead of reusing the database's full-text ranking.
 */
export class PassageScorer {
  private readonly idf = new Map<string, number>();
  private readonly averageLength: number;

  constructor(
    private readonly passages: readonly (readonly string[])[],
    private readonly k1 = 1.2,
    private readonly b = 0.5,
  ) {
    const documentFrequency = new Map<string, number>();
    let totalLength = 0;
    for (const terms of passages) {
      totalLength += terms.length;
      for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
    const n = passages.length;
    for (const [term, df] of documentFrequency) this.idf.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    this.averageLength = n === 0 ? 0 : totalLength / n;
  }

  /** BM25 of passage `index` for the distinct query terms; 0 when no term matches. */
  score(queryTerms: ReadonlySet<string>, index: number): number {
    const terms = this.passages[index];
    if (!terms || terms.length === 0) return 0;
    const frequency = new Map<string, number>();
    for (const term of terms) if (queryTerms.has(term)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    const lengthNorm = 1 - this.b + (this.b * terms.length) / this.averageLength;
    let total = 0;
    for (const [term, tf] of frequency) {
      total += (this.idf.get(term) ?? 0) * ((tf * (this.k1 + 1)) / (tf + this.k1 * lengthNorm));
    }
    return total;
  }
}
