import { documentJobHandler, startWorker, type ProcessorDeps, type ProcessorLogger, type Worker, type WorkerOptions } from '@student-helper/ingestion';
import type { Services } from '@student-helper/runtime';

/**
 * The processor's worker loop inside the API process, consuming the Postgres queue. It must
 * run here: PGlite is one process's embedded database, so no second process can open it.
 * Undefined when the configuration turns the worker off or the queue is SQS (a Lambda
 * consumes that).
 */
export function startLocalWorker(
  services: Services,
  log: ProcessorLogger,
  tuning: Pick<WorkerOptions, 'pollIntervalMs' | 'retryDelaySeconds'> = {},
): Worker | undefined {
  const { config, queueConsumer } = services;
  if (!config.worker.enabled || queueConsumer === undefined) return undefined;
  const deps: ProcessorDeps = {
    blobs: services.blobs,
    documents: services.documents,
    jobs: services.jobs,
    chunks: services.chunks,
    vectors: services.vectors,
    embedder: services.embedder,
    options: { parse: { maxPages: config.uploads.maxPages } },
    log,
  };
  const queue = config.queue.kind === 'postgres' ? config.queue : undefined;
  return startWorker({
    queue: queueConsumer,
    handle: documentJobHandler(deps),
    concurrency: config.worker.concurrency,
    ...(queue ? { visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds } : {}),
    stopTimeoutMs: config.server.shutdownTimeoutMs,
    log,
    ...tuning,
  });
}
