import type { PGlite } from '@electric-sql/pglite';

/**
 * How to reach a test database; structurally a `DatabaseConfig` of
 * `@student-helper/rag-core/postgres`, so it goes straight into `openDatabase(config)`.
 */
export type TestDatabaseConfig =
  | { kind: 'pglite'; pglite: PGlite }
  | { kind: 'pg'; connectionString: string; max?: number };

/** A fresh, empty database that belongs to one suite (or one test) until `dispose()`. */
export interface TestDatabase {
  readonly config: TestDatabaseConfig;
  /** Whether `create extension vector` works here (checked, not assumed). */
  readonly hasPgvector: boolean;
  /** Drops the database (schema, PGlite instance, socket server). Close your own pools first. */
  dispose(): Promise<void>;
}

export type TargetId = 'pglite' | 'pg' | 'pglite-socket';

export interface DatabaseTarget {
  /** Shown by `describe.each(...)('$name', ...)`. */
  readonly name: string;
  readonly id: TargetId;
  /** The driver tests go through: PGlite in this process, or `pg` over TCP. */
  readonly driver: 'pglite' | 'pg';
  /** Whether databases of this target have pgvector. */
  readonly hasPgvector: boolean;
  /** Creates a fresh, empty database. Rejects loudly when the target is unreachable. */
  createDatabase(): Promise<TestDatabase>;
}
