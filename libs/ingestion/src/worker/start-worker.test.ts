import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@student-helper/db-testing';
import { migrateApp, PostgresJobQueue, type AppTables, type JobQueueConsumer } from '@student-helper/persistence';
import { openDatabase, type Database } from '@student-helper/rag-core/postgres';
import { sql } from 'kysely';
import type { JobMessage } from '@student-helper/shared-types';
import type { JobContext } from '../processor-deps.js';
import { MessageLostError, startWorker, WorkerStoppingError, type Worker } from './start-worker.js';
import { heartbeatIntervalMs, retryDelaySeconds } from './start-worker.defaults.js';

function job(n: number): JobMessage {
  const suffix = String(n).padStart(12, '0');
  return { jobId: `00000000-0000-4000-8000-${suffix}`, documentId: `00000000-0000-4000-9000-${suffix}`, sessionId: `00000000-0000-4000-a000-${suffix}`, key: `k${n}`, size: n };
}

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('startWorker', () => {
  let testDatabase: TestDatabase;
  let database: Database<AppTables>;
  let queue: PostgresJobQueue;
  let worker: Worker | undefined;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('pglite');
    database = await openDatabase<AppTables>(testDatabase.config);
    await migrateApp(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await testDatabase?.dispose();
  });
  beforeEach(async () => {
    await sql`truncate queue_messages, queue_dead_letters`.execute(database.db);
    queue = new PostgresJobQueue(database.db, { maxReceiveCount: 3 });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  const fast = { pollIntervalMs: 5, retryDelaySeconds: () => 0 };

  it('runs each message once and deletes it, never more at once than its concurrency', async () => {
    for (let n = 1; n <= 7; n++) await queue.send(job(n));
    let running = 0;
    let mostAtOnce = 0;
    const seen: number[] = [];
    worker = startWorker({
      ...fast,
      queue,
      concurrency: 3,
      handle: async (received) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        seen.push(received.body.size);
        running -= 1;
      },
    });
    await vi.waitFor(async () => expect(await queue.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 0 }), { timeout: 10_000 });
    expect(seen.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(mostAtOnce).toBe(3);
  });

  it('hands the handler the receive count, the queue’s maxReceiveCount and a live signal', async () => {
    await queue.send(job(1));
    const contexts: JobContext[] = [];
    worker = startWorker({ ...fast, queue, handle: async (_, context) => void contexts.push(context) });
    await vi.waitFor(() => expect(contexts).toHaveLength(1));
    expect(contexts[0]).toEqual({ receiveCount: 1, maxReceiveCount: 3, signal: expect.any(AbortSignal) });
    expect(contexts[0]?.signal?.aborted).toBe(false);
  });

  it('makes a failed message visible again after the retry delay; the next attempt sees the next receive count', async () => {
    await queue.send(job(1));
    const attempts: number[] = [];
    worker = startWorker({
      ...fast,
      queue,
      handle: async (_, context) => {
        attempts.push(context.receiveCount);
        if (context.receiveCount === 1) throw new Error('transient');
      },
    });
    await vi.waitFor(async () => expect(await queue.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 0 }), { timeout: 10_000 });
    expect(attempts).toEqual([1, 2]);
  });

  it('dead-letters a message that fails maxReceiveCount times', async () => {
    await queue.send(job(1));
    const attempts: number[] = [];
    worker = startWorker({
      ...fast,
      queue,
      handle: async (_, context) => {
        attempts.push(context.receiveCount);
        throw new Error('always');
      },
    });
    await vi.waitFor(async () => expect(await queue.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 1 }), { timeout: 10_000 });
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('keeps a long message hidden with a heartbeat', async () => {
    await queue.send(job(1));
    const extended: [string, number][] = [];
    const watched: JobQueueConsumer = {
      maxReceiveCount: queue.maxReceiveCount,
      receive: (options) => queue.receive(options),
      delete: (receipt) => queue.delete(receipt),
      changeVisibility: (receipt, seconds) => {
        extended.push([receipt, seconds]);
        return queue.changeVisibility(receipt, seconds);
      },
    };
    const release = deferred();
    let receipt = '';
    worker = startWorker({
      ...fast,
      queue: watched,
      visibilityTimeoutSeconds: 600,
      heartbeatIntervalMs: 10,
      handle: async (received) => {
        receipt = received.receipt;
        await release.promise;
      },
    });
    await vi.waitFor(() => expect(extended.length).toBeGreaterThanOrEqual(3));
    expect(new Set(extended.map(([r, s]) => `${r}/${s}`))).toEqual(new Set([`${receipt}/600`]));
    release.resolve();
    await vi.waitFor(async () => expect(await queue.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 0 }));
  });

  it('aborts the handler when the heartbeat finds the message redelivered elsewhere, and leaves the message', async () => {
    await queue.send(job(1));
    const lost = deferred<unknown>();
    worker = startWorker({
      ...fast,
      queue: { ...bind(queue), changeVisibility: async () => false },
      heartbeatIntervalMs: 10,
      handle: async (_, context) => {
        await new Promise((resolve) => context.signal?.addEventListener('abort', resolve));
        lost.resolve(context.signal?.reason);
        throw context.signal?.reason;
      },
    });
    expect(await lost.promise).toBeInstanceOf(MessageLostError);
    await worker.stop();
    expect(await queue.counts()).toEqual({ visible: 0, hidden: 1, deadLetters: 0 });
  });

  it('on stop, lets in-flight messages finish, deletes them and receives nothing more', async () => {
    await queue.send(job(1));
    const started = deferred();
    const release = deferred();
    const handled: number[] = [];
    worker = startWorker({
      ...fast,
      queue,
      handle: async (received) => {
        started.resolve();
        await release.promise;
        handled.push(received.body.size);
      },
    });
    await started.promise;
    await queue.send(job(2));
    const stopped = worker.stop();
    release.resolve();
    await stopped;
    expect(handled).toEqual([1]);
    expect(await queue.counts()).toEqual({ visible: 1, hidden: 0, deadLetters: 0 });
  });

  it('on stop, aborts what does not finish in time and releases it at once', async () => {
    await queue.send(job(1));
    const started = deferred();
    let reason: unknown;
    worker = startWorker({
      ...fast,
      queue,
      stopTimeoutMs: 20,
      handle: async (_, context) => {
        started.resolve();
        await new Promise((resolve) => context.signal?.addEventListener('abort', resolve));
        reason = context.signal?.reason;
        throw reason;
      },
    });
    await started.promise;
    await worker.stop();
    expect(reason).toBeInstanceOf(WorkerStoppingError);
    const [again] = await queue.receive();
    expect(again?.receiveCount).toBe(2);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    worker = startWorker({ ...fast, queue, handle: async () => undefined, signal: controller.signal });
    controller.abort();
    await expect(worker.stopped).resolves.toBeUndefined();
  });

  it('logs a failing receive and keeps polling', async () => {
    await queue.send(job(1));
    let failures = 0;
    const errors: string[] = [];
    const handled = deferred<number>();
    worker = startWorker({
      ...fast,
      queue: {
        ...bind(queue),
        receive: async (options) => {
          if (failures++ < 2) throw new Error('database restarting');
          return queue.receive(options);
        },
      },
      log: { info: () => undefined, warn: () => undefined, error: (fields) => errors.push(String((fields as { err: Error }).err.message)) },
      handle: async (received) => handled.resolve(received.body.size),
    });
    expect(await handled.promise).toBe(1);
    expect(errors).toEqual(['database restarting', 'database restarting']);
  });

  it('rejects a concurrency below one', () => {
    expect(() => startWorker({ queue, handle: async () => undefined, concurrency: 0 })).toThrow('concurrency must be a positive integer, got 0.');
  });
});

describe('worker defaults', () => {
  it('back off 30 s, 60 s, 120 s … up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });

  it('beat three times per visibility timeout', () => {
    expect(heartbeatIntervalMs(1800)).toBe(600_000);
    expect(heartbeatIntervalMs(1)).toBe(1_000);
  });
});

function bind(queue: PostgresJobQueue): JobQueueConsumer {
  return {
    maxReceiveCount: queue.maxReceiveCount,
    receive: (options) => queue.receive(options),
    delete: (receipt) => queue.delete(receipt),
    changeVisibility: (receipt, seconds) => queue.changeVisibility(receipt, seconds),
  };
}

