import { documentJobHandler, servicesProcessorDeps, startWorker, type ProcessorLogger, type Worker, type WorkerOptions } from '@student-helper/ingestion';
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
  const queue = config.queue.kind === 'postgres' ? config.queue : undefined;
  return startWorker({
    queue: queueConsumer,
    handle: documentJobHandler(servicesProcessorDeps(services, log)),
    concurrency: config.worker.concurrency,
    ...(queue ? { visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds } : {}),
    stopTimeoutMs: config.server.shutdownTimeoutMs,
    log,
    ...tuning,
  });
}
