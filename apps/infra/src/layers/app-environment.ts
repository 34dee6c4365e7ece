import * as pulumi from '@pulumi/pulumi';
import type { LayerContext } from './context.js';
import type { MessagingLayer } from './messaging.js';
import type { StorageLayer } from './storage.js';

/**
 * The environment both workloads get on AWS: which adapters to use and where their resources
 * are. Values are ids and names only — secrets stay in Secrets Manager and are fetched by ARN.
 * The variable names are the infrastructure side of the apps' configuration contract
 * (docs/infrastructure.md, "Application environment").
 */
export function workloadEnvironment(ctx: LayerContext, storage: StorageLayer, messaging: MessagingLayer): Record<string, pulumi.Input<string>> {
  const { config } = ctx;
  return {
    BLOB_STORE: 's3',
    DOCUMENTS_BUCKET: storage.documents.bucketName,
    VECTOR_STORE: 's3vectors',
    VECTOR_BUCKET: storage.vectors.vectorBucketName,
    VECTOR_INDEX: storage.vectors.indexName,
    EMBEDDER: 'bedrock',
    EMBEDDING_MODEL_ID: config.embeddingModelId,
    EMBEDDING_DIMENSION: String(config.embeddingDimension),
    JOB_QUEUE: 'sqs',
    JOB_QUEUE_URL: messaging.jobs.queueUrl,
    DATABASE_HOST: storage.database.dbInstanceAddress,
    DATABASE_PORT: storage.database.dbInstancePort.apply(String),
    DATABASE_NAME: storage.database.dbInstanceName,
    DATABASE_SECRET_ARN: storage.database.dbInstanceMasterUserSecretArn,
  };
}

/** The API adds its chat model, its Region (EC2 has no `AWS_REGION` of its own) and the app-config secret. */
export function apiEnvironment(
  ctx: LayerContext,
  workload: Record<string, pulumi.Input<string>>,
  appConfigSecretArn: pulumi.Input<string>,
): Record<string, pulumi.Input<string>> {
  return {
    ...workload,
    AWS_REGION: ctx.config.region,
    CHAT_MODEL: 'bedrock',
    CHAT_MODEL_ID: ctx.config.chatModelId,
    APP_CONFIG_SECRET_ARN: appConfigSecretArn,
  };
}
