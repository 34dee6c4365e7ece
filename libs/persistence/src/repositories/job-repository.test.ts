import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseTargets } from '@student-helper/db-testing';
import { openAppDatabase, sessionA, truncateApp, type AppDatabase } from '../../test/app-database.js';
import { DocumentRepository } from './document-repository.js';
import { JobRepository } from './job-repository.js';
import { SessionRepository } from './session-repository.js';

const doc1 = '00000000-0000-4000-8000-000000000d01';
const job1 = '00000000-0000-4000-8000-000000000f01';

describe.each(databaseTargets())('JobRepository on $name', (target) => {
  let app: AppDatabase;
  let jobs: JobRepository;
  beforeAll(async () => {
    app = await openAppDatabase(target);
    jobs = new JobRepository(app.db);
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    await truncateApp(app.db);
    await new SessionRepository(app.db).create({ sessionId: sessionA, tokenHash: 'a' });
    await new DocumentRepository(app.db).create({ sessionId: sessionA, documentId: doc1, jobId: job1, filename: 'a.pdf', sizeBytes: 1, blobKey: 'k' });
  });

  it('counts attempts and records when the job started and finished', async () => {
    expect(await jobs.startAttempt(job1)).toBe(1);
    const first = await app.db.selectFrom('jobs').select(['started_at', 'finished_at']).where('id', '=', job1).executeTakeFirstOrThrow();
    expect(first.started_at).toBeInstanceOf(Date);
    expect(first.finished_at).toBeNull();
    expect(await jobs.startAttempt(job1)).toBe(2);
    await jobs.finish(job1);
    const second = await app.db.selectFrom('jobs').select(['started_at', 'finished_at']).where('id', '=', job1).executeTakeFirstOrThrow();
    expect(second.started_at).toEqual(first.started_at);
    expect(second.finished_at).toBeInstanceOf(Date);
    expect((await jobs.get(job1))?.job.attempts).toBe(2);
  });

  it('keeps the technical reason of the last failed attempt', async () => {
    expect(await jobs.lastFailure(job1)).toBeUndefined();
    await jobs.recordFailure(job1, 'Error: connection reset');
    await jobs.recordFailure(job1, 'Error: throttled');
    expect(await jobs.lastFailure(job1)).toBe('Error: throttled');
  });

  it('answers "no such job" for unknown ids and non-UUIDs', async () => {
    expect(await jobs.get('00000000-0000-4000-8000-0000000000ff')).toBeUndefined();
    expect(await jobs.get('1 or 1=1')).toBeUndefined();
    expect(await jobs.startAttempt('00000000-0000-4000-8000-0000000000ff')).toBeUndefined();
    expect(await jobs.startAttempt('x')).toBeUndefined();
  });
});
