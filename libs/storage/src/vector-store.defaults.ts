import {
  DEFAULT_EMBEDDING_MODEL_ID,
  MAX_VECTOR_DIMENSION,
  assertIntegerInRange,
  assertMatches,
  assertOneOf,
  resolveEmbeddingDimension,
} from '@student-helper/infra-shared';

/**
 * The chunk index of the seed with the dimension corrected (SPEC §5 correction 1): it follows
 * the embedding model, 1024 for Titan Text Embeddings v2. `text_content` is stored with each
 * vector but not filterable, which keeps the filterable metadata small (S3 Vectors caps it).
 */
export const VECTOR_STORE_DEFAULTS = {
  indexName: 'documents',
  dataType: 'float32',
  distanceMetric: 'cosine',
  embeddingModelId: DEFAULT_EMBEDDING_MODEL_ID,
  nonFilterableMetadataKeys: ['text_content'],
  sseType: 'AES256',
} as const;

export const DISTANCE_METRICS = ['cosine', 'euclidean'] as const;
export type DistanceMetric = (typeof DISTANCE_METRICS)[number];

/** S3 Vectors allows at most 10 non-filterable metadata keys per index. */
export const MAX_NON_FILTERABLE_KEYS = 10;

export interface VectorIndexSettings {
  readonly indexName: string;
  readonly dimension: number;
  readonly distanceMetric: DistanceMetric;
  readonly nonFilterableMetadataKeys: readonly string[];
}

/** Resolves and validates the index settings; throws naming the bad arg. */
export function resolveVectorIndexSettings(args: {
  indexName?: string;
  embeddingModelId?: string;
  dimension?: number;
  distanceMetric?: DistanceMetric;
  nonFilterableMetadataKeys?: readonly string[];
}): VectorIndexSettings {
  const indexName = args.indexName ?? VECTOR_STORE_DEFAULTS.indexName;
  assertMatches('indexName', indexName, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, '3-63 lowercase letters, digits, hyphens and dots');

  const modelId = args.embeddingModelId ?? VECTOR_STORE_DEFAULTS.embeddingModelId;
  if (args.dimension !== undefined) assertIntegerInRange('dimension', args.dimension, 1, MAX_VECTOR_DIMENSION);
  const resolved = resolveEmbeddingDimension(modelId, args.dimension);
  if (!resolved.ok) throw new Error(`dimension must be ${resolved.expected}, got ${args.dimension ?? 'none'}`);

  const distanceMetric = args.distanceMetric ?? VECTOR_STORE_DEFAULTS.distanceMetric;
  assertOneOf('distanceMetric', distanceMetric, DISTANCE_METRICS);

  const keys = args.nonFilterableMetadataKeys ?? VECTOR_STORE_DEFAULTS.nonFilterableMetadataKeys;
  if (keys.length > MAX_NON_FILTERABLE_KEYS) {
    throw new Error(`nonFilterableMetadataKeys allows at most ${MAX_NON_FILTERABLE_KEYS} keys, got ${keys.length}`);
  }
  for (const key of keys) assertMatches('nonFilterableMetadataKeys', key, /^.{1,63}$/, 'keys of 1-63 characters');
  if (new Set(keys).size !== keys.length) throw new Error(`nonFilterableMetadataKeys must not repeat a key, got ${keys.join(', ')}`);

  return { indexName, dimension: resolved.dimension, distanceMetric, nonFilterableMetadataKeys: keys };
}
