import * as pulumi from '@pulumi/pulumi';
import { bedrockInvokeArns, parseInferenceProfileId, INFERENCE_PROFILE_REGIONS } from './bedrock-arns.js';
import { ConfigReader, type ConfigSource } from './config-reader.js';
import { MAX_VECTOR_DIMENSION, resolveEmbeddingDimension } from './embedding-models.js';
import {
  DEFAULT_PROJECT,
  ENVIRONMENT_DEFAULTS,
  LOG_RETENTION_DAYS,
  PATTERNS,
  VISIBILITY_TIMEOUT_FACTOR,
} from './environment-config.defaults.js';

/** Everything a stack may vary, read once from stack config (`Pulumi.<stack>.yaml`). */
export interface EnvironmentConfig {
  readonly project: string;
  readonly environment: string;
  readonly isProduction: boolean;
  readonly region: string;
  readonly ec2InstanceType: string;
  readonly rdsInstanceClass: string;
  readonly rdsAllocatedStorageGb: number;
  readonly lambdaMemoryMb: number;
  readonly lambdaTimeoutSeconds: number;
  readonly lambdaReservedConcurrency: number;
  readonly enableDeletionProtection: boolean;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly skipFinalSnapshot: boolean;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  readonly queueVisibilityTimeoutSeconds: number;
  readonly queueMaxReceiveCount: number;
  readonly logRetentionDays: number;
  readonly apiPort: number;
  readonly embeddingModelId: string;
  readonly embeddingDimension: number;
  readonly chatModelId: string;
  /** Destination Regions for inference-profile model ids; empty when both models are in-Region. */
  readonly bedrockInferenceRegions: readonly string[];
  /** Tag of the processor image to run; unset means the caller's default (the processor version). */
  readonly processorImageTag: string | undefined;
}

/** The stack config keys, as written in `Pulumi.<stack>.yaml` (the seed's snake_case names). */
export const CONFIG_KEYS = {
  project: 'project',
  environment: 'environment',
  ec2InstanceType: 'ec2_instance_type',
  rdsInstanceClass: 'rds_instance_class',
  rdsAllocatedStorageGb: 'rds_allocated_storage',
  lambdaMemoryMb: 'lambda_memory',
  lambdaTimeoutSeconds: 'lambda_timeout',
  lambdaReservedConcurrency: 'lambda_reserved_concurrency',
  enableDeletionProtection: 'enable_deletion_protection',
  multiAz: 'multi_az',
  backupRetentionDays: 'backup_retention_days',
  skipFinalSnapshot: 'skip_final_snapshot',
  backupWindow: 'backup_window',
  maintenanceWindow: 'maintenance_window',
  queueVisibilityTimeoutSeconds: 'queue_visibility_timeout',
  queueMaxReceiveCount: 'queue_max_receive_count',
  logRetentionDays: 'log_retention_days',
  apiPort: 'api_port',
  embeddingModelId: 'embedding_model_id',
  embeddingDimension: 'embedding_dimension',
  chatModelId: 'chat_model_id',
  bedrockInferenceRegions: 'bedrock_inference_regions',
  processorImageTag: 'processor_image_tag',
} as const satisfies Record<Exclude<keyof EnvironmentConfig, 'isProduction' | 'region'>, string>;

/**
 * Reads and validates the stack's configuration. Fails with an {@link EnvironmentConfigError}
 * naming every bad key, what it expects and what it got.
 *
 * @param config the project's config bag (keys such as `student-helper-infra:lambda_memory`)
 * @param awsConfig the `aws` bag, for `aws:region`
 */
