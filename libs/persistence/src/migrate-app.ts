import type { Kysely } from 'kysely';
import { migrateToLatest } from '@student-helper/rag-core/postgres';
import { appMigrations } from './migrations/index.js';

/** The app's migration history table, beside rag-core's `rag_core_migration` (decision 0010). */
export const APP_MIGRATION_TABLE = 'app_migration';

/**
 * Creates or updates the app's tables (sessions, documents, jobs, messages, the job queue).
 * Safe at every start and from several processes at once (Kysely's migration lock). Returns
 * the migrations this call applied; throws `MigrationFailedError` naming the one that failed.
 */
// Kysely is invariant in its table interface: callers pass their own `Kysely<…>`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function migrateApp(db: Kysely<any>): Promise<string[]> {
  return migrateToLatest(db, { migrationTableName: APP_MIGRATION_TABLE, migrations: appMigrations });
}
