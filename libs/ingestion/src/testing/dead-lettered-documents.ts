import type { Kysely } from 'kysely';
import { DocumentRepository, PostgresJobQueue, type AppTables } from '@student-helper/persistence';
import type { JobMessage } from '@student-helper/shared-types';
import { sessionId } from './harness.js';

/** Documents whose jobs failed `maxReceiveCount` times: failed rows, messages in the dead-letter table. */
export async function deadLetteredDocuments(db: Kysely<AppTables>, count: number): Promise<JobMessage[]> {
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
  // An hour later the messages have used their one receive: the dead-letter table holds them.
  if ((await queue.receive({ max: 10 })).length > 0) throw new Error('Expected every message dead-lettered after its one receive.');
  return messages;
}

