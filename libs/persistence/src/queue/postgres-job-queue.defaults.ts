/**
 * SQS's semantics and limits, with the values AWS recommends for a queue consumed by a Lambda
 * with a 300 s timeout (SPEC §5 correction 4).
 */
export const postgresJobQueueDefaults = {
  /** At least 6× the processor's timeout (300 s on Lambda), as AWS advises for event source mappings. */
  visibilityTimeoutSeconds: 1800,
  /** The receive after this many moves the message to the dead-letter table (AWS advises ≥ 5). */
  maxReceiveCount: 5,
  /** Messages per receive when the caller does not say. */
  receiveMax: 1,
} as const;

/** SQS's bounds, kept so a setting that works locally also works on SQS. */
export const queueLimits = {
  maxVisibilityTimeoutSeconds: 43_200,
  maxReceiveBatch: 10,
  maxReceiveCount: 1_000,
} as const;
