/** Sizes are in tokens as measured by {@link countTokens}; overlap ratios are of `targetTokens`. */
export interface ChunkOptions {
  /** A chunk keeps growing past a paragraph end until it has at least this many tokens. */
  minTokens?: number;
  /** Preferred size: a chunk stops growing once the next sentence would take it past this. */
  targetTokens?: number;
  /** Hard upper bound; longer sentences are split at line breaks, then between words. */
  maxTokens?: number;
  /** Smallest overlap with the previous chunk of the same page, as a fraction of `targetTokens`. */
  minOverlap?: number;
  /** Largest overlap with the previous chunk of the same page, as a fraction of `targetTokens`. */
  maxOverlap?: number;
}

export type ResolvedChunkOptions = Required<ChunkOptions>;

/**
 * SPEC §4 asks for ~250–512 tokens with 10–20 % overlap. `countTokens` reads ~1.13 × fewer
 * tokens than a BPE tokenizer (cl100k: median 1.11 per chunk, p95 1.31, measured by
 * `tools/eval/token-count-calibration.ts`), so 225 / 360 / 450 here are ~255 / ~405 / ~510
 * model tokens.
 */
export const chunkDefaults: ResolvedChunkOptions = {
  minTokens: 225,
  targetTokens: 360,
  maxTokens: 450,
  minOverlap: 0.1,
  maxOverlap: 0.2,
};

/** Merges `options` over the defaults and rejects combinations the chunker cannot honour. */
export function resolveChunkOptions(options: ChunkOptions = {}): ResolvedChunkOptions {
  const resolved: ResolvedChunkOptions = { ...chunkDefaults };
  for (const [key, value] of Object.entries(options) as [keyof ChunkOptions, number | undefined][]) {
    if (value !== undefined) resolved[key] = value;
  }
  const { minTokens, targetTokens, maxTokens, minOverlap, maxOverlap } = resolved;
  for (const key of ['minTokens', 'targetTokens', 'maxTokens'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 1) {
      throw new RangeError(`Chunk option ${key} must be a positive integer, got ${resolved[key]}`);
    }
  }
  if (!(minTokens <= targetTokens && targetTokens <= maxTokens)) {
    throw new RangeError(
      `Chunk options need minTokens <= targetTokens <= maxTokens, got ${minTokens}, ${targetTokens}, ${maxTokens}`,
    );
  }
  if (!(minOverlap >= 0 && minOverlap <= maxOverlap && maxOverlap < 0.5)) {
    throw new RangeError(
      `Chunk options need 0 <= minOverlap <= maxOverlap < 0.5, got ${minOverlap}, ${maxOverlap}`,
    );
  }
  return resolved;
}
