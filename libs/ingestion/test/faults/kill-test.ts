/** Settings shared by the SIGKILL test and its worker process. */
export const killTest = {
  /** Short, so the message comes back soon after the kill. */
  visibilityTimeoutSeconds: 2,
  heartbeatIntervalMs: 500,
  upsertBatchSize: 5,
  /** The worker process's vector index hangs after this many upserts; the test kills it there. */
  upsertsBeforeStall: 3,
} as const;
