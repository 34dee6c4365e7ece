import type { RelevanceFloor } from './relevance-floor.js';

export interface HybridRetrieverOptions {
  /** Candidates taken from each source (vector and lexical) before fusion. */
  candidates?: number;
  /** RRF constant k; 60 is the value of the original paper and works across collections. */
  rrfK?: number;
  /** Chunks returned when the request does not say. */
  topK?: number;
  /** RRF weight of the vector ranking. */
  vectorWeight?: number;
  /** RRF weight of the lexical ranking. */
  lexicalWeight?: number;
  /** RRF weight of the BM25 ranking of the hydrated candidate pool. */
  poolWeight?: number;
  /** Evidence a chunk needs to be returned at all; calibrated for the offline embedder. */
  floor?: Partial<RelevanceFloor>;
}

export interface ResolvedHybridRetrieverOptions extends Required<Omit<HybridRetrieverOptions, 'floor'>> {
  floor: RelevanceFloor;
}

export const hybridRetrieverDefaults: ResolvedHybridRetrieverOptions = {
  candidates: 50,
  rrfK: 60,
  topK: 8,
  // The pool ranking leads; the searches' own rankings break its ties. Chosen on FinanceBench with
  // the offline embedder (docs/benchmarks.md), which now uses lexicalEmbedderRetrieverOptions; a
  // semantic embedder's ranking is not measured here (no network), so it keeps this modest weight.
  vectorWeight: 0.25,
  lexicalWeight: 0.25,
  poolWeight: 1,
  // Calibrated on FinanceBench and 20 off-topic questions (docs/benchmarks.md): wrongly rejects
  // 2 % of answerable questions, rejects 89 % of off-topic ones asked of a single document.
  floor: { minVectorScore: 0.15, minTermCoverage: 0.4, minQueryCoverage: 0.6 },
};

/**
 * Weights for an embedder that knows no meaning, such as the offline embedder: a hashed bag of
 * the very words BM25 sees, without their rarity. Its ranking, like Postgres' `ts_rank`, only
 * repeats the pool BM25's evidence with less information, so both choose the candidates (and
 * give the floor its evidence) while the pool's BM25 alone orders them. On FinanceBench this
 * raised recall@5 from 0.42 to 0.46 (one document per session) and from 0.25 to 0.28 (all 28);
 * docs/benchmarks.md. A semantic embedder (Titan, OpenAI) keeps the default weights.
 */
export const lexicalEmbedderRetrieverOptions: HybridRetrieverOptions = { vectorWeight: 0, lexicalWeight: 0 };

export function resolveHybridRetrieverOptions(options: HybridRetrieverOptions = {}): ResolvedHybridRetrieverOptions {
  const resolved: ResolvedHybridRetrieverOptions = {
    candidates: options.candidates ?? hybridRetrieverDefaults.candidates,
    rrfK: options.rrfK ?? hybridRetrieverDefaults.rrfK,
    topK: options.topK ?? hybridRetrieverDefaults.topK,
    vectorWeight: options.vectorWeight ?? hybridRetrieverDefaults.vectorWeight,
    lexicalWeight: options.lexicalWeight ?? hybridRetrieverDefaults.lexicalWeight,
    poolWeight: options.poolWeight ?? hybridRetrieverDefaults.poolWeight,
    floor: { ...hybridRetrieverDefaults.floor, ...definedEntries(options.floor ?? {}) },
  };
  for (const key of ['candidates', 'topK'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 1) {
      throw new RangeError(`HybridRetriever ${key} must be a positive integer, got ${resolved[key]}`);
    }
  }
  for (const key of ['rrfK', 'vectorWeight', 'lexicalWeight', 'poolWeight'] as const) {
    if (!(Number.isFinite(resolved[key]) && resolved[key] >= 0)) {
      throw new RangeError(`HybridRetriever ${key} must be a finite number >= 0, got ${resolved[key]}`);
    }
  }
  return resolved;
}

function definedEntries<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
