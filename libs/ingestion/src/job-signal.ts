/** The Lambda's (or the caller's) time budget ran out: the message goes back to the queue. */
export class DeadlineReachedError extends Error {
  override readonly name = 'DeadlineReachedError';
  constructor(readonly deadline: number) {
    super(`Stopped before the deadline (${new Date(deadline).toISOString()}); the message will be redelivered.`);
  }
}

export interface JobSignal {
  /** Aborts when the caller's signal aborts or the deadline passes (reason DeadlineReachedError). */
  signal: AbortSignal;
  /** Throws the abort reason once aborted. Call between steps. */
  checkpoint(): void;
  dispose(): void;
}

/** One signal for a job: the caller's abort and its deadline combined. */
export function jobSignal(options: { signal?: AbortSignal; deadline?: number; now?: () => number }): JobSignal {
  const controller = new AbortController();
  const now = options.now ?? Date.now;
  const abortFromCaller = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) abortFromCaller();
  else options.signal?.addEventListener('abort', abortFromCaller, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const { deadline } = options;
  const expire = () => controller.abort(new DeadlineReachedError(deadline as number));
  if (deadline !== undefined && !controller.signal.aborted) {
    const remaining = deadline - now();
    if (remaining <= 0) expire();
    else timer = setTimeout(expire, remaining);
  }
  return {
    signal: controller.signal,
    checkpoint() {
      if (deadline !== undefined && !controller.signal.aborted && now() >= deadline) expire();
      controller.signal.throwIfAborted();
    },
    dispose() {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abortFromCaller);
    },
  };
}
