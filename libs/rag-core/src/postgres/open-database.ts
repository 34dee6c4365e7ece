import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { pgPoolDefaults } from './open-database.defaults.js';
import { PGliteDialect } from './pglite-dialect.js';
import { vectorExtensionAvailable } from './vector-extension.js';

/** Embedded Postgres in this process: file-backed under `dataDir`, in memory without one. */
export interface PGliteDataDirConfig {
  kind: 'pglite';
  /** Directory holding the database files; `undefined` keeps the database in memory. */
  dataDir?: string;
  pglite?: never;
}

/**
 * An already created PGlite (it must have been created with the `vector` extension for
 * pgvector). The caller owns it: `close()` leaves it open.
 */
export interface PGliteInstanceConfig {
  kind: 'pglite';
  pglite: PGlite;
  dataDir?: never;
}

/** A PostgreSQL server reached with the `pg` driver (RDS, the local server, PGlite over a socket). */
export interface PgConfig {
  kind: 'pg';
  connectionString: string;
  ssl?: pg.PoolConfig['ssl'];
  /** Pool size. Default {@link pgPoolDefaults.max}. */
  max?: number;
}

export type DatabaseConfig = PGliteDataDirConfig | PGliteInstanceConfig | PgConfig;

export interface Database<DB> {
  db: Kysely<DB>;
  kind: 'pglite' | 'pg';
  /** Whether the `vector` extension is installed or can be installed on this database. */
  hasPgvector: boolean;
  /** Closes the pool, or the PGlite instance this call created. */
  close(): Promise<void>;
}

/**
 * Opens the relational database the app and rag-core share. Generic over the caller's table
 * interface, so one connection (one PGlite session, one pool) serves every layer.
 *
 * Both drivers return the same JavaScript types for the same query: the `pg` pool parses
 * `bigint` (`count(*)`) the way PGlite does — a number when it is a safe integer, a BigInt otherwise.
 */
export async function openDatabase<DB>(config: DatabaseConfig): Promise<Database<DB>> {
  if (config.kind === 'pglite') return openPGlite<DB>(config);
  return openPg<DB>(config);
}

async function openPGlite<DB>(config: PGliteDataDirConfig | PGliteInstanceConfig): Promise<Database<DB>> {
  const owned = config.pglite === undefined;
  const pglite = config.pglite ?? (await PGlite.create({ dataDir: config.dataDir, extensions: { vector } }));
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite, closeOnDestroy: owned }) });
  try {
    const hasPgvector = await vectorExtensionAvailable(db);
    return { db, kind: 'pglite', hasPgvector, close: () => db.destroy() };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

async function openPg<DB>(config: PgConfig): Promise<Database<DB>> {
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    ssl: config.ssl,
    max: config.max ?? pgPoolDefaults.max,
    connectionTimeoutMillis: pgPoolDefaults.connectionTimeoutMillis,
    types: { getTypeParser: pgliteCompatibleTypeParser },
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    const hasPgvector = await vectorExtensionAvailable(db);
    return { db, kind: 'pg', hasPgvector, close: () => db.destroy() };
  } catch (error) {
    await db.destroy();
    throw new Error(`Could not open PostgreSQL at ${redactPassword(config.connectionString)}: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

const INT8_OID = 20;

const pgliteCompatibleTypeParser: typeof pg.types.getTypeParser = ((oid: number, format?: 'text' | 'binary') => {
  if (oid === INT8_OID && format !== 'binary') return parseInt8;
  return pg.types.getTypeParser(oid, format);
}) as typeof pg.types.getTypeParser;

function parseInt8(text: string): number | bigint {
  const value = BigInt(text);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function redactPassword(connectionString: string): string {
  return connectionString.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(messageOf).join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
