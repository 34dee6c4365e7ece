/**
 * Iterates `source` until `signal` aborts, then rejects with the signal's reason at once, even
 * while the source is waiting for its next item, and closes the source without awaiting it.
 * An SDK stream ends itself when its request is aborted; this makes "stops promptly" hold for
 * any source, including one that would keep waiting.
 */
export async function* abortable<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (!signal) {
    yield* source;
    return;
  }
  signal.throwIfAborted();
  const iterator = source[Symbol.asyncIterator]();
  let rejectOnAbort: (reason: unknown) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    rejectOnAbort = reject;
  });
  // Nobody may be racing when the abort comes (the consumer is busy); that must not be an unhandled rejection.
  aborted.catch(() => undefined);
  const onAbort = (): void => rejectOnAbort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    for (;;) {
      const result = await Promise.race([iterator.next(), aborted]);
      if (result.done) {
        finished = true;
        return;
      }
      yield result.value;
      signal.throwIfAborted();
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!finished) void iterator.return?.().catch(() => undefined);
  }
}