export function loadEnvironmentConfig(
  config: ConfigSource = new pulumi.Config(),
  awsConfig: ConfigSource = new pulumi.Config('aws'),
): EnvironmentConfig {
  const read = new ConfigReader(config);
  const readAws = new ConfigReader(awsConfig, read.issues);
  const d = ENVIRONMENT_DEFAULTS;
  const k = CONFIG_KEYS;

  const project = read.string(k.project, DEFAULT_PROJECT, PATTERNS.project);
  const environment = read.string(k.environment, undefined, PATTERNS.environment);
  const region = readAws.string('region', undefined, PATTERNS.region);

  const lambdaTimeoutSeconds = read.integer(k.lambdaTimeoutSeconds, d.lambdaTimeoutSeconds, { min: 1, max: 900, unit: 'seconds' });
  const queueVisibilityTimeoutSeconds = read.integer(
    k.queueVisibilityTimeoutSeconds,
    VISIBILITY_TIMEOUT_FACTOR * lambdaTimeoutSeconds,
    { min: 0, max: 43_200, unit: 'seconds' },
  );
  // Lambda refuses an SQS event source whose visibility timeout is shorter than the function timeout.
  if (queueVisibilityTimeoutSeconds < lambdaTimeoutSeconds) {
    read.report(
      k.queueVisibilityTimeoutSeconds,
      `at least the Lambda timeout (${lambdaTimeoutSeconds} s); AWS recommends ${VISIBILITY_TIMEOUT_FACTOR * lambdaTimeoutSeconds} s`,
      String(queueVisibilityTimeoutSeconds),
    );
  }

  const logRetentionDays = read.integer(k.logRetentionDays, d.logRetentionDays, { min: 1, max: 3653, unit: 'days' });
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
    read.report(k.logRetentionDays, `one of the CloudWatch retention values ${LOG_RETENTION_DAYS.join(', ')}`, String(logRetentionDays));
  }

  const embeddingModelId = read.string(k.embeddingModelId, d.embeddingModelId, PATTERNS.modelId);
  const requestedDimension = config.get(k.embeddingDimension)
    ? read.integer(k.embeddingDimension, undefined, { min: 1, max: MAX_VECTOR_DIMENSION })
    : undefined;
  const dimension = resolveEmbeddingDimension(embeddingModelId, requestedDimension);
  if (!dimension.ok) read.report(k.embeddingDimension, dimension.expected, config.get(k.embeddingDimension));

  const chatModelId = read.string(k.chatModelId, d.chatModelId, PATTERNS.modelId);
  const bedrockInferenceRegions = read.stringList(k.bedrockInferenceRegions, [], PATTERNS.region);
  for (const modelId of [embeddingModelId, chatModelId]) {
    const profile = parseInferenceProfileId(modelId);
    if (profile && bedrockInferenceRegions.length === 0 && !INFERENCE_PROFILE_REGIONS[profile.geo]) {
      read.report(k.bedrockInferenceRegions, `the destination Regions of inference profile '${modelId}'`, undefined);
    }
  }

  const result: EnvironmentConfig = {
    project,
    environment,
    isProduction: environment === 'prod',
    region,
    ec2InstanceType: read.string(k.ec2InstanceType, d.ec2InstanceType, PATTERNS.ec2InstanceType),
    rdsInstanceClass: read.string(k.rdsInstanceClass, d.rdsInstanceClass, PATTERNS.rdsInstanceClass),
    rdsAllocatedStorageGb: read.integer(k.rdsAllocatedStorageGb, d.rdsAllocatedStorageGb, { min: 20, max: 65_536, unit: 'GiB' }),
    lambdaMemoryMb: read.integer(k.lambdaMemoryMb, d.lambdaMemoryMb, { min: 128, max: 10_240, unit: 'MB' }),
    lambdaTimeoutSeconds,
    lambdaReservedConcurrency: read.integer(k.lambdaReservedConcurrency, d.lambdaReservedConcurrency, { min: 1, max: 1000 }),
    enableDeletionProtection: read.boolean(k.enableDeletionProtection, d.enableDeletionProtection),
    multiAz: read.boolean(k.multiAz, d.multiAz),
    backupRetentionDays: read.integer(k.backupRetentionDays, d.backupRetentionDays, { min: 0, max: 35, unit: 'days' }),
    skipFinalSnapshot: read.boolean(k.skipFinalSnapshot, d.skipFinalSnapshot),
    backupWindow: read.string(k.backupWindow, d.backupWindow, PATTERNS.backupWindow),
    maintenanceWindow: read.string(k.maintenanceWindow, d.maintenanceWindow, PATTERNS.maintenanceWindow),
    queueVisibilityTimeoutSeconds,
    queueMaxReceiveCount: read.integer(k.queueMaxReceiveCount, d.queueMaxReceiveCount, { min: 1, max: 1000 }),
    logRetentionDays,
    apiPort: read.integer(k.apiPort, d.apiPort, { min: 1024, max: 65_535 }),
    embeddingModelId,
    embeddingDimension: dimension.ok ? dimension.dimension : 0,
    chatModelId,
    bedrockInferenceRegions,
    processorImageTag: config.get(k.processorImageTag) ? read.string(k.processorImageTag, undefined, PATTERNS.imageTag) : undefined,
  };

  read.assertValid();
  return Object.freeze(result);
}

/** ARNs the workloads may invoke: the chat and embedding models of this stack, nothing else. */
export function bedrockModelArns(config: EnvironmentConfig, accountId: string, partition = 'aws'): { chat: string[]; embedding: string[] } {
  const inferenceRegions = config.bedrockInferenceRegions.length > 0 ? config.bedrockInferenceRegions : undefined;
  const arns = (modelId: string) =>
    bedrockInvokeArns({ modelId, region: config.region, accountId, partition, inferenceRegions });
  return { chat: arns(config.chatModelId), embedding: arns(config.embeddingModelId) };
}
