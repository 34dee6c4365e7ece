export interface FusedItem {
  key: string;
  /** Σ weightᵢ / (k + rankᵢ) over the lists the key appears in. */
  score: number;
  /** 1-based rank of the key in each input list, `undefined` where it is absent. */
  ranks: (number | undefined)[];
}

/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): combines rankings whose
 * scores are not comparable (cosine similarity, text-search rank) using ranks only.
 * Each list is best-first; a key repeated within one list counts at its first rank.
 * Ties are broken by the best single rank, then by the key, so the order is deterministic.
 */
export function reciprocalRankFusion(
  lists: readonly (readonly string[])[],
  options: { k?: number; weights?: readonly number[] } = {},
): FusedItem[] {
  const k = options.k ?? 60;
  if (!(k >= 0 && Number.isFinite(k))) throw new RangeError(`RRF k must be a finite number >= 0, got ${k}`);
  const weights = options.weights ?? lists.map(() => 1);
  if (weights.length !== lists.length) {
    throw new RangeError(`RRF needs one weight per list: ${weights.length} weights for ${lists.length} lists`);
  }
  const fused = new Map<string, FusedItem>();
  lists.forEach((list, listIndex) => {
    list.forEach((key, position) => {
      let item = fused.get(key);
      if (item === undefined) {
        item = { key, score: 0, ranks: lists.map(() => undefined) };
        fused.set(key, item);
      }
      if (item.ranks[listIndex] !== undefined) return;
      item.ranks[listIndex] = position + 1;
      item.score += (weights[listIndex] as number) / (k + position + 1);
    });
  });
  const bestRank = (item: FusedItem): number => Math.min(...item.ranks.map((rank) => rank ?? Infinity));
  return [...fused.values()].sort(
    (a, b) => b.score - a.score || bestRank(a) - bestRank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
