export { databaseTargets, pgvectorTargets, createTestDatabase } from './database-targets.js';
export { readHarnessOptions, harnessEnv, type HarnessOptions } from './harness-options.js';
export { withSearchPath } from './pg-schema.js';
export type { DatabaseTarget, TargetId, TestDatabase, TestDatabaseConfig } from './test-database.js';
