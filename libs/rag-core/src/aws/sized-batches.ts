/**
 * Consecutive slices of `items` with at most `maxCount` items and, where more than one item,
 * at most `maxBytes` by `sizeOf`: an API's per-call item limit and its request-size limit at once.
 */
export function* sizedBatches<T>(items: readonly T[], maxCount: number, maxBytes: number, sizeOf: (item: T) => number): Generator<T[]> {
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (batch.length > 0 && (batch.length >= maxCount || bytes + size > maxBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
