import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, pgvectorTargets } from './database-targets.js';
import type { HarnessOptions } from './harness-options.js';
import { withSearchPath } from './pg-schema.js';
import type { TestDatabase, TestDatabaseConfig } from './test-database.js';

const localPostgres = 'postgres://postgres@127.0.0.1:5432/test';
const defaults: HarnessOptions = { postgresUrl: localPostgres, pgStandIn: undefined, pgHasPgvector: false };

const created: TestDatabase[] = [];
async function track(database: Promise<TestDatabase>): Promise<TestDatabase> {
  const value = await database;
  created.push(value);
  return value;
}
afterEach(async () => {
  await Promise.all(created.splice(0).map((database) => database.dispose()));
});

async function withPg<T>(config: TestDatabaseConfig, run: (client: pg.Client) => Promise<T>): Promise<T> {
  if (config.kind !== 'pg') throw new Error(`expected a pg config, got ${config.kind}`);
  const client = new pg.Client({ connectionString: config.connectionString });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function serverHasVector(): Promise<boolean> {
  const client = new pg.Client({ connectionString: localPostgres });
  await client.connect();
  try {
    const { rows } = await client.query(`select exists (select 1 from pg_available_extensions where name = 'vector') as v`);
    return rows[0].v === true;
  } finally {
    await client.end();
  }
}

async function schemaExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: localPostgres });
  await client.connect();
  try {
    const { rows } = await client.query('select count(*)::int as n from pg_namespace where nspname = $1', [name]);
    return rows[0].n === 1;
  } finally {
    await client.end();
  }
}

describe('databaseTargets', () => {
  it('lists pglite, pg and pglite-socket with what each has', () => {
    expect(databaseTargets(defaults).map(({ name, id, driver, hasPgvector }) => ({ name, id, driver, hasPgvector }))).toEqual([
      { name: 'pglite', id: 'pglite', driver: 'pglite', hasPgvector: true },
      { name: 'pg', id: 'pg', driver: 'pg', hasPgvector: false },
      { name: 'pglite-socket', id: 'pglite-socket', driver: 'pg', hasPgvector: true },
    ]);
    expect(pgvectorTargets(defaults).map((target) => target.id)).toEqual(['pglite', 'pglite-socket']);
  });

  it('names the stand-in when PostgreSQL is explicitly replaced by PGlite over a socket', async () => {
    const pgTarget = databaseTargets({ ...defaults, pgStandIn: 'pglite-socket' })[1]!;
    expect([pgTarget.name, pgTarget.id, pgTarget.driver, pgTarget.hasPgvector]).toEqual([
      'pg (stand-in: pglite-socket)',
      'pg',
      'pg',
      true,
    ]);
    const database = await track(pgTarget.createDatabase());
    const version = await withPg(database.config, async (client) => (await client.query('select version() as v')).rows[0].v);
    expect(version).toContain('PGlite');
  });
});

describe('pg target', () => {
  const target = () => databaseTargets(defaults)[1]!;

  it('gives each database its own schema, first in the search_path', async () => {
    const first = await track(target().createDatabase());
    const second = await track(target().createDatabase());
    const firstSchema = await withPg(first.config, async (client) => {
      await client.query('create table notes (id int primary key)');
      await client.query('insert into notes values (1)');
      return (await client.query('select current_schema() as s')).rows[0].s as string;
    });
    expect(firstSchema).toMatch(/^dbtest_\d+_[0-9a-f]{12}$/);
    const secondView = await withPg(second.config, async (client) => ({
      schema: (await client.query('select current_schema() as s')).rows[0].s as string,
      notes: (await client.query(`select to_regclass('notes') is not null as visible`)).rows[0].visible as boolean,
    }));
    expect(secondView.schema).not.toBe(firstSchema);
    expect(secondView.notes).toBe(false);
  });

  it('drops the schema on dispose', async () => {
    const database = await target().createDatabase();
    const schema = await withPg(database.config, async (client) => (await client.query('select current_schema() as s')).rows[0].s);
    expect(await schemaExists(schema)).toBe(true);
    await database.dispose();
    expect(await schemaExists(schema)).toBe(false);
  });

  it('sweeps schemas a crashed run left behind', async () => {
    const stale = `dbtest_${Date.now() - 7 * 60 * 60 * 1000}_0123456789ab`;
    const client = new pg.Client({ connectionString: localPostgres });
    await client.connect();
    await client.query(`create schema ${stale}`);
    await client.end();
    await track(target().createDatabase());
    expect(await schemaExists(stale)).toBe(false);
  });

  it('fails loudly, naming the way out, when PostgreSQL is unreachable', async () => {
    const unreachable = databaseTargets({ ...defaults, postgresUrl: 'postgres://postgres@127.0.0.1:1/test' })[1]!;
    await expect(unreachable.createDatabase()).rejects.toThrow(
      /^The "pg" test target cannot reach PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/test: .*ECONNREFUSED.*TEST_DATABASE_PG_STANDIN=pglite-socket/,
    );
  });

  it('fails when the server contradicts the declared pgvector support', async () => {
    const actual = await serverHasVector();
    const wrong = databaseTargets({ ...defaults, pgHasPgvector: !actual })[1]!;
    await expect(wrong.createDatabase()).rejects.toThrow(
      `The "pg" test target declares pgvector ${actual ? 'unavailable' : 'available'} but ${localPostgres} ${actual ? 'has' : 'lacks'} the vector extension. Set TEST_DATABASE_PG_PGVECTOR=${actual ? '1' : '0'}.`,
    );
  });
});

describe('pglite-socket target', () => {
  it('serves a PGlite with pgvector to the pg driver and stops on dispose', async () => {
    const database = await createTestDatabase('pglite-socket', defaults);
    expect(database.hasPgvector).toBe(true);
    const distance = await withPg(database.config, async (client) => {
      await client.query('create extension vector');
      return (await client.query(`select '[1,0]'::vector <=> '[0,1]'::vector as d`)).rows[0].d;
    });
    expect(distance).toBe(1);
    expect(database.config).toMatchObject({ kind: 'pg', max: 1 });
    await database.dispose();
    await expect(withPg(database.config, (client) => client.query('select 1'))).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('pglite target', () => {
  it('creates an in-memory PGlite with pgvector loaded, closed on dispose', async () => {
    const database = await createTestDatabase('pglite', defaults);
    if (database.config.kind !== 'pglite') throw new Error('expected pglite');
    const { pglite } = database.config;
    await pglite.exec('create extension vector');
    const { rows } = await pglite.query<{ d: number }>(`select '[3,4]'::vector <-> '[0,0]'::vector as d`);
    expect(rows).toEqual([{ d: 5 }]);
    await database.dispose();
    expect(pglite.closed).toBe(true);
  });

  it('rejects an unknown target id', () => {
    expect(() => createTestDatabase('sqlite' as never, defaults)).toThrow('Unknown database target "sqlite".');
  });
});

describe('withSearchPath', () => {
  it('sets the options parameter and keeps the rest of the URL', () => {
    expect(withSearchPath('postgres://u:p@h:5432/db?sslmode=disable', 'a,public')).toBe(
      'postgres://u:p@h:5432/db?sslmode=disable&options=-c+search_path%3Da%2Cpublic',
    );
  });
});
