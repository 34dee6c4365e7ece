/**
 * Killing the processor mid-document loses nothing: a worker process is SIGKILLed while it
 * indexes a document; once the message's visibility timeout expires, another worker receives it
 * (receive count 2) and completes the document with exactly one copy of every chunk and vector.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@student-helper/db-testing';
import type { JobMessage } from '@student-helper/shared-types';
import { documentJobHandler } from '../../src/worker/document-job-handler.js';
import { startWorker, type Worker } from '../../src/worker/start-worker.js';
import { killTest } from './kill-test.js';
import { expectedCounts, keysFor, openHarness, sessionId, tableCounts, workspaceRoot, type Harness } from '../../src/testing/harness.js';


interface ChildEvent {
  event: string;
  upserts?: number;
  keys?: string[];
  message?: string;
}

describe('the worker process killed with SIGKILL mid-document', () => {
  let testDatabase: TestDatabase;
  let blobRoot: string;
  let harness: Harness | undefined;
  let worker: Worker | undefined;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('pglite-socket');
    blobRoot = await mkdtemp(path.join(tmpdir(), 'processor-kill-'));
  });
  afterAll(async () => {
    await worker?.stop();
    await harness?.close();
    await testDatabase?.dispose();
    await rm(blobRoot, { recursive: true, force: true });
  });

  it('completes on redelivery after the visibility timeout, with no duplicate chunks or vectors', { timeout: 240_000 }, async () => {
    // Upload and enqueue, then close the pool: PGlite has one session, and while the worker
    // process runs it is its only client.
    const setup = await openHarness({ testDatabase, blobRoot });
    const message: JobMessage = await setup.uploadFile('real', 'tracemonkey.pdf');
    await setup.queue().send(message);
    await setup.close();

    const child = spawn(process.execPath, ['--conditions=@student-helper/source', '--import', 'tsx', path.join(import.meta.dirname, 'worker-process.ts'), testDatabase.config.kind === 'pg' ? testDatabase.config.connectionString : '', blobRoot], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_, signal) => resolve(signal)));
    const written: string[] = [];
    const events: ChildEvent[] = [];
    for await (const line of createInterface({ input: child.stdout })) {
      const event = JSON.parse(line) as ChildEvent;
      events.push(event);
      if (event.event === 'upserted') written.push(...(event.keys ?? []));
      if (event.event === 'upserted' && event.upserts === killTest.upsertsBeforeStall) {
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');
    expect(events.filter((event) => event.event === 'error' || event.event === 'warn')).toEqual([]);

    // What the killed worker left: the document mid-indexing, every chunk, the first 15 vectors.
    harness = await openHarness({ testDatabase, blobRoot });
    const { chunkCount } = await expectedCounts('real', 'tracemonkey.pdf');
    const partialVectors = killTest.upsertBatchSize * killTest.upsertsBeforeStall;
    expect(written).toEqual(keysFor(message.documentId, partialVectors));
    expect(await harness.documents.get(sessionId, message.documentId)).toMatchObject({ status: 'processing', stage: 'indexing' });
    expect(await harness.storedKeys(message.documentId)).toEqual({
      chunkKeys: keysFor(message.documentId, chunkCount),
      vectorKeys: keysFor(message.documentId, partialVectors),
    });
    const queue = harness.queue();
    expect(await harness.db.selectFrom('queue_messages').select('receive_count').execute()).toEqual([{ receive_count: 1 }]);

    // Another worker gets the message once its visibility timeout has run out.
    const receiveCounts: number[] = [];
    const handle = documentJobHandler(harness.deps);
    worker = startWorker({
      queue,
      pollIntervalMs: 100,
      handle: (job, context) => {
        receiveCounts.push(context.receiveCount);
        return handle(job, context);
      },
    });
    await vi.waitFor(async () => expect((await harness?.documents.get(sessionId, message.documentId))?.status).toBe('ready'), { timeout: 120_000, interval: 100 });
    await vi.waitFor(async () => expect(await queue.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 0 }));

    expect(receiveCounts).toEqual([2]);
    expect(await harness.documents.get(sessionId, message.documentId)).toMatchObject({ status: 'ready', pageCount: 14, chunkCount, error: null });
    expect(await harness.storedKeys(message.documentId)).toEqual({ chunkKeys: keysFor(message.documentId, chunkCount), vectorKeys: keysFor(message.documentId, chunkCount) });
    expect(await tableCounts(harness.db)).toEqual({ chunks: chunkCount, vectors: chunkCount });
    expect((await harness.jobs.get(message.jobId))?.job.attempts).toBe(2);
  });
});
