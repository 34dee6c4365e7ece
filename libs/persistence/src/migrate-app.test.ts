import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, type TestDatabase } from '@student-helper/db-testing';
import { migrateChunkStore, openDatabase, RAG_CORE_MIGRATION_TABLE, type Database } from '@student-helper/rag-core/postgres';
import { APP_MIGRATION_TABLE, migrateApp } from './migrate-app.js';
import type { AppTables } from './tables.js';

const allMigrations = ['0001_sessions_documents_jobs', '0002_messages', '0003_job_queue', '0004_document_page_warnings'];

async function tableNames(db: Kysely<AppTables>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() order by table_name
  `.execute(db);
  return rows.map((row) => row.name);
}

describe.each(databaseTargets())('migrateApp on $name', (target) => {
  let testDatabase: TestDatabase;
  let database: Database<AppTables>;
  beforeAll(async () => {
    testDatabase = await target.createDatabase();
    database = await openDatabase<AppTables>(testDatabase.config);
  });
  afterAll(async () => {
    await database?.close();
    await testDatabase?.dispose();
  });

  it('applies every migration once, in order, in its own history table', async () => {
    expect(await migrateApp(database.db)).toEqual(allMigrations);
    expect(await migrateApp(database.db)).toEqual([]);
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(APP_MIGRATION_TABLE)} order by name`.execute(database.db);
    expect(rows.map((row) => row.name)).toEqual(allMigrations);
    expect(await tableNames(database.db)).toEqual([
      'app_migration',
      'app_migration_lock',
      'documents',
      'jobs',
      'messages',
      'queue_dead_letters',
      'queue_messages',
      'sessions',
    ]);
  });

  it("lives beside rag-core's chunk store, each with its own history", async () => {
    expect(await migrateChunkStore(database.db, { embeddingModelId: 'm', dimensions: 4, vectorIndex: 'none' })).toEqual(['0001_chunks', '0003_chunk_ocr_confidence', '0004_document_terms']);
    expect(await migrateApp(database.db)).toEqual([]);
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(RAG_CORE_MIGRATION_TABLE)}`.execute(database.db);
    expect(rows.map((row) => row.name)).toEqual(['0001_chunks', '0003_chunk_ocr_confidence', '0004_document_terms']);
  });
});

describe('migrateApp constraints', () => {
  let testDatabase: TestDatabase;
  let database: Database<AppTables>;
  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openDatabase<AppTables>(testDatabase.config);
    await migrateApp(database.db);
    await database.db.insertInto('sessions').values({ id: '00000000-0000-4000-8000-000000000001', title: 't', token_hash: 'h' }).execute();
  });
  afterAll(async () => {
    await database?.close();
    await testDatabase?.dispose();
  });

  const document = (id: string, values: Record<string, unknown>) => ({
    id: `00000000-0000-4000-8000-00000000010${id}`,
    session_id: '00000000-0000-4000-8000-000000000001',
    filename: 'a.pdf',
    size_bytes: 1,
    blob_key: `k${id}`,
    status: 'queued' as const,
    stage: null,
    detail: null,
    page_count: null,
    chunk_count: null,
    indexed_chunk_count: null,
    error_code: null,
    error_message: null,
    ...values,
  });

  it.each([
    ['a failed document without an error', document('1', { status: 'failed' }), 'documents_failed_has_error'],
    ['an error on a document that did not fail', document('2', { error_code: 'CORRUPT_PDF', error_message: 'x' }), 'documents_failed_has_error'],
    ['a ready document without counts', document('3', { status: 'ready', progress: 100 }), 'documents_ready_is_complete'],
    ['an unknown status', document('4', { status: 'done' }), 'documents_status_check'],
    ['progress above 100', document('5', { progress: 101 }), 'documents_progress_check'],
    ['page warnings that are not a list', document('6', { page_warnings: '{}' }), 'documents_page_warnings_check'],
    ['a negative OCR page count', document('7', { ocr_page_count: -1 }), 'documents_ocr_page_count_check'],
  ])('rejects %s', async (_, values, constraint) => {
    await expect(database.db.insertInto('documents').values(values as never).execute()).rejects.toThrow(constraint);
  });

  it('rejects an outcome on a user message', async () => {
    await expect(
      database.db
        .insertInto('messages')
        .values({ id: '00000000-0000-4000-8000-000000000201', session_id: '00000000-0000-4000-8000-000000000001', role: 'user', content: 'q', outcome: 'answered', citations: '[]' })
        .execute(),
    ).rejects.toThrow('messages_outcome_of_assistant');
  });
});
