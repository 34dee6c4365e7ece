import { sql, type Kysely } from 'kysely';
import {
  ChunkStoreSettingsError,
  describeSettings,
  sameSettings,
  validateSettings,
  type ChunkStoreSettings,
} from './chunk-store-settings.js';
import type { ChunkStoreTables } from './chunk-store.tables.js';
import { chunkStoreMigrations } from './chunk-store.migrations.js';
import { migrateToLatest } from './migrate.js';
import { vectorExtensionAvailable } from './vector-extension.js';

/** rag-core's migration history table; the app keeps its own beside it (decision 0010). */
export const RAG_CORE_MIGRATION_TABLE = 'rag_core_migration';

/**
 * Creates or updates rag-core's tables (`chunks`, and `chunk_vectors` for pgvector) and
 * records which embedding model they are for. Safe to run at every start and from several
 * processes at once. Returns the migrations this call applied.
 *
 * Throws {@link ChunkStoreSettingsError}: `SETTINGS_MISMATCH` when the store was built for
 * another model, dimension or vector index (vectors of different models must never be
 * compared — nothing is changed), `PGVECTOR_UNAVAILABLE` when pgvector is asked for on a server
 * without the extension, `INVALID_SETTINGS` for nonsense settings.
 */
// Kysely is invariant in its table interface: the app passes its own `Kysely<Database>`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateChunkStore(db: Kysely<any>, settings: ChunkStoreSettings): Promise<string[]> {
  validateSettings(settings);
  const store = db as Kysely<ChunkStoreTables>;
  const before = await storedSettings(store);
  if (before) assertSame(before, settings);
  if (settings.vectorIndex === 'pgvector' && !(await vectorExtensionAvailable(store))) {
    throw new ChunkStoreSettingsError(
      'PGVECTOR_UNAVAILABLE',
      'vectorIndex "pgvector" needs the vector extension, which this PostgreSQL server does not have. ' +
        'Install pgvector (RDS has it) or keep vectors elsewhere with vectorIndex "none" (S3 Vectors).',
    );
  }
  const applied = await migrateToLatest(db, {
    migrationTableName: RAG_CORE_MIGRATION_TABLE,
    migrations: chunkStoreMigrations(settings),
  });
  await store
    .insertInto('rag_core_settings')
    .values({ embedding_model_id: settings.embeddingModelId, dimensions: settings.dimensions, vector_index: settings.vectorIndex })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  // Another process may have created the store first, with other settings.
  const after = await storedSettings(store);
  if (!after) throw new Error('rag_core_settings is empty right after it was written.');
  assertSame(after, settings);
  return applied;
}

/** The settings the store was built with, or `undefined` before its first migration. */
export async function storedSettings(db: Kysely<ChunkStoreTables>): Promise<ChunkStoreSettings | undefined> {
  const { rows } = await sql<{ exists: boolean }>`select to_regclass('rag_core_settings') is not null as exists`.execute(db);
  if (!rows[0]?.exists) return undefined;
  const row = await db.selectFrom('rag_core_settings').select(['embedding_model_id', 'dimensions', 'vector_index']).executeTakeFirst();
  return row && { embeddingModelId: row.embedding_model_id, dimensions: row.dimensions, vectorIndex: row.vector_index };
}

function assertSame(stored: ChunkStoreSettings, requested: ChunkStoreSettings): void {
  if (sameSettings(stored, requested)) return;
  throw new ChunkStoreSettingsError(
    'SETTINGS_MISMATCH',
    `The chunk store was built for embedding model ${describeSettings(stored)}, but this process is configured for ` +
      `${describeSettings(requested)}. Vectors of different models cannot be mixed: configure the original model, ` +
      'or re-index the documents into a new database.',
  );
}
