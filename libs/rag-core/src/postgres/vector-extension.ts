import { sql, type Kysely } from 'kysely';

/** Whether `create extension vector` can work here (installed already, or installable). */
// Kysely is invariant in its table interface; this query touches none of the caller's tables.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function vectorExtensionAvailable(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ available: boolean }>`
    select exists (select 1 from pg_available_extensions where name = 'vector') as available
  `.execute(db);
  return rows[0]?.available === true;
}
