import { sql, type Kysely } from 'kysely';
import type { DatabaseTarget } from '@student-helper/db-testing';
import { openDatabase, type Database } from '@student-helper/rag-core/postgres';
import { migrateApp } from '../src/migrate-app.js';
import type { AppTables } from '../src/tables.js';

export interface AppDatabase {
  database: Database<AppTables>;
  db: Kysely<AppTables>;
  close(): Promise<void>;
}

/** A fresh, migrated database on `target`, opened like the app opens it. */
export async function openAppDatabase(target: DatabaseTarget): Promise<AppDatabase> {
  const testDatabase = await target.createDatabase();
  let database: Database<AppTables> | undefined;
  try {
    database = await openDatabase<AppTables>(testDatabase.config);
    await migrateApp(database.db);
  } catch (error) {
    await database?.close();
    await testDatabase.dispose();
    throw error;
  }
  const opened = database;
  return {
    database: opened,
    db: opened.db,
    async close() {
      await opened.close();
      await testDatabase.dispose();
    },
  };
}

/** Empties every app table between tests. */
export async function truncateApp(db: Kysely<AppTables>): Promise<void> {
  await sql`truncate sessions, documents, jobs, messages, queue_messages, queue_dead_letters restart identity cascade`.execute(db);
}

export const sessionA = '00000000-0000-4000-8000-00000000000a';
export const sessionB = '00000000-0000-4000-8000-00000000000b';
