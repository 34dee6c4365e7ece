import { databaseTargets } from '@student-helper/db-testing';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkRow } from '../../test/postgres/chunks.js';
import { openTarget, type OpenTarget } from '../../test/postgres/open-target.js';
import { ChunkStoreSettingsError, type ChunkStoreSettings } from './chunk-store-settings.js';
import type { ChunkStoreTables } from './chunk-store.tables.js';
import { chunkStoreMigrations } from './chunk-store.migrations.js';
import { migrateChunkStore, RAG_CORE_MIGRATION_TABLE, storedSettings } from './migrate-chunk-store.js';
import { migrateToLatest } from './migrate.js';

const lexicalOnly: ChunkStoreSettings = { embeddingModelId: 'amazon.titan-embed-text-v2:0', dimensions: 1024, vectorIndex: 'none' };
const withPgvector: ChunkStoreSettings = { embeddingModelId: 'offline-hash-v1', dimensions: 3, vectorIndex: 'pgvector' };

async function indexes(db: Kysely<ChunkStoreTables>, table: string): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    select indexdef as def from pg_indexes where schemaname = current_schema() and tablename = ${table} order by indexname
  `.execute(db);
  return rows.map((row) => row.def.replace(/ ON \S+\./, ' ON '));
}

async function rejection(promise: Promise<unknown>): Promise<ChunkStoreSettingsError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ChunkStoreSettingsError)) throw new Error(`expected a ChunkStoreSettingsError, got ${String(error)}`);
  return error;
}

describe.each(databaseTargets())('migrateChunkStore on $name', (target) => {
  describe('without pgvector (vectors elsewhere)', () => {
    let opened: OpenTarget<ChunkStoreTables>;
    beforeAll(async () => {
      opened = await openTarget<ChunkStoreTables>(target);
    });
    afterAll(() => opened?.close());

    it('creates the chunk tables once; running again applies nothing', async () => {
      const { db } = opened.database;
      expect(await migrateChunkStore(db, lexicalOnly)).toEqual(['0001_chunks', '0003_chunk_ocr_confidence', '0004_document_terms']);
      expect(await migrateChunkStore(db, lexicalOnly)).toEqual([]);
      expect(await storedSettings(db)).toEqual(lexicalOnly);
      const { rows } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables where table_schema = current_schema() order by 1
      `.execute(db);
      expect(rows.map((row) => row.name)).toEqual(['chunks', 'document_terms', 'rag_core_migration', 'rag_core_migration_lock', 'rag_core_settings']);
    });

    it('indexes full text with GIN and the session and document filters with B-trees', async () => {
      expect(await indexes(opened.database.db, 'chunks')).toEqual([
        'CREATE INDEX chunks_document_idx ON chunks USING btree (document_id)',
        'CREATE UNIQUE INDEX chunks_pkey ON chunks USING btree (key)',
        'CREATE INDEX chunks_session_document_idx ON chunks USING btree (session_id, document_id)',
        'CREATE INDEX chunks_text_search_idx ON chunks USING gin (text_search)',
      ]);
      expect(await indexes(opened.database.db, 'document_terms')).toEqual([
        'CREATE UNIQUE INDEX document_terms_pkey ON document_terms USING btree (document_id, term)',
        'CREATE INDEX document_terms_session_term_idx ON document_terms USING btree (session_id, term)',
      ]);
      const { rows } = await sql<{ generated: string; expression: string }>`
        select is_generated as generated, generation_expression as expression
        from information_schema.columns where table_schema = current_schema() and table_name = 'chunks' and column_name = 'text_search'
      `.execute(opened.database.db);
      expect(rows).toEqual([{ generated: 'ALWAYS', expression: "to_tsvector('english'::regconfig, text)" }]);
    });

    it('keeps keys deterministic: a key that is not documentId#chunkIndex is refused', async () => {
      await expect(opened.database.db.insertInto('chunks').values(chunkRow('d', 1, 'd#2')).execute()).rejects.toThrow(
        /chunks_key_is_document_and_index/,
      );
    });

    it('refuses another embedding model, dimension or vector index, and changes nothing', async () => {
      const { db } = opened.database;
      const otherModel = await rejection(migrateChunkStore(db, { ...lexicalOnly, embeddingModelId: 'offline-hash-v1' }));
      expect([otherModel.code, otherModel.message]).toEqual([
        'SETTINGS_MISMATCH',
        'The chunk store was built for embedding model "amazon.titan-embed-text-v2:0" (1024 dimensions, vector index none), ' +
          'but this process is configured for "offline-hash-v1" (1024 dimensions, vector index none). Vectors of different ' +
          'models cannot be mixed: configure the original model, or re-index the documents into a new database.',
      ]);
      expect((await rejection(migrateChunkStore(db, { ...lexicalOnly, dimensions: 512 }))).code).toBe('SETTINGS_MISMATCH');
      expect((await rejection(migrateChunkStore(db, { ...lexicalOnly, vectorIndex: 'pgvector', dimensions: 1024 }))).code).toBe(
        'SETTINGS_MISMATCH',
      );
      expect(await storedSettings(db)).toEqual(lexicalOnly);
      const { rows } = await sql<{ exists: boolean }>`select to_regclass('chunk_vectors') is not null as exists`.execute(db);
      expect(rows).toEqual([{ exists: false }]);
    });
  });

  describe('upgrading a store built before 0004_document_terms', () => {
    let opened: OpenTarget<ChunkStoreTables>;
    beforeAll(async () => {
      opened = await openTarget<ChunkStoreTables>(target);
    });
    afterAll(() => opened?.close());

    it('analyses the chunks already stored, document by document', async () => {
      const { db } = opened.database;
      const { '0004_document_terms': _, ...before } = chunkStoreMigrations(lexicalOnly);
      await migrateToLatest(db, { migrationTableName: RAG_CORE_MIGRATION_TABLE, migrations: before });
      const row = (documentId: string, index: number, text: string) => ({ ...chunkRow(documentId, index), session_id: `s-${documentId}`, text });
      await db
        .insertInto('chunks')
        .values([
          row('old', 0, 'Capital expenditures rose; capital spending fell.'),
          row('old', 1, 'Capital markets.'),
          row('older', 0, 'Revenue grew.'),
        ])
        .execute();

      expect(await migrateChunkStore(db, lexicalOnly)).toEqual(['0004_document_terms']);
      expect(await db.selectFrom('chunks').select(['key', 'term_count']).orderBy('key').execute()).toEqual([
        { key: 'old#0', term_count: 6 },
        { key: 'old#1', term_count: 2 },
        { key: 'older#0', term_count: 2 },
      ]);
      expect(await db.selectFrom('document_terms').selectAll().orderBy('document_id').orderBy('term').execute()).toEqual([
        { document_id: 'old', session_id: 's-old', term: 'capit', chunks: 2 },
        { document_id: 'old', session_id: 's-old', term: 'expenditur', chunks: 1 },
        { document_id: 'old', session_id: 's-old', term: 'fell', chunks: 1 },
        { document_id: 'old', session_id: 's-old', term: 'market', chunks: 1 },
        { document_id: 'old', session_id: 's-old', term: 'rose', chunks: 1 },
        { document_id: 'old', session_id: 's-old', term: 'spend', chunks: 1 },
        { document_id: 'older', session_id: 's-older', term: 'grew', chunks: 1 },
        { document_id: 'older', session_id: 's-older', term: 'revenu', chunks: 1 },
      ]);
    });
  });

  describe('with pgvector', () => {
    let opened: OpenTarget<ChunkStoreTables>;
    beforeAll(async () => {
      opened = await openTarget<ChunkStoreTables>(target);
    });
    afterAll(() => opened?.close());

    if (target.hasPgvector) {
      it('adds chunk_vectors with a vector(N) column and an HNSW cosine index, once', async () => {
        const { db } = opened.database;
        expect(await migrateChunkStore(db, withPgvector)).toEqual(['0001_chunks', '0002_chunk_vectors', '0003_chunk_ocr_confidence', '0004_document_terms']);
        expect(await migrateChunkStore(db, withPgvector)).toEqual([]);
        const { rows } = await sql<{ type: string }>`
          select format_type(atttypid, atttypmod) as type from pg_attribute
          where attrelid = 'chunk_vectors'::regclass and attname = 'embedding'
        `.execute(db);
        expect(rows).toEqual([{ type: 'vector(3)' }]);
        expect(await indexes(db, 'chunk_vectors')).toEqual([
          'CREATE INDEX chunk_vectors_document_idx ON chunk_vectors USING btree (document_id)',
          "CREATE INDEX chunk_vectors_embedding_idx ON chunk_vectors USING hnsw (embedding vector_cosine_ops) WITH (m='8', ef_construction='32')",
          'CREATE UNIQUE INDEX chunk_vectors_pkey ON chunk_vectors USING btree (key)',
          'CREATE INDEX chunk_vectors_session_document_idx ON chunk_vectors USING btree (session_id, document_id)',
        ]);
      });
    } else {
      it('says pgvector is unavailable and creates nothing', async () => {
        const { db } = opened.database;
        const error = await rejection(migrateChunkStore(db, withPgvector));
        expect([error.code, error.message]).toEqual([
          'PGVECTOR_UNAVAILABLE',
          'vectorIndex "pgvector" needs the vector extension, which this PostgreSQL server does not have. ' +
            'Install pgvector (RDS has it) or keep vectors elsewhere with vectorIndex "none" (S3 Vectors).',
        ]);
        expect(await storedSettings(db)).toBeUndefined();
      });
    }
  });
});

describe('migrateChunkStore settings validation', () => {
  it.each([
    [{ ...withPgvector, embeddingModelId: ' ' }, 'embeddingModelId must be a non-empty string.'],
    [{ ...withPgvector, dimensions: 0 }, 'dimensions must be a positive integer, got 0.'],
    [{ ...withPgvector, dimensions: 2.5 }, 'dimensions must be a positive integer, got 2.5.'],
    [{ ...withPgvector, vectorIndex: 's3' as 'none' }, 'vectorIndex must be "pgvector" or "none", got "s3".'],
    [{ ...withPgvector, dimensions: 3072 }, "pgvector's HNSW index supports at most 2000 dimensions; offline-hash-v1 has 3072."],
  ])('rejects %o before touching the database', async (settings, message) => {
    const untouched = new Proxy({} as Kysely<ChunkStoreTables>, {
      get() {
        throw new Error('the database must not be used');
      },
    });
    const error = await rejection(migrateChunkStore(untouched, settings));
    expect([error.code, error.message]).toEqual(['INVALID_SETTINGS', message]);
  });
});
