import type * as pulumi from '@pulumi/pulumi';
import type { LayerContext } from './context.js';
import type { MessagingLayer } from './messaging.js';
import type { StorageLayer } from './storage.js';

/**
 * The environment both workloads get on AWS, in the variables `@student-helper/runtime`'s
 * `loadConfig` reads: which adapters to use and where their resources are. Values are names,
 * URLs and ARNs only — secrets stay in Secrets Manager and are fetched by ARN.
 */
export function workloadEnvironment(ctx: LayerContext, storage: StorageLayer, messaging: MessagingLayer): Record<string, pulumi.Input<string>> {
  const { config } = ctx;
  return {
    BLOB_STORE: 's3',
    DOCUMENTS_BUCKET: storage.documents.bucketName,
    VECTOR_STORE: 's3vectors',
    S3_VECTORS_BUCKET: storage.vectors.vectorBucketName,
    S3_VECTORS_INDEX: storage.vectors.indexName,
    EMBEDDINGS_PROVIDER: 'bedrock',
    BEDROCK_EMBEDDINGS_MODEL_ID: config.embeddingModelId,
    EMBEDDINGS_DIMENSIONS: String(config.embeddingDimension),
    QUEUE: 'sqs',
    SQS_QUEUE_URL: messaging.jobs.queueUrl,
    DATABASE_SECRET_ARN: storage.database.dbInstanceMasterUserSecretArn,
    DATABASE_HOST: storage.database.dbInstanceAddress,
    DATABASE_PORT: storage.database.dbInstancePort.apply(String),
    DATABASE_NAME: storage.database.dbInstanceName,
  };
}

/**
 * The processor Lambda adds the queue's `maxReceiveCount`: its last receive marks the document
 * failed before SQS moves the message to the DLQ, so it must be the redrive policy's own value.
 * Below 1 GB it renders OCR pages at 200 dpi instead of 300: the tesseract worker's memory grows
 * with the image, and at 300 dpi a book with one scanned page peaked above 512 MB
 * (docs/benchmarks.md, Ingestion and OCR).
 */
export function processorEnvironment(
  workload: Record<string, pulumi.Input<string>>,
  messaging: MessagingLayer,
  memoryMb: number,
): Record<string, pulumi.Input<string>> {
  return {
    ...workload,
    QUEUE_MAX_RECEIVE_COUNT: String(messaging.jobs.maxReceiveCount),
    OCR_DPI: memoryMb < 1024 ? '200' : '300',
  };
}

/**
 * The API adds its chat model, its Region (EC2 has no `AWS_REGION` of its own; Lambda sets
 * it), trust in the proxy hops (CloudFront and API Gateway set X-Forwarded-For) and the
 * app-config secret's ARN.
 */
export function apiEnvironment(
  ctx: LayerContext,
  workload: Record<string, pulumi.Input<string>>,
  appConfigSecretArn: pulumi.Input<string>,
): Record<string, pulumi.Input<string>> {
  return {
    ...workload,
    AWS_REGION: ctx.config.region,
    CHAT_PROVIDER: 'bedrock',
    BEDROCK_CHAT_MODEL_ID: ctx.config.chatModelId,
    TRUST_PROXY: 'true',
    APP_CONFIG_SECRET_ARN: appConfigSecretArn,
  };
}
