/**
 * Defaults for keys a stack file leaves out. Sizes are the seed's dev values; the queue
 * values are the corrected ones (visibility 6x the Lambda timeout, maxReceiveCount 5), and
 * the seed's 360 s / 3 stay expressible through the stack file.
 */
import { DEFAULT_EMBEDDING_MODEL_ID } from './embedding-models.js';

export const DEFAULT_PROJECT = 'student-helper';

export const ENVIRONMENT_DEFAULTS = {
  ec2InstanceType: 't3.micro',
  rdsInstanceClass: 'db.t3.micro',
  rdsAllocatedStorageGb: 20,
  lambdaMemoryMb: 512,
  enableDeletionProtection: false,
  multiAz: false,
  backupRetentionDays: 1,
  skipFinalSnapshot: true,
  backupWindow: '03:00-04:00',
  maintenanceWindow: 'mon:04:00-mon:05:00',
  lambdaTimeoutSeconds: 300,
  lambdaReservedConcurrency: 10,
  queueMaxReceiveCount: 5,
  logRetentionDays: 30,
  apiPort: 8000,
  embeddingModelId: DEFAULT_EMBEDDING_MODEL_ID,
  chatModelId: 'au.anthropic.claude-sonnet-4-5-20250929-v1:0',
} as const;

/** AWS guidance: the source queue's visibility timeout is at least 6x the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** Retention values CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const PATTERNS = {
  project: { pattern: /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, expected: 'a lowercase name of 3-32 letters, digits and hyphens' },
  environment: { pattern: /^[a-z][a-z0-9]{1,9}$/, expected: 'a lowercase environment name of 2-10 letters and digits (e.g. dev, prod)' },
  region: { pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d$/, expected: 'an AWS Region code such as ap-southeast-2' },
  ec2InstanceType: { pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, expected: 'an EC2 instance type such as t3.micro' },
  rdsInstanceClass: { pattern: /^db\.[a-z0-9-]+\.[a-z0-9]+$/, expected: 'an RDS instance class such as db.t3.micro' },
  backupWindow: { pattern: /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, expected: 'a UTC window hh:mm-hh:mm such as 03:00-04:00' },
  maintenanceWindow: {
    pattern: /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/,
    expected: 'a UTC window ddd:hh:mm-ddd:hh:mm such as mon:04:00-mon:05:00',
  },
  imageTag: { pattern: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, expected: 'a container image tag (letters, digits, _ . -; up to 128)' },
  modelId: { pattern: /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/, expected: 'a Bedrock model or inference profile id such as amazon.titan-embed-text-v2:0' },
} as const;
