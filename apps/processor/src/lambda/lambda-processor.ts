import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SqsJobQueue } from '@student-helper/rag-core/aws';
import { ConfigError, createServices, loadConfig, type AppConfig, type Env, type ServiceOverrides, type Services } from '@student-helper/runtime';
import { processDocumentJob, type ProcessorLogger, servicesProcessorDeps } from '@student-helper/ingestion';
import { consoleLogger } from './console-logger.js';
import { handleSqsBatch, type MessageVisibility, type SqsBatchOptions } from './sqs-batch.js';

export interface LambdaProcessorOptions {
  /** Default: {@link consoleLogger}. */
  log?: ProcessorLogger;
  /** Replacements for configured adapters (tests, the cold-start benchmark). */
  overrides?: ServiceOverrides;
  /** Replaces the SQS visibility calls (tests). */
  visibility?: MessageVisibility;
  deadlineMarginMs?: SqsBatchOptions['deadlineMarginMs'];
  /** Resolves relative directories of the configuration. Default `process.cwd()`. */
  cwd?: string;
}

export interface LambdaProcessor {
  readonly config: AppConfig;
  /** The wired services; a start that failed is retried by the next call. */
  services(): Promise<Services>;
  /** One SQS event, with the invocation's remaining time (`context.getRemainingTimeInMillis()`). */
  handle(event: SQSEvent, remainingTimeMs: number): Promise<SQSBatchResponse>;
  /** Closes the database (tests; Lambda just freezes and discards the container). */
  close(): Promise<void>;
}

/**
 * The processor as a Lambda function: parses the configuration at once (an invalid one fails the
 * container's init, naming every bad variable), starts wiring the services (database
 * connection, migrations, adapters) in the background so that happens during Lambda's init
 * phase, and handles SQS events with {@link handleSqsBatch}. A failed start (RDS or Secrets
 * Manager unreachable) fails that invocation — the batch comes back — and the next invocation
 * tries again instead of the container staying broken.
 */
export function startLambdaProcessor(env: Env, options: LambdaProcessorOptions = {}): LambdaProcessor {
  const config = loadConfig(env, options.cwd);
  const queue = config.queue;
  if (queue.kind !== 'sqs') {
    throw new ConfigError([{ key: 'QUEUE', message: 'must be sqs for the processor Lambda (its event source is the SQS queue).' }]);
  }
  const log = options.log ?? consoleLogger();
  const visibility = options.visibility ?? new SqsJobQueue({ region: config.awsRegion, queueUrl: queue.queueUrl });

  let starting: Promise<Services> | undefined;
  const services = (): Promise<Services> => {
    starting ??= createServices(config, options.overrides).catch((error: unknown) => {
      starting = undefined;
      throw error;
    });
    return starting;
  };
  // Begin now (Lambda's init phase); a failure is reported by the invocation that needs the services.
  services().catch(() => undefined);

  return {
    config,
    services,
    async handle(event, remainingTimeMs) {
      let ready: Services;
      try {
        ready = await services();
      } catch (error) {
        log.error({ err: error, records: event.Records.length }, 'the processor could not start; the batch goes back to the queue');
        throw error;
      }
      const deps = servicesProcessorDeps(ready, log);
      return handleSqsBatch(event, remainingTimeMs, {
        process: (message, context) => processDocumentJob(message, deps, context),
        maxReceiveCount: queue.maxReceiveCount,
        visibility,
        log,
        ...(options.deadlineMarginMs === undefined ? {} : { deadlineMarginMs: options.deadlineMarginMs }),
      });
    },
    async close() {
      const current = starting;
      starting = undefined;
      if (current) await (await current.catch(() => undefined))?.close();
    },
  };
}
