import { sql, type Kysely, type Migration } from 'kysely';
import { documentTerms } from './chunk-terms.js';
import { chunkStoreDefaults } from './chunk-store.defaults.js';
import type { ChunkStoreSettings } from './chunk-store-settings.js';

/**
 * rag-core's migrations. `0002_chunk_vectors` exists only for stores whose vectors live in
 * pgvector, and bakes the embedding dimension into the column type — which is why the settings
 * row guards against reopening a store with another model (see migrateChunkStore). A store
 * without pgvector goes from `0001` to `0003`: migrations run in name order, gaps allowed.
 */
export function chunkStoreMigrations(settings: ChunkStoreSettings): Record<string, Migration> {
  const migrations: Record<string, Migration> = { '0001_chunks': chunksMigration };
  if (settings.vectorIndex === 'pgvector') migrations['0002_chunk_vectors'] = chunkVectorsMigration(settings.dimensions);
  migrations['0003_chunk_ocr_confidence'] = chunkOcrConfidenceMigration;
  migrations['0004_document_terms'] = documentTermsMigration;
  return migrations;
}

const textSearchConfig = sql.lit(chunkStoreDefaults.textSearchConfig);
const { hnsw } = chunkStoreDefaults;

const chunksMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('chunks')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('chunk_index', 'integer', (c) => c.notNull().check(sql`chunk_index >= 0`))
      .addColumn('page_start', 'integer', (c) => c.notNull().check(sql`page_start >= 1`))
      .addColumn('page_end', 'integer', (c) => c.notNull())
      .addColumn('char_start', 'integer', (c) => c.notNull().check(sql`char_start >= 0`))
      .addColumn('char_end', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('token_count', 'integer', (c) => c.notNull().check(sql`token_count >= 0`))
      .addColumn('text_search', sql`tsvector`, (c) =>
        c.generatedAlwaysAs(sql`to_tsvector(${textSearchConfig}::regconfig, text)`).stored(),
      )
      .addCheckConstraint('chunks_key_is_document_and_index', sql`key = document_id || '#' || chunk_index`)
      .addCheckConstraint('chunks_page_span', sql`page_end >= page_start`)
      .addCheckConstraint('chunks_char_span', sql`char_end >= char_start`)
      .execute();
    await db.schema.createIndex('chunks_text_search_idx').on('chunks').using('gin').column('text_search').execute();
    await db.schema.createIndex('chunks_session_document_idx').on('chunks').columns(['session_id', 'document_id']).execute();
    await db.schema.createIndex('chunks_document_idx').on('chunks').column('document_id').execute();

    await db.schema
      .createTable('rag_core_settings')
      .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
      .addColumn('embedding_model_id', 'text', (c) => c.notNull())
      .addColumn('dimensions', 'integer', (c) => c.notNull())
      .addColumn('vector_index', 'text', (c) => c.notNull().check(sql`vector_index in ('pgvector', 'none')`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('rag_core_settings').execute();
    await db.schema.dropTable('chunks').execute();
  },
};

function chunkVectorsMigration(dimensions: number): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`create extension if not exists vector`.execute(db);
      await db.schema
        .createTable('chunk_vectors')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('chunk_index', 'integer', (c) => c.notNull())
        .addColumn('embedding', sql`vector(${sql.lit(dimensions)})`, (c) => c.notNull())
        .execute();
      // Kysely 0.28's index builder has no WITH (storage parameters) clause.
      await sql`
        create index chunk_vectors_embedding_idx on chunk_vectors using hnsw (embedding vector_cosine_ops)
        with (m = ${sql.lit(hnsw.m)}, ef_construction = ${sql.lit(hnsw.efConstruction)})
      `.execute(db);
      await db.schema.createIndex('chunk_vectors_session_document_idx').on('chunk_vectors').columns(['session_id', 'document_id']).execute();
      await db.schema.createIndex('chunk_vectors_document_idx').on('chunk_vectors').column('document_id').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('chunk_vectors').execute();
    },
  };
}

/** Chunks read by OCR keep its confidence, so a citation can say so; existing chunks came from text layers. */
const chunkOcrConfidenceMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('chunks')
      .addColumn('ocr_confidence', 'integer', (c) => c.check(sql`ocr_confidence between 0 and 100`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('chunks').dropColumn('ocr_confidence').execute();
  },
};

/**
 * What `termStatistics` reads: each chunk's number of analysed terms (`analyzeText`, the
 * analyser of the offline embedder and of the retriever's pool rerank), and per document and
 * term the number of its chunks holding the term. A question's statistics are then one index
 * range per term and document, whatever the planner knows — PGlite never runs autovacuum, and
 * counting through a GIN index on the chunks took 0.5 s per question over 8,600 chunks until
 * an ANALYZE. The generated `text_search` column cannot serve: its lexemes come from Postgres'
 * English stemmer, not from ours. Chunks already stored are analysed here, document by document.
 */
const documentTermsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('chunks')
      .addColumn('term_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`term_count >= 0`))
      .execute();
    await db.schema
      .createTable('document_terms')
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('term', 'text', (c) => c.notNull())
      .addColumn('chunks', 'integer', (c) => c.notNull().check(sql`chunks > 0`))
      .addPrimaryKeyConstraint('document_terms_pkey', ['document_id', 'term'])
      .execute();
    await db.schema.createIndex('document_terms_session_term_idx').on('document_terms').columns(['session_id', 'term']).execute();

    const { rows: documents } = await sql<{ document_id: string; session_id: string }>`
      select distinct document_id, session_id from chunks order by document_id
    `.execute(db);
    for (const { document_id: documentId, session_id: sessionId } of documents) {
      const { rows: chunks } = await sql<{ key: string; text: string }>`
        select key, text from chunks where document_id = ${documentId} order by chunk_index
      `.execute(db);
      const analysed = documentTerms(chunks.map((chunk) => chunk.text));
      const counts = chunks.map((chunk, i) => ({ key: chunk.key, term_count: analysed.termCounts[i] }));
      await sql`
        update chunks set term_count = analysed.term_count
        from jsonb_to_recordset(${JSON.stringify(counts)}::jsonb) as analysed(key text, term_count integer)
        where chunks.key = analysed.key
      `.execute(db);
      const terms = [...analysed.chunksWithTerm].map(([term, count]) => ({ term, chunks: count }));
      await sql`
        insert into document_terms (document_id, session_id, term, chunks)
        select ${documentId}, ${sessionId}, counted.term, counted.chunks
        from jsonb_to_recordset(${JSON.stringify(terms)}::jsonb) as counted(term text, chunks integer)
      `.execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('document_terms').execute();
    await db.schema.alterTable('chunks').dropColumn('term_count').execute();
  },
};
