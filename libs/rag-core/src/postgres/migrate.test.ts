import { databaseTargets } from '@student-helper/db-testing';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type OpenTarget } from '../../test/postgres/open-target.js';
import { MigrationFailedError, migrateToLatest } from './migrate.js';

const createTable = (name: string): Migration => ({
  up: (db: Kysely<unknown>) => db.schema.createTable(name).addColumn('id', 'integer', (c) => c.primaryKey()).execute(),
});

async function tableNames(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = current_schema() order by table_name
  `.execute(db);
  return rows.map((row) => row.name);
}

describe.each(databaseTargets())('migrateToLatest on $name', (target) => {
  let opened: OpenTarget<unknown>;
  beforeAll(async () => {
    opened = await openTarget(target);
  });
  afterAll(() => opened?.close());

  it('applies pending migrations once, in name order, and nothing on the second run', async () => {
    const { db } = opened.database;
    const migrations = { '0002_b': createTable('b_table'), '0001_a': createTable('a_table') };
    expect(await migrateToLatest(db, { migrationTableName: 'one_migration', migrations })).toEqual(['0001_a', '0002_b']);
    expect(await migrateToLatest(db, { migrationTableName: 'one_migration', migrations })).toEqual([]);
    expect(await tableNames(db)).toEqual(['a_table', 'b_table', 'one_migration', 'one_migration_lock']);
  });

  it('keeps a second migrator beside the first, each with its own history', async () => {
    const { db } = opened.database;
    expect(
      await migrateToLatest(db, { migrationTableName: 'two_migration', migrations: { '0001_a': createTable('c_table') } }),
    ).toEqual(['0001_a']);
    const { rows } = await sql<{ name: string }>`select name from one_migration order by name`.execute(db);
    expect(rows.map((row) => row.name)).toEqual(['0001_a', '0002_b']);
  });

  it('fails naming the migration and applies none of it', async () => {
    const { db } = opened.database;
    const broken: Migration = {
      async up(trx: Kysely<unknown>) {
        await trx.schema.createTable('half_done').addColumn('id', 'integer').execute();
        await sql`select * from no_such_table`.execute(trx);
      },
    };
    const failure = migrateToLatest(db, { migrationTableName: 'three_migration', migrations: { '0001_broken': broken } });
    await expect(failure).rejects.toThrow(MigrationFailedError);
    await expect(failure).rejects.toThrow(
      'Migration "0001_broken" of three_migration failed: relation "no_such_table" does not exist',
    );
    expect(await tableNames(db)).not.toContain('half_done');
  });
});

describe('migrateToLatest with one schema per suite on the same PostgreSQL', () => {
  it('creates each schema its own migration table (Kysely alone would find the other schema’s)', async () => {
    const [pgTarget] = databaseTargets().filter((target) => target.id === 'pg');
    if (!pgTarget) throw new Error('no pg target');
    const first = await openTarget(pgTarget);
    const second = await openTarget(pgTarget);
    try {
      const migrations = { '0001_a': createTable('a_table') };
      expect(await migrateToLatest(first.database.db, { migrationTableName: 'shared_name_migration', migrations })).toEqual(['0001_a']);
      expect(await migrateToLatest(second.database.db, { migrationTableName: 'shared_name_migration', migrations })).toEqual(['0001_a']);
      expect(await tableNames(second.database.db)).toEqual(['a_table', 'shared_name_migration', 'shared_name_migration_lock']);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
