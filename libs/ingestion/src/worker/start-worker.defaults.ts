import { postgresJobQueueDefaults } from '@student-helper/persistence';

export const workerDefaults = {
  /** Messages processed at once. The parser, embedder and index share two cores locally. */
  concurrency: 1,
  /** Wait after an empty receive. */
  pollIntervalMs: 1_000,
  /** How long a received message stays hidden; the heartbeat keeps extending it. */
  visibilityTimeoutSeconds: postgresJobQueueDefaults.visibilityTimeoutSeconds,
  /** How long `stop` lets in-flight messages finish before aborting and releasing them. */
  stopTimeoutMs: 30_000,
} as const;

/**
 * When a failed message becomes visible again: 30 s, 60 s, 120 s, … capped at 15 min. Sooner
 * than SQS's "after the visibility timeout" (30 min), so a local hiccup does not stall a
 * document for half an hour; the receive count still reaches the dead-letter limit.
 */
export function retryDelaySeconds(receiveCount: number): number {
  return Math.min(900, 30 * 2 ** Math.max(0, receiveCount - 1));
}

/** Extend the visibility three times per timeout, so one missed beat does not lose the message. */
export function heartbeatIntervalMs(visibilityTimeoutSeconds: number): number {
  return Math.max(1_000, Math.floor((visibilityTimeoutSeconds * 1000) / 3));
}
