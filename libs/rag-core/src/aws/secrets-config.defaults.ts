export const secretsConfigDefaults = {
  /**
   * How long a fetched secret is reused. RDS rotates its managed master password (every 7 days
   * by default) and the old one stops working: new connections pick the new one up within this
   * time, or at once after `invalidate()` (call it on an authentication failure, SQLSTATE 28P01).
   */
  ttlMs: 5 * 60_000,
  /** PostgreSQL's port, RDS's default. */
  port: 5432,
} as const;
