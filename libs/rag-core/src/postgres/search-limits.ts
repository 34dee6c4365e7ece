import { chunkStoreDefaults } from './chunk-store.defaults.js';

/** Rejects a `topK` that is not a whole number between 1 and the configured maximum. */
export function assertTopK(topK: number): void {
  if (!Number.isInteger(topK) || topK < 1 || topK > chunkStoreDefaults.maxTopK) {
    throw new RangeError(`topK must be an integer from 1 to ${chunkStoreDefaults.maxTopK}, got ${topK}.`);
  }
}

/** The documents to search in, or `undefined` for the whole session (an empty list filters nothing). */
export function documentFilter(documentIds: readonly string[] | undefined): string[] | undefined {
  return documentIds && documentIds.length > 0 ? [...new Set(documentIds)] : undefined;
}
