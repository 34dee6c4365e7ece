import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@student-helper/db-testing';
import { DocumentRepository, migrateApp, PostgresJobQueue, SessionRepository, type AppTables } from '@student-helper/persistence';
import { openDatabase, type Database } from '@student-helper/rag-core/postgres';
import type { JobMessage } from '@student-helper/shared-types';
import { redriveDeadLetters } from './redrive-dead-letters.js';

const run = promisify(execFile);
const workspaceRoot = path.resolve(import.meta.dirname, '../../../..');
const sessionId = '00000000-0000-4000-8000-0000000000a1';

/** Documents whose jobs failed `maxReceiveCount` times: failed rows, messages in the dead-letter table. */
async function deadLetteredDocuments(db: Database<AppTables>['db'], count: number): Promise<JobMessage[]> {
  const documents = new DocumentRepository(db);
  let now = Date.parse('2026-01-01T00:00:00Z');
  const queue = new PostgresJobQueue(db, { maxReceiveCount: 1, now: () => new Date(now) });
  const messages: JobMessage[] = [];
  for (let i = 0; i < count; i++) {
    const document = await documents.create({ sessionId, filename: `f${i}.pdf`, sizeBytes: 1, blobKey: `k${i}-${crypto.randomUUID()}` });
    await documents.markFailed(document.documentId, { code: 'PROCESSING_FAILED', message: 'Processing failed.' });
    const message = { jobId: document.jobId, documentId: document.documentId, sessionId, key: 'k', size: 1 };
    await queue.send(message);
    messages.push(message);
  }
  await queue.receive({ max: 10 });
  now += 3_600_000;
  expect(await queue.receive({ max: 10 })).toEqual([]);
  return messages;
}

describe('redriveDeadLetters', () => {
  let testDatabase: TestDatabase;
  let database: Database<AppTables>;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('pglite');
    database = await openDatabase<AppTables>(testDatabase.config);
    await migrateApp(database.db);
    await new SessionRepository(database.db).create({ sessionId, tokenHash: 'h' });
  });
  afterAll(async () => {
    await database?.close();
    await testDatabase?.dispose();
  });

  it('resets the documents to queued and returns their messages to the queue', async () => {
    const [kept, deleted] = await deadLetteredDocuments(database.db, 2);
    const documents = new DocumentRepository(database.db);
    await documents.delete(sessionId, deleted?.documentId ?? '');
    const queue = new PostgresJobQueue(database.db);
    expect(await redriveDeadLetters({ queue, documents })).toEqual({ messages: 2, documentsReset: 1 });
    expect(await documents.get(sessionId, kept?.documentId ?? '')).toMatchObject({ status: 'queued', error: null, progress: 0 });
    expect(await queue.counts()).toEqual({ visible: 2, hidden: 0, deadLetters: 0 });
    expect((await queue.receive({ max: 10 })).map((m) => [m.body.documentId, m.receiveCount]).sort()).toEqual(
      [
        [kept?.documentId, 1],
        [deleted?.documentId, 1],
      ].sort(),
    );
    expect(await redriveDeadLetters({ queue, documents })).toEqual({ messages: 0, documentsReset: 0 });
  });

  it('resets a document before its message can be received again', async () => {
    const events: string[] = [];
    await redriveDeadLetters({
      queue: {
        deadLetters: async () => [{ messageId: 'm', body: { jobId: 'j', documentId: 'd', sessionId, key: 'k', size: 1 }, sentAt: new Date(), receiveCount: 5, deadLetteredAt: new Date() }],
        redrive: async (options) => {
          events.push(`redrive ${options?.messageIds?.join()}`);
          return [];
        },
      },
      documents: {
        resetToQueued: async (ids) => {
          events.push(`reset ${ids.join()}`);
          return ids.length;
        },
      },
    });
    expect(events).toEqual(['reset d', 'redrive m']);
  });
});

describe('npm run queue:redrive', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'queue-redrive-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('redrives a PGlite data directory and says what it did', { timeout: 180_000 }, async () => {
    const database = await openDatabase<AppTables>({ kind: 'pglite', dataDir });
    await migrateApp(database.db);
    await new SessionRepository(database.db).create({ sessionId, tokenHash: 'h' });
    const [message] = await deadLetteredDocuments(database.db, 1);
    await database.close();

    const { stdout } = await run('npm', ['run', '--silent', 'queue:redrive', '--', '--data-dir', dataDir], { cwd: workspaceRoot });
    expect(stdout).toBe('Redrove 1 dead-lettered job(s); 1 document(s) back to queued.\n');

    const reopened = await openDatabase<AppTables>({ kind: 'pglite', dataDir });
    try {
      expect((await new DocumentRepository(reopened.db).get(sessionId, message?.documentId ?? ''))?.status).toBe('queued');
      expect(await new PostgresJobQueue(reopened.db).counts()).toEqual({ visible: 1, hidden: 0, deadLetters: 0 });
    } finally {
      await reopened.close();
    }
  });

  it('fails with its usage when the database is not named exactly once', { timeout: 60_000 }, async () => {
    const failure = run('npm', ['run', '--silent', 'queue:redrive'], { cwd: workspaceRoot });
    await expect(failure).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Give exactly one of --data-dir and --database-url.\nUsage: npm run queue:redrive -- (--data-dir <PGlite data directory> | --database-url <postgres://…>)'),
    });
  });
});
