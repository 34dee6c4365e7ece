export { openDatabase } from './open-database.js';
export type { Database, DatabaseConfig, PGliteDataDirConfig, PGliteInstanceConfig, PgConfig } from './open-database.js';
export { pgPoolDefaults } from './open-database.defaults.js';
export { PGliteDialect, type PGliteDialectConfig } from './pglite-dialect.js';
export { migrateToLatest, MigrationFailedError, type MigrateOptions } from './migrate.js';
