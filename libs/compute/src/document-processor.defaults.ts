import { assertIntegerInRange, assertLogRetentionDays, assertMatches, assertOneOf } from '@student-helper/infra-shared';

/**
 * The processor Lambda as the seed sizes it (512 MB dev / 1024 MB prod, 300 s, 10 reserved),
 * fed by SQS one message at a time with partial batch responses, so one failing document never
 * re-runs others and a poison message reaches the DLQ after `maxReceiveCount` receives.
 */
export const DOCUMENT_PROCESSOR_DEFAULTS = {
  memorySize: 512,
  timeout: 300,
  reservedConcurrentExecutions: 10,
  architecture: 'x86_64',
  runtime: 'nodejs22.x',
  logRetentionInDays: 30,
  /** Structured logs (one JSON object per line) for CloudWatch Logs Insights. */
  logFormat: 'JSON',
  batchSize: 1,
  maximumBatchingWindowInSeconds: 0,
  functionResponseTypes: ['ReportBatchItemFailures'],
} as const;

export const NODE_RUNTIMES = ['nodejs20.x', 'nodejs22.x'] as const;
export type NodeRuntime = (typeof NODE_RUNTIMES)[number];
export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type LambdaArchitecture = (typeof ARCHITECTURES)[number];

/** Set by the Lambda runtime; a function cannot define them (CreateFunction rejects it). */
export const RESERVED_LAMBDA_ENV = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
] as const;

export interface ProcessorSettings {
  readonly memorySize: number;
  readonly timeout: number;
  readonly reservedConcurrentExecutions: number;
  readonly architecture: LambdaArchitecture;
  readonly logRetentionInDays: number;
}

export function resolveProcessorSettings(args: {
  memorySize?: number;
  timeout?: number;
  reservedConcurrentExecutions?: number;
  architecture?: LambdaArchitecture;
  logRetentionInDays?: number;
}): ProcessorSettings {
  const d = DOCUMENT_PROCESSOR_DEFAULTS;
  const memorySize = args.memorySize ?? d.memorySize;
  assertIntegerInRange('memorySize', memorySize, 128, 10_240);
  const timeout = args.timeout ?? d.timeout;
  assertIntegerInRange('timeout', timeout, 1, 900);
  const reservedConcurrentExecutions = args.reservedConcurrentExecutions ?? d.reservedConcurrentExecutions;
  // The SQS event source needs at least 2 concurrent executions (its minimum maximumConcurrency).
  assertIntegerInRange('reservedConcurrentExecutions', reservedConcurrentExecutions, 2, 1000);
  const architecture = args.architecture ?? d.architecture;
  assertOneOf('architecture', architecture, ARCHITECTURES);
  const logRetentionInDays = args.logRetentionInDays ?? d.logRetentionInDays;
  assertLogRetentionDays('logRetentionInDays', logRetentionInDays);
  return { memorySize, timeout, reservedConcurrentExecutions, architecture, logRetentionInDays };
}

/** Checks the keys (values may be Outputs): Lambda's naming rule and its reserved names. */
export function assertEnvironmentKeys(keys: readonly string[]): void {
  for (const key of keys) {
    assertMatches('environment', key, /^[A-Za-z][A-Za-z0-9_]*$/, 'keys starting with a letter, then letters, digits and underscores');
    if ((RESERVED_LAMBDA_ENV as readonly string[]).includes(key)) throw new Error(`environment must not set ${key}: Lambda reserves it`);
  }
}

export function assertZipPackage(handler: string, runtime: string): void {
  assertMatches('handler', handler, /^[A-Za-z0-9_./-]+\.[A-Za-z0-9_$]+$/, 'file.export such as index.handler');
  assertOneOf('runtime', runtime, NODE_RUNTIMES);
}

export function assertImageUri(imageUri: string): void {
  assertMatches(
    'imageUri',
    imageUri,
    /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9._/-]+(:[A-Za-z0-9._-]{1,128}|@sha256:[0-9a-f]{64})$/,
    'an ECR image URI with a tag or digest (<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>)',
  );
}
