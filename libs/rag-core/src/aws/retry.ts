import { setTimeout as delay } from 'node:timers/promises';

/** How often and how long to wait: exponential backoff capped at `maxDelayMs`, with full jitter. */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 = no retry). */
  maxAttempts: number;
  /** The cap of the first retry's wait; it doubles with each further retry. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Waits `ms`; rejects with the signal's reason as soon as it aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryHooks {
  isRetryable(error: unknown): boolean;
  sleep?: Sleep;
  /** A number in [0, 1) (default `Math.random`). */
  random?: () => number;
  signal?: AbortSignal;
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
}

export const abortableSleep: Sleep = async (ms, signal) => {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  }
};

/**
 * The wait before retry number `retry` (1-based): uniform in [0, min(maxDelay, base × 2^(retry−1))).
 * Full jitter spreads the retries of many throttled callers instead of synchronising them
 * (AWS Architecture Blog, "Exponential Backoff And Jitter").
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * cap);
}

/**
 * Runs `operation` until it succeeds, fails with an error `isRetryable` rejects, or used
 * `maxAttempts`; then throws the last error. Hand-written rather than `p-retry`: that package
 * randomises between a minimum and a maximum (not full jitter) and takes no injectable
 * clock, which tests need to assert the exact waits without waiting.
 */
export async function withRetries<T>(operation: (attempt: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks): Promise<T> {
  assertPolicy(policy);
  const sleep = hooks.sleep ?? abortableSleep;
  const random = hooks.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    hooks.signal?.throwIfAborted();
    try {
      return await operation(attempt);
    } catch (error) {
      if (hooks.signal?.aborted || attempt >= policy.maxAttempts || !hooks.isRetryable(error)) throw error;
      const wait = backoffDelay(attempt, policy, random);
      hooks.onRetry?.(error, attempt, wait);
      await sleep(wait, hooks.signal);
    }
  }
}

function assertPolicy(policy: RetryPolicy): void {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be an integer >= 1, got ${policy.maxAttempts}.`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs'] as const) {
    if (!(Number.isFinite(policy[key]) && policy[key] >= 0)) throw new RangeError(`retry.${key} must be a finite number >= 0, got ${policy[key]}.`);
  }
}
