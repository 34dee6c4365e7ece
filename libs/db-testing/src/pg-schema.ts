import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { harnessEnv } from './harness-options.js';
import { harnessDefaults } from './harness-options.defaults.js';
import type { TestDatabase } from './test-database.js';

export interface PgSchemaOptions {
  postgresUrl: string;
  /** What the target declared; a server that disagrees fails the suite instead of skipping it. */
  expectPgvector: boolean;
}

/**
 * A fresh schema in the local PostgreSQL, reached through a connection string whose
 * `search_path` starts with it. Test files of several projects run at the same time against
 * the same database: each suite's tables, migration tables included, live in its own schema,
 * dropped by `dispose()`.
 */
export async function createPgSchemaDatabase(options: PgSchemaOptions): Promise<TestDatabase> {
  const admin = await connectAdmin(options.postgresUrl);
  try {
    await dropStaleSchemas(admin);
    const hasPgvector = await vectorAvailable(admin);
    if (hasPgvector !== options.expectPgvector) {
      throw new Error(
        `The "pg" test target declares pgvector ${options.expectPgvector ? 'available' : 'unavailable'} but ` +
          `${redact(options.postgresUrl)} ${hasPgvector ? 'has' : 'lacks'} the vector extension. ` +
          `Set ${harnessEnv.pgHasPgvector}=${hasPgvector ? '1' : '0'}.`,
      );
    }
    if (hasPgvector) await installVectorInPublic(admin);
    const schema = `${harnessDefaults.schemaPrefix}${Date.now()}_${randomBytes(6).toString('hex')}`;
    await admin.query(`create schema ${schema}`);
    // The extension's type and operators live in `public`; everything the suite creates goes first in the path.
    const searchPath = hasPgvector ? `${schema},public` : schema;
    return {
      config: { kind: 'pg', connectionString: withSearchPath(options.postgresUrl, searchPath) },
      hasPgvector,
      async dispose() {
        const client = await connectAdmin(options.postgresUrl);
        try {
          await client.query(`drop schema if exists ${schema} cascade`);
        } finally {
          await client.end();
        }
      },
    };
  } finally {
    await admin.end();
  }
}

/** The connection string with `search_path` set for every connection opened with it. */
export function withSearchPath(connectionString: string, searchPath: string): string {
  const url = new URL(connectionString);
  url.searchParams.set('options', `-c search_path=${searchPath}`);
  return url.toString();
}

async function connectAdmin(postgresUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: harnessDefaults.connectTimeoutMs });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `The "pg" test target cannot reach PostgreSQL at ${redact(postgresUrl)}: ${describe(error)}. ` +
        `Start PostgreSQL, point ${harnessEnv.postgresUrl} at a reachable server, or — only on a machine ` +
        `without PostgreSQL — set ${harnessEnv.pgStandIn}=pglite-socket to run the pg suites on PGlite over the wire protocol.`,
      { cause: error },
    );
  }
}

async function vectorAvailable(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ available: boolean }>(
    `select exists (select 1 from pg_available_extensions where name = 'vector') as available`,
  );
  return rows[0]?.available === true;
}

async function installVectorInPublic(client: pg.Client): Promise<void> {
  // Suites start together; concurrent CREATE EXTENSION races on the catalog's unique index.
  await client.query('begin');
  try {
    await client.query(`select pg_advisory_xact_lock(hashtextextended('db-testing:create-extension-vector', 0))`);
    await client.query('create extension if not exists vector schema public');
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

async function dropStaleSchemas(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ nspname: string }>(
    `select nspname from pg_namespace where starts_with(nspname, $1)`,
    [harnessDefaults.schemaPrefix],
  );
  const now = Date.now();
  for (const { nspname } of rows) {
    const createdAt = Number(nspname.slice(harnessDefaults.schemaPrefix.length).split('_')[0]);
    if (Number.isFinite(createdAt) && now - createdAt > harnessDefaults.staleSchemaAgeMs) {
      await client.query(`drop schema if exists "${nspname.replaceAll('"', '""')}" cascade`);
    }
  }
}

function redact(connectionString: string): string {
  return connectionString.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describe).join('; ');
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}
