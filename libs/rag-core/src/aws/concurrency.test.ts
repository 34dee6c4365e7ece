import { describe, expect, it } from 'vitest';
import { mapConcurrent } from './concurrency.js';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('mapConcurrent', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3, 0, 6], 3, async (value) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, value));
      running -= 1;
      return value * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });

  it('returns [] for no items without calling the task', async () => {
    let calls = 0;
    expect(await mapConcurrent([], 4, async () => (calls += 1))).toEqual([]);
    expect(calls).toBe(0);
  });

  it('rejects with the first failure, aborts the running tasks and starts no more', async () => {
    const started: number[] = [];
    const abortedWith: unknown[] = [];
    const gate = deferred();
    const failure = new Error('item 1 failed');
    const run = mapConcurrent([0, 1, 2, 3, 4], 2, async (value, _index, signal) => {
      started.push(value);
      if (value === 1) throw failure;
      signal.addEventListener('abort', () => abortedWith.push(signal.reason));
      await gate.promise;
      return value;
    });
    await expect(run).rejects.toBe(failure);
    gate.resolve();
    expect(started).toEqual([0, 1]);
    expect(abortedWith).toEqual([failure]);
  });

  it('stops with the caller signal reason', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const run = mapConcurrent(
      [0, 1, 2, 3],
      1,
      async (value) => {
        started.push(value);
        if (value === 1) controller.abort(new Error('cancelled'));
        return value;
      },
      controller.signal,
    );
    await expect(run).rejects.toThrow('cancelled');
    expect(started).toEqual([0, 1]);
  });

  it('rejects an already aborted signal and a limit below 1', async () => {
    await expect(mapConcurrent([1], 1, async (v) => v, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    await expect(mapConcurrent([1], 0, async (v) => v)).rejects.toThrow('concurrency must be an integer >= 1, got 0.');
  });
});
