import { setTimeout as delay } from 'node:timers/promises';
import type { JobQueueConsumer, ReceivedJob } from '@student-helper/persistence';
import type { JobContext, ProcessorLogger } from '../processor-deps.js';
import { heartbeatIntervalMs, retryDelaySeconds, workerDefaults } from './start-worker.defaults.js';

export interface WorkerOptions {
  queue: JobQueueConsumer;
  /** Processes one message; resolving deletes it, throwing leaves it for redelivery. */
  handle: (job: ReceivedJob, context: JobContext) => Promise<unknown>;
  concurrency?: number;
  pollIntervalMs?: number;
  visibilityTimeoutSeconds?: number;
  /** Default: a third of the visibility timeout. */
  heartbeatIntervalMs?: number;
  /** Seconds until a failed message is visible again, by its receive count. */
  retryDelaySeconds?: (receiveCount: number) => number;
  stopTimeoutMs?: number;
  /** Aborting stops the worker (as `stop()` does). */
  signal?: AbortSignal;
  log?: ProcessorLogger;
}

export interface Worker {
  /** Resolves once the loop has ended and every in-flight message was finished or released. */
  readonly stopped: Promise<void>;
  /**
   * Stops receiving, lets in-flight messages finish for up to `stopTimeoutMs`, then aborts them
   * and makes them visible again at once. Resolves like `stopped`.
   */
  stop(): Promise<void>;
}

/** The message was redelivered to another consumer: its receipt no longer works. */
export class MessageLostError extends Error {
  override readonly name = 'MessageLostError';
}

/** The worker is stopping; the message goes back to the queue. */
export class WorkerStoppingError extends Error {
  override readonly name = 'WorkerStoppingError';
}

const ignore = (): void => undefined;

/**
 * The local consumer loop: receives up to `concurrency` messages, runs `handle` on each with a
 * heartbeat that extends its visibility, deletes it on success, and on failure makes it visible
 * again after `retryDelaySeconds` (the queue's receive count moves it to the dead-letter table
 * in the end). A failing receive is logged and retried after the poll interval.
 */
export function startWorker(options: WorkerOptions): Worker {
  const { queue, handle } = options;
  const log = options.log ?? { info: ignore, warn: ignore, error: ignore };
  const concurrency = options.concurrency ?? workerDefaults.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}.`);
  const pollIntervalMs = options.pollIntervalMs ?? workerDefaults.pollIntervalMs;
  const visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? workerDefaults.visibilityTimeoutSeconds;
  const heartbeatMs = options.heartbeatIntervalMs ?? heartbeatIntervalMs(visibilityTimeoutSeconds);
  const retryDelay = options.retryDelaySeconds ?? retryDelaySeconds;
  const stopTimeoutMs = options.stopTimeoutMs ?? workerDefaults.stopTimeoutMs;

  const stopping = new AbortController();
  const inFlight = new Map<string, { done: Promise<void>; controller: AbortController }>();

  const process = async (job: ReceivedJob, controller: AbortController): Promise<void> => {
    const fields = { messageId: job.messageId, receiveCount: job.receiveCount };
    const heartbeat = setInterval(() => {
      queue.changeVisibility(job.receipt, visibilityTimeoutSeconds).then(
        (owned) => {
          if (!owned) controller.abort(new MessageLostError(`Message ${job.messageId} was redelivered to another consumer.`));
        },
        (error: unknown) => log.warn({ ...fields, err: error }, 'heartbeat could not extend the visibility timeout'),
      );
    }, heartbeatMs);
    try {
      await handle(job, { receiveCount: job.receiveCount, maxReceiveCount: queue.maxReceiveCount, signal: controller.signal });
      clearInterval(heartbeat);
      if (!(await queue.delete(job.receipt))) log.warn(fields, 'message was redelivered before it could be deleted');
    } catch (error) {
      clearInterval(heartbeat);
      const reason = controller.signal.aborted ? controller.signal.reason : undefined;
      if (reason instanceof MessageLostError) {
        log.warn(fields, 'message lost to another consumer; stopped working on it');
        return;
      }
      const visibleIn = reason instanceof WorkerStoppingError ? 0 : retryDelay(job.receiveCount);
      log.warn({ ...fields, err: error, visibleIn }, 'message failed; it will be redelivered');
      await queue.changeVisibility(job.receipt, visibleIn).catch((releaseError: unknown) => {
        log.error({ ...fields, err: releaseError }, 'could not change the visibility of a failed message');
      });
    }
  };

  const start = (job: ReceivedJob): void => {
    const controller = new AbortController();
    // `process` handles its own errors; `finally` frees the slot.
    const done = process(job, controller)
      .catch((error: unknown) => log.error({ messageId: job.messageId, err: error }, 'worker bookkeeping failed'))
      .finally(() => inFlight.delete(job.messageId));
    inFlight.set(job.messageId, { done, controller });
  };

  const loop = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      const free = concurrency - inFlight.size;
      if (free === 0) {
        await Promise.race([...[...inFlight.values()].map((entry) => entry.done), aborted(stopping.signal)]);
        continue;
      }
      let jobs: ReceivedJob[] = [];
      try {
        jobs = await queue.receive({ max: Math.min(free, 10), visibilityTimeoutSeconds });
      } catch (error) {
        log.error({ err: error }, 'receiving from the job queue failed');
      }
      if (stopping.signal.aborted) {
        await Promise.all(jobs.map((job) => queue.changeVisibility(job.receipt, 0).catch(ignore)));
        break;
      }
      jobs.forEach(start);
      if (jobs.length === 0) await delay(pollIntervalMs, undefined, { signal: stopping.signal }).catch(ignore);
    }
    await drain();
  };

  const drain = async (): Promise<void> => {
    const finished = Promise.all([...inFlight.values()].map((entry) => entry.done));
    const timer = new AbortController();
    const timedOut = await Promise.race([
      finished.then(() => false),
      delay(stopTimeoutMs, true, { signal: timer.signal }).catch(() => false),
    ]);
    timer.abort();
    if (timedOut) {
      log.warn({ inFlight: inFlight.size }, 'stop timeout reached; releasing in-flight messages');
      for (const entry of inFlight.values()) entry.controller.abort(new WorkerStoppingError('The worker is stopping.'));
      await Promise.all([...inFlight.values()].map((entry) => entry.done));
    }
  };

  const stop = (): Promise<void> => {
    stopping.abort();
    return stopped;
  };
  options.signal?.addEventListener('abort', () => void stop(), { once: true });
  if (options.signal?.aborted) stopping.abort();
  const stopped = loop();
  return { stopped, stop };
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
