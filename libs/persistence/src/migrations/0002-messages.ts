import { sql, type Kysely, type Migration } from 'kysely';

/** Chat history of a session; citations are kept with the message as JSON (they outlive deleted documents). */
export const messages: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('messages')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('session_id', 'uuid', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
      .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('user', 'assistant')`))
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('answered', 'not_found', 'stopped')`))
      .addColumn('citations', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`).check(sql`jsonb_typeof(citations) = 'array'`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('messages_outcome_of_assistant', sql`role = 'assistant' or outcome is null`)
      .execute();
    await db.schema.createIndex('messages_session_seq_idx').on('messages').columns(['session_id', 'seq']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('messages').execute();
  },
};
