import { describe, expect, it } from 'vitest';
import { abortableSleep, backoffDelay, withRetries, type RetryPolicy } from './retry.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250 };

function failing(times: number, error: Error = new Error('busy')) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    operation: async (attempt: number) => {
      calls += 1;
      if (attempt <= times) throw error;
      return `ok after ${attempt}`;
    },
  };
}

describe('backoffDelay', () => {
  it('draws uniformly below a doubling cap that stops at maxDelayMs (full jitter)', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, policy, () => 0.5))).toEqual([50, 100, 125, 125]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(1, policy, () => 0.999)).toBe(99);
  });
});

describe('withRetries', () => {
  it('retries a retryable failure with the drawn waits and returns the first success', async () => {
    const sleeps: number[] = [];
    const retried: number[] = [];
    const op = failing(2);
    const result = await withRetries(op.operation, policy, {
      isRetryable: () => true,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      onRetry: (_error, attempt) => retried.push(attempt),
    });
    expect(result).toBe('ok after 3');
    expect(op.calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
    expect(retried).toEqual([1, 2]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const sleeps: number[] = [];
    const op = failing(10, new Error('still busy'));
    await expect(withRetries(op.operation, policy, { isRetryable: () => true, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 })).rejects.toThrow(
      'still busy',
    );
    expect(op.calls).toBe(4);
    expect(sleeps).toEqual([50, 100, 125]);
  });

  it('does not retry an error the predicate rejects', async () => {
    const op = failing(1, new Error('bad request'));
    await expect(withRetries(op.operation, policy, { isRetryable: () => false, sleep: async () => undefined })).rejects.toThrow('bad request');
    expect(op.calls).toBe(1);
  });

  it('stops with the abort reason instead of retrying once the signal aborted', async () => {
    const controller = new AbortController();
    const op = failing(5);
    const sleep = async () => {
      controller.abort(new Error('client left'));
      controller.signal.throwIfAborted();
    };
    await expect(withRetries(op.operation, policy, { isRetryable: () => true, sleep, signal: controller.signal })).rejects.toThrow('client left');
    expect(op.calls).toBe(1);
  });

  it('rejects a policy without attempts or with negative waits', async () => {
    const op = failing(0);
    await expect(withRetries(op.operation, { ...policy, maxAttempts: 0 }, { isRetryable: () => true })).rejects.toThrow(
      'retry.maxAttempts must be an integer >= 1, got 0.',
    );
    await expect(withRetries(op.operation, { ...policy, baseDelayMs: -1 }, { isRetryable: () => true })).rejects.toThrow(
      'retry.baseDelayMs must be a finite number >= 0, got -1.',
    );
    expect(op.calls).toBe(0);
  });
});

describe('abortableSleep', () => {
  it('resolves after the wait and rejects with the reason on abort', async () => {
    await expect(abortableSleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const waiting = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
