import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineReachedError, jobSignal } from './job-signal.js';

describe('jobSignal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never aborts without a signal or a deadline', () => {
    const job = jobSignal({});
    expect(job.signal.aborted).toBe(false);
    expect(() => job.checkpoint()).not.toThrow();
    job.dispose();
  });

  it("aborts with the caller's reason", () => {
    const caller = new AbortController();
    const job = jobSignal({ signal: caller.signal });
    caller.abort(new Error('shutting down'));
    expect(job.signal.reason).toEqual(new Error('shutting down'));
    expect(() => job.checkpoint()).toThrow('shutting down');
  });

  it('starts aborted when the caller already aborted or the deadline has passed', () => {
    const caller = new AbortController();
    caller.abort(new Error('already'));
    expect(jobSignal({ signal: caller.signal }).signal.aborted).toBe(true);
    const late = jobSignal({ deadline: 1_000, now: () => 1_000 });
    expect(late.signal.reason).toEqual(new DeadlineReachedError(1_000));
    expect(() => late.checkpoint()).toThrow(DeadlineReachedError);
  });

  it('aborts when the deadline arrives', () => {
    vi.useFakeTimers({ now: 10_000 });
    const job = jobSignal({ deadline: 12_000 });
    vi.advanceTimersByTime(1_999);
    expect(job.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(job.signal.reason).toBeInstanceOf(DeadlineReachedError);
    expect(job.signal.reason.message).toBe('Stopped before the deadline (1970-01-01T00:00:12.000Z); the message will be redelivered.');
  });

  it('checkpoint notices a passed deadline before the timer fires', () => {
    let now = 0;
    const job = jobSignal({ deadline: 100, now: () => now });
    now = 100;
    expect(() => job.checkpoint()).toThrow(DeadlineReachedError);
    job.dispose();
  });

  it('dispose stops listening to the caller and clears the timer', () => {
    vi.useFakeTimers({ now: 0 });
    const caller = new AbortController();
    const job = jobSignal({ signal: caller.signal, deadline: 50 });
    job.dispose();
    vi.advanceTimersByTime(100);
    caller.abort();
    expect(job.signal.aborted).toBe(false);
  });
});
