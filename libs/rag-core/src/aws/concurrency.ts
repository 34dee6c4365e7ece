/**
 * `task` over every item with at most `limit` running at once; results in input order.
 * The first failure rejects the call at once, aborts the signal handed to the running tasks
 * and starts no further task; an abort of `signal` does the same with its reason.
 *
 * Hand-written rather than `p-limit`: the worker pool is a dozen lines, and the fail-fast
 * cancellation around it would be needed anyway; one less dependency for every consumer of
 * the `/aws` entry point.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number, signal: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${limit}.`);
  signal?.throwIfAborted();
  const controller = new AbortController();
  let rejectEarly: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    rejectEarly = reject;
  });
  const fail = (error: unknown): void => {
    if (controller.signal.aborted) return;
    controller.abort(error);
    rejectEarly(error);
  };
  const forwardAbort = (): void => fail(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!controller.signal.aborted && next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await task(items[index] as T, index, controller.signal);
      } catch (error) {
        fail(error);
      }
    }
  };
  const finished = Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker)).then(() => results);
  try {
    return await Promise.race([finished, failed]);
  } finally {
    signal?.removeEventListener('abort', forwardAbort);
  }
}
