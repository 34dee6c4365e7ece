/**
 * Redrives the Postgres job queue's dead letters and resets their documents to `queued`.
 *
 *   npm run queue:redrive -- --data-dir .data/db          # the local app's PGlite (stop the app first)
 *   npm run queue:redrive -- --database-url postgres://…  # PostgreSQL (any time)
 *
 * PGlite is a single-process database: while the app runs, it holds the data directory, so
 * stop it before redriving a local install.
 */
import { parseArgs } from 'node:util';
import { DocumentRepository, PostgresJobQueue, type AppTables } from '@student-helper/persistence';
import { openDatabase, type DatabaseConfig } from '@student-helper/rag-core/postgres';
import { redriveDeadLetters } from '@student-helper/ingestion';

const usage = 'Usage: npm run queue:redrive -- (--data-dir <PGlite data directory> | --database-url <postgres://…>)';

function databaseConfig(args: string[]): DatabaseConfig {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } } });
  const dataDir = values['data-dir'];
  const databaseUrl = values['database-url'];
  if ((dataDir === undefined) === (databaseUrl === undefined)) throw new Error(`Give exactly one of --data-dir and --database-url.\n${usage}`);
  return dataDir !== undefined ? { kind: 'pglite', dataDir } : { kind: 'pg', connectionString: databaseUrl as string };
}

async function main(): Promise<void> {
  const database = await openDatabase<AppTables>(databaseConfig(process.argv.slice(2)));
  try {
    const result = await redriveDeadLetters({ queue: new PostgresJobQueue(database.db), documents: new DocumentRepository(database.db) });
    console.log(`Redrove ${result.messages} dead-lettered job(s); ${result.documentsReset} document(s) back to queued.`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
