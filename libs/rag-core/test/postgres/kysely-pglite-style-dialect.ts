import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * The driver of `kysely-pglite` 0.6.1 (dist/pglite-driver.js), reproduced to prove what our
 * dialect fixes: every acquire returns a new wrapper over PGlite's one session, with no lock.
 */
export class KyselyPgliteStyleDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    const pglite = this.pglite;
    return {
      async init() {
        // nothing to set up
      },
      async acquireConnection(): Promise<DatabaseConnection> {
        return {
          async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
            return pglite.query<R>(query.sql, [...query.parameters]);
          },
          // eslint-disable-next-line require-yield
          async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
            throw new Error('PGlite does not support streaming.');
          },
        };
      },
      async beginTransaction(connection) {
        await connection.executeQuery(CompiledQuery.raw('BEGIN'));
      },
      async commitTransaction(connection) {
        await connection.executeQuery(CompiledQuery.raw('COMMIT'));
      },
      async rollbackTransaction(connection) {
        await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
      },
      async releaseConnection() {
        // no lock to release: the point of this reproduction
      },
      async destroy() {
        // the test owns the PGlite instance
      },
    };
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}
