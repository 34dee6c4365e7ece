import { Migrator, sql, type Kysely, type Migration } from 'kysely';

export interface MigrateOptions {
  /**
   * This migrator's own bookkeeping table (its lock table is `<name>_lock`), so rag-core's
   * migrations and the app's run side by side without seeing each other's history.
   */
  migrationTableName: string;
  /** Migrations by name; applied in name order (`0001_…`, `0002_…`). */
  migrations: Record<string, Migration>;
}

/** A migration that failed; nothing of it was applied (Postgres DDL is transactional). */
export class MigrationFailedError extends Error {
  override readonly name = 'MigrationFailedError';
  constructor(
    readonly migrationTableName: string,
    readonly migrationName: string | undefined,
    options: { cause: unknown },
  ) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`Migration ${migrationName ? `"${migrationName}"` : 'setup'} of ${migrationTableName} failed: ${reason}`, options);
  }
}

/**
 * Applies every pending migration with Kysely's `Migrator`, in one transaction, under
 * Kysely's advisory lock. Returns the names applied by this call (empty when up to date).
 *
 * The migration tables live in the connection's current schema, named explicitly: left
 * unqualified, Kysely looks for its table in every schema of the database, so with one schema
 * per test suite (or per tenant) it "finds" another schema's table and never creates its own.
 */
// Kysely is invariant in its table interface; migrations are untyped by design.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>, options: MigrateOptions): Promise<string[]> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) {
    throw new MigrationFailedError(options.migrationTableName, undefined, {
      cause: new Error('the search_path names no existing schema'),
    });
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => options.migrations },
    migrationTableName: options.migrationTableName,
    migrationLockTableName: `${options.migrationTableName}_lock`,
    migrationTableSchema: schema,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error');
    throw new MigrationFailedError(options.migrationTableName, failed?.migrationName, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
