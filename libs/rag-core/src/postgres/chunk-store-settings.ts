/** What a chunk store is built for: vectors of one embedding model, in one place. */
export interface ChunkStoreSettings {
  /** The embedder's `modelId`; vectors of different models must never be compared. */
  embeddingModelId: string;
  /** The embedder's `dimensions` (pgvector column size). */
  dimensions: number;
  /** `pgvector`: vectors in `chunk_vectors` here; `none`: vectors live elsewhere (S3 Vectors). */
  vectorIndex: 'pgvector' | 'none';
}

export type ChunkStoreSettingsErrorCode = 'INVALID_SETTINGS' | 'SETTINGS_MISMATCH' | 'PGVECTOR_UNAVAILABLE';

/** The chunk store cannot be opened as configured; the message says what to change. */
export class ChunkStoreSettingsError extends Error {
  override readonly name = 'ChunkStoreSettingsError';
  constructor(
    readonly code: ChunkStoreSettingsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** pgvector's HNSW index handles `vector` columns of up to 2,000 dimensions. */
export const MAX_PGVECTOR_DIMENSIONS = 2_000;

export function validateSettings(settings: ChunkStoreSettings): void {
  if (typeof settings.embeddingModelId !== 'string' || settings.embeddingModelId.trim() === '') {
    throw new ChunkStoreSettingsError('INVALID_SETTINGS', 'embeddingModelId must be a non-empty string.');
  }
  if (!Number.isInteger(settings.dimensions) || settings.dimensions < 1) {
    throw new ChunkStoreSettingsError('INVALID_SETTINGS', `dimensions must be a positive integer, got ${settings.dimensions}.`);
  }
  if (settings.vectorIndex !== 'pgvector' && settings.vectorIndex !== 'none') {
    throw new ChunkStoreSettingsError('INVALID_SETTINGS', `vectorIndex must be "pgvector" or "none", got "${String(settings.vectorIndex)}".`);
  }
  if (settings.vectorIndex === 'pgvector' && settings.dimensions > MAX_PGVECTOR_DIMENSIONS) {
    throw new ChunkStoreSettingsError(
      'INVALID_SETTINGS',
      `pgvector's HNSW index supports at most ${MAX_PGVECTOR_DIMENSIONS} dimensions; ${settings.embeddingModelId} has ${settings.dimensions}.`,
    );
  }
}

export function describeSettings(settings: ChunkStoreSettings): string {
  return `"${settings.embeddingModelId}" (${settings.dimensions} dimensions, vector index ${settings.vectorIndex})`;
}

export function sameSettings(a: ChunkStoreSettings, b: ChunkStoreSettings): boolean {
  return a.embeddingModelId === b.embeddingModelId && a.dimensions === b.dimensions && a.vectorIndex === b.vectorIndex;
}
