export const harnessDefaults = {
  /** The machine's PostgreSQL (trust auth, database `test`). */
  postgresUrl: 'postgres://postgres@127.0.0.1:5432/test',
  /** Prefix of the per-suite schemas; the suffix carries the creation time so stale ones can be swept. */
  schemaPrefix: 'dbtest_',
  /** Schemas older than this were left by a crashed run and are dropped by the next one. */
  staleSchemaAgeMs: 6 * 60 * 60 * 1000,
  /** How long the `pg` target waits for the server before failing the suite. */
  connectTimeoutMs: 5_000,
} as const;
