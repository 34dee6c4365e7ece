import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { databaseTargets } from '@student-helper/db-testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type OpenTarget } from '../../test/postgres/open-target.js';
import { openDatabase } from './open-database.js';

interface NotesDb {
  notes: { id: number; body: string };
}

describe.each(databaseTargets())('openDatabase on $name', (target) => {
  let opened: OpenTarget<NotesDb>;
  beforeAll(async () => {
    opened = await openTarget<NotesDb>(target);
  });
  afterAll(() => opened?.close());

  it('reports its driver and whether pgvector is available', () => {
    expect(opened.database.kind).toBe(target.driver);
    expect(opened.database.hasPgvector).toBe(target.hasPgvector);
  });

  it('runs typed Kysely queries', async () => {
    const { db } = opened.database;
    await db.schema.createTable('notes').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('body', 'text', (c) => c.notNull()).execute();
    await db.insertInto('notes').values([{ id: 2, body: 'b' }, { id: 1, body: 'a' }]).execute();
    const updated = await db.updateTable('notes').set({ body: 'B' }).where('id', '=', 2).executeTakeFirstOrThrow();
    expect(updated.numUpdatedRows).toBe(1n);
    expect(await db.selectFrom('notes').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, body: 'a' },
      { id: 2, body: 'B' },
    ]);
  });

  it('returns bigint columns as the same JavaScript values on both drivers', async () => {
    const { rows } = await sql<{ small: unknown; huge: unknown }>`
      select count(*) as small, 9007199254740993::bigint as huge from generate_series(1, 3)
    `.execute(opened.database.db);
    expect(rows).toEqual([{ small: 3, huge: 9007199254740993n }]);
  });
});

describe('openDatabase on PGlite', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'rag-core-pglite-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps the data of a dataDir database across close and reopen', async () => {
    const first = await openDatabase<NotesDb>({ kind: 'pglite', dataDir });
    await first.db.schema.createTable('notes').addColumn('id', 'integer').addColumn('body', 'text').execute();
    await first.db.insertInto('notes').values({ id: 7, body: 'kept' }).execute();
    await first.close();

    const second = await openDatabase<NotesDb>({ kind: 'pglite', dataDir });
    try {
      expect(second.hasPgvector).toBe(true);
      expect(await second.db.selectFrom('notes').selectAll().execute()).toEqual([{ id: 7, body: 'kept' }]);
    } finally {
      await second.close();
    }
  });

  it('leaves a caller-owned instance open on close', async () => {
    const pglite = await PGlite.create();
    try {
      const database = await openDatabase({ kind: 'pglite', pglite });
      expect(database.hasPgvector).toBe(false);
      await database.close();
      expect(pglite.closed).toBe(false);
      expect((await pglite.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pglite.close();
    }
  });
});

describe('openDatabase on pg', () => {
  it('fails with the reason and the server, password redacted, when the server is unreachable', async () => {
    await expect(openDatabase({ kind: 'pg', connectionString: 'postgres://postgres:secret@127.0.0.1:1/test' })).rejects.toThrow(
      'Could not open PostgreSQL at postgres://postgres:***@127.0.0.1:1/test: connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});
