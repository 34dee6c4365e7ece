import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { TestDatabase } from './test-database.js';

/** A fresh in-memory PGlite with pgvector loaded, used directly in this process. */
export async function createPGliteMemoryDatabase(): Promise<TestDatabase> {
  const pglite = await PGlite.create({ extensions: { vector } });
  return {
    config: { kind: 'pglite', pglite },
    hasPgvector: true,
    async dispose() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
