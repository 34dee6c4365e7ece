/**
 * Output dimensions of the Bedrock embedding models we know. The vector index dimension is
 * derived from here so it always matches the model (the seed's 1536 is Titan v1; Titan v2
 * returns 1024 by default and optionally 512 or 256).
 */
export interface EmbeddingModelSpec {
  /** Dimensions the model can return; the first is its default. */
  readonly dimensions: readonly number[];
}

export const EMBEDDING_MODELS: Readonly<Record<string, EmbeddingModelSpec>> = {
  'amazon.titan-embed-text-v2:0': { dimensions: [1024, 512, 256] },
  'amazon.titan-embed-text-v1': { dimensions: [1536] },
  'cohere.embed-english-v3': { dimensions: [1024] },
  'cohere.embed-multilingual-v3': { dimensions: [1024] },
};

export const DEFAULT_EMBEDDING_MODEL_ID = 'amazon.titan-embed-text-v2:0';

/** S3 Vectors accepts 1..4096 dimensions per vector. */
export const MAX_VECTOR_DIMENSION = 4096;

export type DimensionResolution =
  | { readonly ok: true; readonly dimension: number }
  | { readonly ok: false; readonly expected: string };

/**
 * Picks the index dimension for `modelId`: the requested one if the model supports it,
 * otherwise the model's default. Unknown models must state their dimension explicitly.
 */
export function resolveEmbeddingDimension(modelId: string, requested: number | undefined): DimensionResolution {
  const spec = EMBEDDING_MODELS[modelId];
  if (!spec) {
    if (requested === undefined) {
      return { ok: false, expected: `an explicit dimension (1-${MAX_VECTOR_DIMENSION}) because model '${modelId}' is not in the known model table` };
    }
    return { ok: true, dimension: requested };
  }
  const [defaultDimension] = spec.dimensions;
  if (requested === undefined) return { ok: true, dimension: defaultDimension as number };
  if (!spec.dimensions.includes(requested)) {
    return { ok: false, expected: `one of ${spec.dimensions.join(', ')} for model '${modelId}'` };
  }
  return { ok: true, dimension: requested };
}
