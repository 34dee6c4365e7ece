/** Pool settings for the `pg` driver when the caller does not choose. */
export const pgPoolDefaults = {
  /** Small: the API and the worker share one small RDS instance (db.t3.micro allows ~80 connections). */
  max: 10,
  /** Fail fast with a clear error instead of hanging when the server is unreachable. */
  connectionTimeoutMillis: 10_000,
} as const;
