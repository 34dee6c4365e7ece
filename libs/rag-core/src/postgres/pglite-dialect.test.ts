import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql, type Dialect } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyPgliteStyleDialect } from '../../test/postgres/kysely-pglite-style-dialect.js';
import { PGliteDialect } from './pglite-dialect.js';

interface EntriesDb {
  entries: { value: string };
}

let pglite: PGlite;
beforeAll(async () => {
  pglite = await PGlite.create();
  await pglite.exec('create table entries (value text primary key)');
});
beforeEach(async () => {
  await pglite.exec('delete from entries');
});
afterAll(async () => {
  if (!pglite.closed) await pglite.close();
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Transaction A inserts 'a' and fails; transaction B, started while A is open, inserts 'b'
 * and commits. Isolated transactions leave exactly ['b'].
 */
async function concurrentTransactions(dialect: Dialect): Promise<string[]> {
  const db = new Kysely<EntriesDb>({ dialect });
  const bInserted = deferred();
  const aInserted = deferred();
  const a = db.transaction().execute(async (trx) => {
    await trx.insertInto('entries').values({ value: 'a' }).execute();
    aInserted.resolve();
    // Give B the chance to run inside A: with a lock B cannot insert before A ends, so A
    // stops waiting after a short while; without one, B's insert lands right away.
    await Promise.race([bInserted.promise, new Promise((r) => setTimeout(r, 200))]);
    throw new Error('a fails');
  });
  await aInserted.promise;
  const b = db.transaction().execute(async (trx) => {
    await trx.insertInto('entries').values({ value: 'b' }).execute();
    bInserted.resolve();
  });
  await expect(a).rejects.toThrow('a fails');
  await b;
  const rows = await db.selectFrom('entries').select('value').orderBy('value').execute();
  await db.destroy();
  return rows.map((row) => row.value);
}

describe('PGliteDialect', () => {
  it('keeps two concurrent transactions apart: the failed one rolls back alone', async () => {
    expect(await concurrentTransactions(new PGliteDialect({ pglite, closeOnDestroy: false }))).toEqual(['b']);
  });

  it('is needed: the kysely-pglite driver lets the second transaction run inside the first', async () => {
    const values = await concurrentTransactions(new KyselyPgliteStyleDialect(pglite));
    // B's BEGIN is ignored inside A, so B's insert joins A: either B's COMMIT commits A's
    // doomed 'a' too, or A's ROLLBACK discards B's committed-looking 'b'.
    expect([['a', 'b'], []]).toContainEqual(values);
  });

  it('queues queries behind an open transaction instead of running them inside it', async () => {
    const db = new Kysely<EntriesDb>({ dialect: new PGliteDialect({ pglite, closeOnDestroy: false }) });
    const order: string[] = [];
    const trx = db.transaction().execute(async (t) => {
      await t.insertInto('entries').values({ value: 'in-trx' }).execute();
      await new Promise((r) => setTimeout(r, 50));
      order.push('trx-end');
      throw new Error('rollback');
    });
    const outside = db
      .selectFrom('entries')
      .select('value')
      .execute()
      .then((rows) => order.push(`read:${rows.length}`));
    await expect(trx).rejects.toThrow('rollback');
    await outside;
    expect(order).toEqual(['trx-end', 'read:0']);
    await db.destroy();
  });

  it('applies isolation level and access mode', async () => {
    const db = new Kysely<EntriesDb>({ dialect: new PGliteDialect({ pglite, closeOnDestroy: false }) });
    const settings = await db
      .transaction()
      .setIsolationLevel('serializable')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const { rows } = await sql<{ iso: string; ro: string }>`
          select current_setting('transaction_isolation') as iso, current_setting('transaction_read_only') as ro
        `.execute(trx);
        return rows[0];
      });
    expect(settings).toEqual({ iso: 'serializable', ro: 'on' });
    await db.destroy();
  });

  it('rolls back to a savepoint and releases one', async () => {
    const db = new Kysely<EntriesDb>({ dialect: new PGliteDialect({ pglite, closeOnDestroy: false }) });
    const trx = await db.startTransaction().execute();
    await trx.insertInto('entries').values({ value: 'kept' }).execute();
    const undo = await trx.savepoint('before "undone"').execute();
    await undo.insertInto('entries').values({ value: 'undone' }).execute();
    const afterUndo = await undo.rollbackToSavepoint('before "undone"').execute();
    const release = await afterUndo.savepoint('second').execute();
    await release.insertInto('entries').values({ value: 'released' }).execute();
    await (await release.releaseSavepoint('second').execute()).commit().execute();
    expect((await db.selectFrom('entries').select('value').orderBy('value').execute()).map((r) => r.value)).toEqual([
      'kept',
      'released',
    ]);
    await db.destroy();
  });

  it('refuses to report a commit of an aborted transaction as success', async () => {
    const db = new Kysely<EntriesDb>({ dialect: new PGliteDialect({ pglite, closeOnDestroy: false }) });
    const trx = await db.startTransaction().execute();
    await trx.insertInto('entries').values({ value: 'lost' }).execute();
    await expect(trx.insertInto('entries').values({ value: 'lost' }).execute()).rejects.toThrow(/duplicate key/);
    await expect(trx.commit().execute()).rejects.toThrow('The transaction was rolled back: an earlier statement in it failed.');
    // The connection is free again: the next query runs instead of waiting forever.
    expect(await db.selectFrom('entries').selectAll().execute()).toEqual([]);
    await db.destroy();
  });

  it('reports affected rows of writes', async () => {
    const db = new Kysely<EntriesDb>({ dialect: new PGliteDialect({ pglite, closeOnDestroy: false }) });
    const inserted = await db.insertInto('entries').values([{ value: 'x' }, { value: 'y' }, { value: 'z' }]).executeTakeFirstOrThrow();
    const deleted = await db.deleteFrom('entries').where('value', '<>', 'x').executeTakeFirstOrThrow();
    expect([inserted.numInsertedOrUpdatedRows, deleted.numDeletedRows]).toEqual([3n, 2n]);
    await db.destroy();
  });

  it('says streaming is unsupported instead of pretending', async () => {
    const db = new Kysely<EntriesDb>({ dialect: new PGliteDialect({ pglite, closeOnDestroy: false }) });
    const stream = db.selectFrom('entries').selectAll().stream();
    await expect(stream.next()).rejects.toThrow('Streaming is not supported on PGlite: use execute() (results are in memory already).');
    await db.destroy();
  });

  it('closes the instance on destroy unless the caller owns it', async () => {
    const pglite = await PGlite.create();
    await pglite.exec('create table entries (value text primary key)');
    const kept = new Kysely<EntriesDb>({ dialect: new PGliteDialect({ pglite, closeOnDestroy: false }) });
    await kept.selectFrom('entries').selectAll().execute();
    await kept.destroy();
    expect(pglite.closed).toBe(false);
    const owning = new Kysely<EntriesDb>({ dialect: new PGliteDialect({ pglite: async () => pglite }) });
    await owning.selectFrom('entries').selectAll().execute();
    await owning.destroy();
    expect(pglite.closed).toBe(true);
  });
});
