import { sql, type Kysely, type Migration } from 'kysely';

/** The Postgres job queue (SQS semantics) and its dead-letter table; see PostgresJobQueue. */
export const jobQueue: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('queue_messages')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
      .addColumn('body', 'jsonb', (c) => c.notNull())
      .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
      .addColumn('visible_at', 'timestamptz', (c) => c.notNull())
      .addColumn('receive_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`receive_count >= 0`))
      .addColumn('receipt', 'text', (c) => c.unique())
      .addColumn('first_received_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('queue_messages_visible_idx').on('queue_messages').columns(['visible_at', 'seq']).execute();

    await db.schema
      .createTable('queue_dead_letters')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('body', 'jsonb', (c) => c.notNull())
      .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
      .addColumn('receive_count', 'integer', (c) => c.notNull())
      .addColumn('dead_lettered_at', 'timestamptz', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('queue_dead_letters').execute();
    await db.schema.dropTable('queue_messages').execute();
  },
};
