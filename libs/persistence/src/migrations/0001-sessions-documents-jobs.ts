import { sql, type Kysely, type Migration } from 'kysely';

const documentStatuses = sql.raw(`'queued', 'processing', 'ready', 'failed'`);
const processingStages = sql.raw(`'parsing', 'chunking', 'embedding', 'indexing'`);

/** Sessions, their documents and one processing job per document. Deleting a session deletes the rest. */
export const sessionsDocumentsJobs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('documents')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('session_id', 'uuid', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'bigint', (c) => c.notNull().check(sql`size_bytes >= 0`))
      .addColumn('blob_key', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${documentStatuses})`))
      .addColumn('stage', 'text', (c) => c.check(sql`stage in (${processingStages})`))
      .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0).check(sql`progress between 0 and 100`))
      .addColumn('detail', 'text')
      .addColumn('page_count', 'integer', (c) => c.check(sql`page_count >= 0`))
      .addColumn('chunk_count', 'integer', (c) => c.check(sql`chunk_count >= 0`))
      .addColumn('indexed_chunk_count', 'integer', (c) => c.check(sql`indexed_chunk_count >= 0`))
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      // A failed document always says why, and only a failed one carries an error.
      .addCheckConstraint('documents_failed_has_error', sql`(status = 'failed') = (error_code is not null and error_message is not null)`)
      .addCheckConstraint('documents_ready_is_complete', sql`status <> 'ready' or (page_count is not null and chunk_count is not null and progress = 100)`)
      .execute();
    await db.schema.createIndex('documents_session_idx').on('documents').columns(['session_id', 'created_at']).execute();

    await db.schema
      .createTable('jobs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('document_id', 'uuid', (c) => c.notNull().unique().references('documents.id').onDelete('cascade'))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`))
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('started_at', 'timestamptz')
      .addColumn('finished_at', 'timestamptz')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('jobs').execute();
    await db.schema.dropTable('documents').execute();
    await db.schema.dropTable('sessions').execute();
  },
};
