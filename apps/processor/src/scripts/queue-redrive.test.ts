import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetteredDocuments, sessionId, workspaceRoot } from '@student-helper/ingestion/testing';
import { DocumentRepository, migrateApp, PostgresJobQueue, SessionRepository, type AppTables } from '@student-helper/persistence';
import { openDatabase } from '@student-helper/rag-core/postgres';

const run = promisify(execFile);

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
