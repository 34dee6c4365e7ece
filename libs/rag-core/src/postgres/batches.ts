import { MAX_BIND_PARAMETERS } from './chunk-store.defaults.js';

/** Rows per multi-row INSERT: what was asked for, but never more bind parameters than Postgres takes. */
export function rowsPerInsert(columnsPerRow: number, requestedRows: number): number {
  return Math.max(1, Math.min(requestedRows, Math.floor(MAX_BIND_PARAMETERS / columnsPerRow)));
}

/** `items` in consecutive slices of at most `size`. */
export function* inBatches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
