/** Text-fidelity metrics for the parse benchmark: how much of a reference text our text keeps. */

/** Lower-case word tokens (runs of letters and digits) after NFKC, so `ﬁle` and `file` agree. */
export function wordTokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function counts(tokens: readonly string[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const token of tokens) result.set(token, (result.get(token) ?? 0) + 1);
  return result;
}

export interface Recall {
  /** Reference tokens also found in the candidate, counted with multiplicity. */
  matched: number;
  /** All reference tokens. */
  total: number;
  /** `matched / total`; 1 when the reference has no tokens (nothing to miss). */
  recall: number;
}

/**
 * Multiset token recall of `candidate` against `reference`: each reference token counts as
 * found up to as many times as it occurs in the candidate. Order-insensitive on purpose —
 * reading order of columns and footnotes differs between extractors without losing text.
 */
export function tokenRecall(candidate: string, reference: string): Recall {
  const have = counts(wordTokens(candidate));
  const want = counts(wordTokens(reference));
  let matched = 0;
  let total = 0;
  for (const [token, needed] of want) {
    total += needed;
    matched += Math.min(needed, have.get(token) ?? 0);
  }
  return { matched, total, recall: total === 0 ? 1 : matched / total };
}
