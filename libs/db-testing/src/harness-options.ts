import { harnessDefaults } from './harness-options.defaults.js';

/** What the environment may change about the test targets. Read once, here only. */
export interface HarnessOptions {
  /** The PostgreSQL server of the `pg` target (each suite gets its own schema in it). */
  postgresUrl: string;
  /**
   * Set to `pglite-socket` only on a machine without PostgreSQL: the `pg` suites then run
   * through the `pg` driver against PGlite served over the wire protocol. Never implicit.
   */
  pgStandIn: 'pglite-socket' | undefined;
  /** Whether the `pg` target's server has the `vector` extension (checked when a database is created). */
  pgHasPgvector: boolean;
}

export const harnessEnv = {
  postgresUrl: 'TEST_DATABASE_URL',
  pgStandIn: 'TEST_DATABASE_PG_STANDIN',
  pgHasPgvector: 'TEST_DATABASE_PG_PGVECTOR',
} as const;

export function readHarnessOptions(env: NodeJS.ProcessEnv = process.env): HarnessOptions {
  const standIn = env[harnessEnv.pgStandIn];
  if (standIn !== undefined && standIn !== '' && standIn !== 'pglite-socket') {
    throw new Error(`${harnessEnv.pgStandIn} must be "pglite-socket" or unset, got "${standIn}".`);
  }
  const pgvector = env[harnessEnv.pgHasPgvector];
  if (pgvector !== undefined && pgvector !== '' && pgvector !== '0' && pgvector !== '1') {
    throw new Error(`${harnessEnv.pgHasPgvector} must be "1" or "0", got "${pgvector}".`);
  }
  return {
    postgresUrl: env[harnessEnv.postgresUrl] || harnessDefaults.postgresUrl,
    pgStandIn: standIn === 'pglite-socket' ? standIn : undefined,
    pgHasPgvector: pgvector === '1',
  };
}
