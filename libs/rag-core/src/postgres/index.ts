export { openDatabase } from './open-database.js';
export type { Database, DatabaseConfig, PGliteDataDirConfig, PGliteInstanceConfig, PgConfig } from './open-database.js';
export { pgPoolDefaults } from './open-database.defaults.js';
export { PGliteDialect, type PGliteDialectConfig } from './pglite-dialect.js';
export { migrateToLatest, MigrationFailedError, type MigrateOptions } from './migrate.js';
export { migrateChunkStore, storedSettings, RAG_CORE_MIGRATION_TABLE } from './migrate-chunk-store.js';
export {
  ChunkStoreSettingsError,
  MAX_PGVECTOR_DIMENSIONS,
  type ChunkStoreSettings,
  type ChunkStoreSettingsErrorCode,
} from './chunk-store-settings.js';
export type { ChunkStoreTables, ChunksTable, ChunkVectorsTable, DocumentTermsTable, RagCoreSettingsTable } from './chunk-store.tables.js';
export { chunkStoreDefaults, MAX_BIND_PARAMETERS } from './chunk-store.defaults.js';
export { PgChunkStore, type PgChunkStoreOptions } from './pg-chunk-store.js';
export { orQueryText } from './lexical-query.js';
export { PgVectorIndex, type PgVectorIndexOptions } from './pg-vector-index.js';
export { pgVectorIndexDefaults } from './pg-vector-index.defaults.js';
