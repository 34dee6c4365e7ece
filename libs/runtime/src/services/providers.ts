import { mkdir } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { PostgresJobQueue } from '@student-helper/persistence';
import {
  ExtractiveAnswerer,
  HeuristicQueryRewriter,
  LlmQueryRewriter,
  OfflineEmbedder,
  type BlobStore,
  type ChatModel,
  type Embedder,
  type JobQueue,
  type QueryRewriter,
  type VectorIndex,
} from '@student-helper/rag-core';
import { FileBlobStore } from '@student-helper/rag-core/local';
import { PgVectorIndex, type DatabaseConfig } from '@student-helper/rag-core/postgres';
import type { AppConfig, OpenAiEndpoint } from '../config/app-config.js';
import { loadAwsAdapters, loadOpenAiAdapters } from './adapter-modules.js';

// The functions below map one configuration choice each to its adapter. `region` is checked
// by loadConfig whenever an AWS adapter is chosen.

export async function createEmbedder(config: AppConfig): Promise<Embedder> {
  const settings = config.embeddings;
  switch (settings.provider) {
    case 'offline':
      return new OfflineEmbedder({ dimensions: settings.dimensions });
    case 'bedrock': {
      const aws = await loadAwsAdapters('EMBEDDINGS_PROVIDER=bedrock');
      return new aws.TitanEmbedder({ region: config.awsRegion, modelId: settings.modelId, dimensions: settings.dimensions });
    }
    case 'openai': {
      const openai = await loadOpenAiAdapters('EMBEDDINGS_PROVIDER=openai');
      return new openai.OpenAiEmbedder({
        ...endpoint(settings.openai),
        model: settings.model,
        dimensions: settings.dimensions,
        requestDimensions: settings.sendDimensions,
      });
    }
  }
}

/** The answerer and the follow-up rewriter that goes with it (an LLM rewrites with the same model). */
export async function createChatModel(config: AppConfig): Promise<{ chatModel: ChatModel; rewriter: QueryRewriter }> {
  const settings = config.chat;
  switch (settings.provider) {
    case 'extractive':
      return { chatModel: new ExtractiveAnswerer(), rewriter: new HeuristicQueryRewriter() };
    case 'bedrock': {
      const aws = await loadAwsAdapters('CHAT_PROVIDER=bedrock');
      const model = new aws.ClaudeChatModel({ region: config.awsRegion, modelId: settings.modelId, maxTokens: settings.maxTokens });
      return { chatModel: model, rewriter: new LlmQueryRewriter(model) };
    }
    case 'openai': {
      const openai = await loadOpenAiAdapters('CHAT_PROVIDER=openai');
      const model = new openai.OpenAiChatModel({ ...endpoint(settings.openai), model: settings.model, maxTokens: settings.maxTokens });
      return { chatModel: model, rewriter: new LlmQueryRewriter(model) };
    }
  }
}

function endpoint(settings: OpenAiEndpoint): { baseUrl: string; apiKey?: string; timeoutMs: number } {
  return { baseUrl: settings.baseUrl, timeoutMs: settings.timeoutMs, ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely is invariant in its table interface
export async function createVectorIndex(config: AppConfig, db: Kysely<any>, dimensions: number): Promise<VectorIndex> {
  const settings = config.vectors;
  if (settings.store === 'pgvector') return new PgVectorIndex(db, { dimensions });
  const aws = await loadAwsAdapters('VECTOR_STORE=s3vectors');
  return new aws.S3VectorsIndex({ region: config.awsRegion, vectorBucketName: settings.bucket, indexName: settings.index, dimensions });
}

export async function createBlobStore(config: AppConfig): Promise<BlobStore> {
  const settings = config.blobs;
  if (settings.store === 'local') return new FileBlobStore(settings.root);
  const aws = await loadAwsAdapters('BLOB_STORE=s3');
  return new aws.S3BlobStore({
    region: config.awsRegion,
    bucket: settings.bucket,
    ...(settings.kmsKeyId === undefined ? {} : { encryption: { type: 'aws:kms', kmsKeyId: settings.kmsKeyId, bucketKeyEnabled: true } }),
  });
}

/** The producer queue, and the Postgres queue's consumer side when the queue is local. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely is invariant in its table interface
export async function createQueue(config: AppConfig, db: Kysely<any>, now?: () => Date): Promise<{ queue: JobQueue; consumer: PostgresJobQueue | undefined }> {
  const settings = config.queue;
  if (settings.kind === 'postgres') {
    const queue = new PostgresJobQueue(db, {
      visibilityTimeoutSeconds: settings.visibilityTimeoutSeconds,
      maxReceiveCount: settings.maxReceiveCount,
      ...(now ? { now } : {}),
    });
    return { queue, consumer: queue };
  }
  const aws = await loadAwsAdapters('QUEUE=sqs');
  return { queue: new aws.SqsJobQueue({ region: config.awsRegion, queueUrl: settings.queueUrl }), consumer: undefined };
}

/** How to open the relational database: PGlite, a URL, or RDS through its managed secret. */
export async function databaseConfig(config: AppConfig): Promise<DatabaseConfig> {
  const settings = config.database;
  switch (settings.kind) {
    case 'pglite':
      if (settings.dataDir !== 'memory://') await mkdir(settings.dataDir, { recursive: true });
      return { kind: 'pglite', dataDir: settings.dataDir };
    case 'pg':
      return { kind: 'pg', connectionString: settings.connectionString };
    case 'rds-secret': {
      const aws = await loadAwsAdapters('DATABASE_SECRET_ARN');
      const loader = new aws.SecretsConfigLoader({
        region: config.awsRegion,
        database: { secretArn: settings.secretArn, host: settings.host, port: settings.port, name: settings.name },
      });
      return loader.databaseConfig();
    }
  }
}
