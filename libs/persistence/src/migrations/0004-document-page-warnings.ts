import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What the student is told about a document's pages: the ones that could not be read (text
 * layer broken, OCR could not read them or did not reach them) and how many were read by OCR.
 */
export const documentPageWarnings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('documents')
      .addColumn('page_warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`).check(sql`jsonb_typeof(page_warnings) = 'array'`))
      .execute();
    await db.schema
      .alterTable('documents')
      .addColumn('ocr_page_count', 'integer', (c) => c.check(sql`ocr_page_count >= 0`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('documents').dropColumn('ocr_page_count').execute();
    await db.schema.alterTable('documents').dropColumn('page_warnings').execute();
  },
};
