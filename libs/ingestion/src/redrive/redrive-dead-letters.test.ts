import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@student-helper/db-testing';
import { DocumentRepository, migrateApp, PostgresJobQueue, SessionRepository, type AppTables } from '@student-helper/persistence';
import { openDatabase, type Database } from '@student-helper/rag-core/postgres';
import { deadLetteredDocuments } from '../testing/dead-lettered-documents.js';
import { sessionId } from '../testing/harness.js';
import { redriveDeadLetters } from './redrive-dead-letters.js';


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
