/** A retrieved page: which document and which 1-based page. */
export interface PageRef {
  documentId: string;
  page: number;
}

/** Distinct pages in order of first appearance in a best-first list of hits. */
export function rankPages(hits: readonly PageRef[]): PageRef[] {
  const seen = new Set<string>();
  const pages: PageRef[] = [];
  for (const hit of hits) {
    const id = `${hit.documentId}\u0000${hit.page}`;
    if (seen.has(id)) continue;
    seen.add(id);
    pages.push({ documentId: hit.documentId, page: hit.page });
  }
  return pages;
}

/** 1-based rank of the first gold page in `ranked`, or undefined when none is there. */
export function firstHitRank(ranked: readonly PageRef[], gold: readonly PageRef[]): number | undefined {
  const index = ranked.findIndex((page) => gold.some((g) => g.documentId === page.documentId && g.page === page.page));
  return index < 0 ? undefined : index + 1;
}

/** 1 when any gold page is among the first `k` ranked pages, else 0. */
export function recallAtK(ranked: readonly PageRef[], gold: readonly PageRef[], k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const rank = firstHitRank(ranked, gold);
  return rank !== undefined && rank <= k ? 1 : 0;
}

/** Reciprocal rank of the first gold page (0 when absent); averaged over questions it is MRR. */
export function reciprocalRank(ranked: readonly PageRef[], gold: readonly PageRef[]): number {
  const rank = firstHitRank(ranked, gold);
  return rank === undefined ? 0 : 1 / rank;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of no values');
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export interface RankingScores {
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  mrr: number;
}

/** Recall@1/5/10 and MRR over questions, each with its ranked pages and gold pages. */
export function scoreRankings(rows: readonly { ranked: readonly PageRef[]; gold: readonly PageRef[] }[]): RankingScores {
  return {
    recallAt1: mean(rows.map((row) => recallAtK(row.ranked, row.gold, 1))),
    recallAt5: mean(rows.map((row) => recallAtK(row.ranked, row.gold, 5))),
    recallAt10: mean(rows.map((row) => recallAtK(row.ranked, row.gold, 10))),
    mrr: mean(rows.map((row) => reciprocalRank(row.ranked, row.gold))),
  };
}
