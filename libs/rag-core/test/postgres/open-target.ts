import type { DatabaseTarget, TestDatabase } from '@student-helper/db-testing';
import { openDatabase, type Database } from '../../src/postgres/index.js';

export interface OpenTarget<DB> {
  testDatabase: TestDatabase;
  database: Database<DB>;
  close(): Promise<void>;
}

/** A fresh database on `target`, opened through `openDatabase` like the app does. */
export async function openTarget<DB>(target: DatabaseTarget): Promise<OpenTarget<DB>> {
  const testDatabase = await target.createDatabase();
  try {
    const database = await openDatabase<DB>(testDatabase.config);
    return {
      testDatabase,
      database,
      async close() {
        await database.close();
        await testDatabase.dispose();
      },
    };
  } catch (error) {
    await testDatabase.dispose();
    throw error;
  }
}
