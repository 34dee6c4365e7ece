import { readHarnessOptions, type HarnessOptions } from './harness-options.js';
import { createPgSchemaDatabase } from './pg-schema.js';
import { createPGliteMemoryDatabase } from './pglite-memory.js';
import { createPGliteSocketDatabase } from './pglite-socket.js';
import type { DatabaseTarget, TargetId, TestDatabase } from './test-database.js';

/**
 * Every database a Postgres suite must pass on, for `describe.each(databaseTargets())('$name', …)`:
 *
 * - `pglite`: PGlite in this process (the local app's default), pgvector loaded;
 * - `pg`: the local PostgreSQL through the `pg` driver, a fresh schema per database; an
 *   unreachable server fails the suite — unless `TEST_DATABASE_PG_STANDIN=pglite-socket`
 *   explicitly says this machine has none, in which case PGlite over a socket stands in;
 * - `pglite-socket`: PGlite served over the wire protocol, reached with the `pg` driver —
 *   how pgvector code is tested through `pg` where the server has no pgvector.
 */
export function databaseTargets(options: HarnessOptions = readHarnessOptions()): DatabaseTarget[] {
  return [pgliteTarget(), pgTarget(options), pgliteSocketTarget()];
}

/** The targets whose databases have pgvector. */
export function pgvectorTargets(options: HarnessOptions = readHarnessOptions()): DatabaseTarget[] {
  return databaseTargets(options).filter((target) => target.hasPgvector);
}

/** A fresh database on one target, for a test that needs its own (the default: in-memory PGlite). */
export function createTestDatabase(
  id: TargetId = 'pglite',
  options: HarnessOptions = readHarnessOptions(),
): Promise<TestDatabase> {
  const target = databaseTargets(options).find((candidate) => candidate.id === id);
  if (!target) throw new Error(`Unknown database target "${id}".`);
  return target.createDatabase();
}

function pgliteTarget(): DatabaseTarget {
  return { name: 'pglite', id: 'pglite', driver: 'pglite', hasPgvector: true, createDatabase: createPGliteMemoryDatabase };
}

function pgliteSocketTarget(): DatabaseTarget {
  return {
    name: 'pglite-socket',
    id: 'pglite-socket',
    driver: 'pg',
    hasPgvector: true,
    createDatabase: createPGliteSocketDatabase,
  };
}

function pgTarget(options: HarnessOptions): DatabaseTarget {
  if (options.pgStandIn === 'pglite-socket') {
    return {
      name: 'pg (stand-in: pglite-socket)',
      id: 'pg',
      driver: 'pg',
      hasPgvector: true,
      createDatabase: createPGliteSocketDatabase,
    };
  }
  return {
    name: 'pg',
    id: 'pg',
    driver: 'pg',
    hasPgvector: options.pgHasPgvector,
    createDatabase: () =>
      createPgSchemaDatabase({ postgresUrl: options.postgresUrl, expectPgvector: options.pgHasPgvector }),
  };
}
