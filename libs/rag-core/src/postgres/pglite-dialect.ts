import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { ConnectionMutex } from './connection-mutex.js';

export interface PGliteDialectConfig {
  /** The database, or a factory called once when Kysely first needs it. */
  pglite: PGlite | (() => Promise<PGlite>);
  /** Whether `db.destroy()` closes the PGlite instance (false when the caller owns it). Default true. */
  closeOnDestroy?: boolean;
}

/**
 * Kysely dialect for PGlite (Kysely 0.28 has none; 0.29 needs Node 22 — decision 0003).
 *
 * PGlite is one Postgres backend with one session. Kysely, however, acquires a connection for
 * each query and holds one across a transaction. `kysely-pglite` hands out a fresh wrapper over
 * the same session on every acquire, so while one Kysely transaction sits between BEGIN and
 * COMMIT, any other query — or a second transaction — runs inside it: its writes commit or roll
 * back with someone else's transaction, and its BEGIN is ignored with a warning. This driver
 * serialises connections with a mutex instead: a connection is the session, and only one
 * holder has it at a time (the `pg` pool with `max: 1` semantics). See
 * docs/decisions/0004-pglite-kysely-dialect.md.
 *
 * Consequence: code that holds a transaction and then awaits a query on the outer `db`
 * deadlocks, exactly as it would on a one-connection pool. Use the transaction object inside it.
 */
export class PGliteDialect implements Dialect {
  readonly #config: PGliteDialectConfig;

  constructor(config: PGliteDialectConfig) {
    this.#config = config;
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#config);
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  readonly #config: PGliteDialectConfig;
  readonly #mutex = new ConnectionMutex();
  #pglite: PGlite | undefined;
  #connection: PGliteConnection | undefined;
  #release: (() => void) | undefined;

  constructor(config: PGliteDialectConfig) {
    this.#config = config;
  }

  async init(): Promise<void> {
    const { pglite } = this.#config;
    this.#pglite = typeof pglite === 'function' ? await pglite() : pglite;
    this.#connection = new PGliteConnection(this.#pglite);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    if (!this.#connection) {
      release();
      throw new Error('The PGlite driver has been destroyed.');
    }
    this.#release = release;
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let statement = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      statement = 'start transaction';
      if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) statement += ` ${settings.accessMode}`;
    }
    await connection.executeQuery(CompiledQuery.raw(statement));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { rows } = await connection.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'));
    // Postgres answers COMMIT with a ROLLBACK tag when an earlier statement (whose error the
    // caller caught) left the transaction aborted; reporting success would lose writes silently.
    if (rows[0]?.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
  }

  async destroy(): Promise<void> {
    const pglite = this.#pglite;
    this.#connection = undefined;
    this.#pglite = undefined;
    if (pglite && (this.#config.closeOnDestroy ?? true) && !pglite.closed) {
      await pglite.close();
    }
  }
}

/**
 * Kysely 0.28 does not export its `AbortedTransactionError`, but recognises one by the
 * registered symbol below; carrying it tells Kysely the transaction is over (the connection is
 * released, no ROLLBACK follows), as its own `pg` driver does.
 */
const kyselyAbortedTransaction: unique symbol = Symbol.for('kysely.AbortedTransactionError');

class AbortedTransactionError extends Error {
  override readonly name = 'AbortedTransactionError';
  readonly [kyselyAbortedTransaction] = true;
  constructor() {
    super('The transaction was rolled back: an earlier statement in it failed.');
  }
}

const rowCountCommands = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    if (result.command === 'COMMIT' || result.command === 'ROLLBACK') {
      return { rows: [{ command: result.command } as R] };
    }
    return {
      rows: result.rows,
      numAffectedRows:
        result.command !== undefined && rowCountCommands.has(result.command)
          ? BigInt(result.rowCount ?? result.affectedRows ?? 0)
          : undefined,
    };
  }

  // PGlite runs in this process and materialises every result in its own memory before
  // returning it, so there is nothing to stream from; saying so beats pretending.
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on PGlite: use execute() (results are in memory already).');
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
