import path from 'node:path';
import type {
  AppConfig,
  BlobStoreConfig,
  ChatConfig,
  DatabaseSettings,
  EmbeddingsConfig,
  OpenAiEndpoint,
  QueueConfig,
  ServerConfig,
  VectorStoreConfig,
  WorkerConfig,
} from './app-config.js';
import { ConfigError } from './config-error.js';
import {
  blobStores,
  chatProviders,
  configDefaults as d,
  embeddingsProviders,
  logLevels,
  queues,
  titanDimensionChoices,
  vectorStores,
} from './config.defaults.js';
import { EnvReader, isUrl, type Env } from './env-reader.js';

const PGLITE_MEMORY = 'memory://';

/**
 * Parses the environment into the app's configuration, once, at start. Nothing else in the
 * app reads `process.env`. Throws {@link ConfigError} listing every bad or missing variable
 * (each by name, with what is expected). The result is deeply frozen.
 *
 * `cwd` resolves relative directories (`DATA_DIR`, `WEB_DIST_DIR`).
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const read = new EnvReader(env);
  const dataDir = path.resolve(cwd, read.string('DATA_DIR', d.dataDir));

  const server = readServer(read, cwd);
  const database = readDatabase(read, dataDir);
  const uploads = {
    maxBytes: read.integer('UPLOAD_MAX_BYTES', d.uploadMaxBytes, { min: 1024, max: 2 ** 31 }),
    maxPages: read.integer('UPLOAD_MAX_PAGES', d.uploadMaxPages, { min: 1, max: 100_000 }),
    ocrDpi: read.integer('OCR_DPI', d.ocrDpi, { min: 72, max: 600 }),
  };
  const rateLimit = {
    max: read.integer('RATE_LIMIT_MAX', d.rateLimitMax, { min: 1, max: 1_000_000 }),
    windowMs: read.integer('RATE_LIMIT_WINDOW_MS', d.rateLimitWindowMs, { min: 1000, max: 86_400_000 }),
    chatMax: read.integer('CHAT_RATE_LIMIT_MAX', d.chatRateLimitMax, { min: 1, max: 1_000_000 }),
    uploadMax: read.integer('UPLOAD_RATE_LIMIT_MAX', d.uploadRateLimitMax, { min: 1, max: 1_000_000 }),
  };
  const embeddings = readEmbeddings(read);
  const chat = readChat(read);
  const vectors = readVectors(read);
  const blobs = readBlobs(read, dataDir);
  const queue = readQueue(read);
  const worker = readWorker(read, queue);
  const awsRegion = readAwsRegion(read, { database, embeddings, chat, vectors, blobs, queue });

  if (read.issues.length > 0) throw new ConfigError(read.issues);
  return deepFreeze({ server, dataDir, database, uploads, rateLimit, embeddings, chat, vectors, blobs, queue, worker, awsRegion });
}

function readServer(read: EnvReader, cwd: string): ServerConfig {
  const origins = read.list('CORS_ORIGINS');
  for (const origin of origins) {
    if (origin !== '*' && !(isUrl(origin, ['http:', 'https:']) && new URL(origin).origin === origin)) {
      read.fail('CORS_ORIGINS', `must be * or comma-separated origins like https://app.example.com (scheme, host, optional port; no path), got ${JSON.stringify(origin)}.`);
    }
  }
  if (origins.includes('*') && origins.length > 1) read.fail('CORS_ORIGINS', 'must be * alone or a list of origins, not both.');
  const webDistDir = read.optional('WEB_DIST_DIR');
  return {
    port: read.integer('PORT', d.port, { min: 0, max: 65_535 }),
    host: read.string('HOST', d.host),
    logLevel: read.oneOf('LOG_LEVEL', logLevels, d.logLevel),
    corsOrigins: origins.includes('*') ? '*' : origins,
    trustProxy: read.boolean('TRUST_PROXY', false),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', d.shutdownTimeoutMs, { min: 0, max: 600_000 }),
    webDistDir: webDistDir === undefined ? undefined : path.resolve(cwd, webDistDir),
  };
}

function readDatabase(read: EnvReader, dataDir: string): DatabaseSettings {
  const url = read.optional('DATABASE_URL');
  const secretArn = read.optional('DATABASE_SECRET_ARN');
  if (url !== undefined && secretArn !== undefined) {
    read.fail('DATABASE_URL', 'must not be set together with DATABASE_SECRET_ARN; choose one way to reach PostgreSQL.');
  }
  if (url !== undefined) {
    if (!isUrl(url, ['postgres:', 'postgresql:'])) read.fail('DATABASE_URL', 'must be a postgres:// or postgresql:// URL.');
    return { kind: 'pg', connectionString: url };
  }
  if (secretArn !== undefined) {
    const why = 'DATABASE_SECRET_ARN is set';
    if (!secretArn.startsWith('arn:')) read.fail('DATABASE_SECRET_ARN', `must be a Secrets Manager ARN (arn:aws:secretsmanager:…), got ${JSON.stringify(secretArn)}.`);
    return {
      kind: 'rds-secret',
      secretArn,
      host: read.required('DATABASE_HOST', why),
      port: read.integer('DATABASE_PORT', 5432, { min: 1, max: 65_535 }),
      name: read.required('DATABASE_NAME', why),
    };
  }
  const pgliteDir = read.optional('PGLITE_DIR');
  return { kind: 'pglite', dataDir: pgliteDir === PGLITE_MEMORY ? PGLITE_MEMORY : path.resolve(dataDir, pgliteDir ?? 'db') };
}

function readOpenAi(read: EnvReader): OpenAiEndpoint {
  const baseUrl = read.httpUrl('OPENAI_BASE_URL');
  if (baseUrl === undefined && read.optional('OPENAI_BASE_URL') === undefined) read.fail('OPENAI_BASE_URL', 'is required when EMBEDDINGS_PROVIDER or CHAT_PROVIDER is openai (e.g. http://localhost:11434/v1 for Ollama).');
  return {
    baseUrl: baseUrl ?? '',
    apiKey: read.optional('OPENAI_API_KEY'),
    timeoutMs: read.integer('OPENAI_TIMEOUT_MS', d.openAiTimeoutMs, { min: 1000, max: 600_000 }),
  };
}

function readEmbeddings(read: EnvReader): EmbeddingsConfig {
  const provider = read.oneOf('EMBEDDINGS_PROVIDER', embeddingsProviders, d.embeddingsProvider);
  switch (provider) {
    case 'offline':
      return { provider, dimensions: read.integer('EMBEDDINGS_DIMENSIONS', d.embeddingDimensions, { min: 2, max: 16_000 }) };
    case 'bedrock': {
      const dimensions = read.integer('EMBEDDINGS_DIMENSIONS', d.embeddingDimensions, { min: 1, max: 16_000 });
      const titan = titanDimensionChoices.find((choice) => choice === dimensions);
      if (titan === undefined) read.fail('EMBEDDINGS_DIMENSIONS', `must be 256, 512 or 1024 for Titan Text Embeddings v2, got ${dimensions}.`);
      return { provider, modelId: read.string('BEDROCK_EMBEDDINGS_MODEL_ID', d.bedrockEmbeddingsModelId), dimensions: titan ?? 1024 };
    }
    case 'openai': {
      const why = 'EMBEDDINGS_PROVIDER=openai';
      const openai = readOpenAi(read);
      const model = read.required('OPENAI_EMBEDDINGS_MODEL', why);
      // The vector column is sized at the first start; the server's answers are checked against it.
      if (read.optional('EMBEDDINGS_DIMENSIONS') === undefined) {
        read.fail('EMBEDDINGS_DIMENSIONS', `is required when ${why} (the model's output size, e.g. 768 for nomic-embed-text).`);
      }
      const dimensions = read.integer('EMBEDDINGS_DIMENSIONS', d.embeddingDimensions, { min: 2, max: 16_000 });
      return { provider, openai, model, dimensions, sendDimensions: read.boolean('OPENAI_EMBEDDINGS_SEND_DIMENSIONS', d.openAiSendDimensions) };
    }
  }
}

function readChat(read: EnvReader): ChatConfig {
  const provider = read.oneOf('CHAT_PROVIDER', chatProviders, d.chatProvider);
  const maxTokens = () => read.integer('CHAT_MAX_TOKENS', d.chatMaxTokens, { min: 16, max: 64_000 });
  switch (provider) {
    case 'extractive':
      return { provider };
    case 'bedrock':
      return { provider, modelId: read.required('BEDROCK_CHAT_MODEL_ID', 'CHAT_PROVIDER=bedrock'), maxTokens: maxTokens() };
    case 'openai': {
      const why = 'CHAT_PROVIDER=openai';
      return { provider, openai: readOpenAi(read), model: read.required('OPENAI_CHAT_MODEL', why), maxTokens: maxTokens() };
    }
  }
}

function readVectors(read: EnvReader): VectorStoreConfig {
  const store = read.oneOf('VECTOR_STORE', vectorStores, d.vectorStore);
  if (store === 'pgvector') return { store };
  return { store, bucket: read.required('S3_VECTORS_BUCKET', 'VECTOR_STORE=s3vectors'), index: read.string('S3_VECTORS_INDEX', d.s3VectorsIndex) };
}

function readBlobs(read: EnvReader, dataDir: string): BlobStoreConfig {
  const store = read.oneOf('BLOB_STORE', blobStores, d.blobStore);
  if (store === 'local') return { store, root: path.join(dataDir, 'blobs') };
  return { store, bucket: read.required('DOCUMENTS_BUCKET', 'BLOB_STORE=s3'), kmsKeyId: read.optional('DOCUMENTS_KMS_KEY_ID') };
}

function readQueue(read: EnvReader): QueueConfig {
  const kind = read.oneOf('QUEUE', queues, d.queue);
  // SQS's redrive policy allows 1–1000 receives; the local queue takes the same range.
  const maxReceiveCount = read.integer('QUEUE_MAX_RECEIVE_COUNT', d.queueMaxReceiveCount, { min: 1, max: 1000 });
  if (kind === 'sqs') {
    const queueUrl = read.httpUrl('SQS_QUEUE_URL');
    if (queueUrl === undefined && read.optional('SQS_QUEUE_URL') === undefined) read.fail('SQS_QUEUE_URL', 'is required when QUEUE=sqs.');
    return { kind, queueUrl: queueUrl ?? '', maxReceiveCount };
  }
  return {
    kind,
    visibilityTimeoutSeconds: read.integer('QUEUE_VISIBILITY_TIMEOUT_SECONDS', d.queueVisibilityTimeoutSeconds, { min: 0, max: 43_200 }),
    maxReceiveCount,
  };
}

function readWorker(read: EnvReader, queue: QueueConfig): WorkerConfig {
  const enabled = read.boolean('WORKER', queue.kind === 'postgres');
  if (enabled && queue.kind === 'sqs') {
    read.fail('WORKER', 'cannot be on with QUEUE=sqs: the SQS queue is consumed by the processor Lambda. Unset WORKER or set it to off.');
  }
  return { enabled: enabled && queue.kind === 'postgres', concurrency: read.integer('WORKER_CONCURRENCY', d.workerConcurrency, { min: 1, max: 16 }) };
}

function readAwsRegion(
  read: EnvReader,
  choices: { database: DatabaseSettings; embeddings: EmbeddingsConfig; chat: ChatConfig; vectors: VectorStoreConfig; blobs: BlobStoreConfig; queue: QueueConfig },
): string | undefined {
  const region = read.optional('AWS_REGION') ?? read.optional('AWS_DEFAULT_REGION');
  const users = [
    choices.database.kind === 'rds-secret' && 'DATABASE_SECRET_ARN',
    choices.embeddings.provider === 'bedrock' && 'EMBEDDINGS_PROVIDER=bedrock',
    choices.chat.provider === 'bedrock' && 'CHAT_PROVIDER=bedrock',
    choices.vectors.store === 's3vectors' && 'VECTOR_STORE=s3vectors',
    choices.blobs.store === 's3' && 'BLOB_STORE=s3',
    choices.queue.kind === 'sqs' && 'QUEUE=sqs',
  ].filter((user): user is string => user !== false);
  if (users.length > 0 && region === undefined) read.fail('AWS_REGION', `is required when ${users.join(', ')} (e.g. ap-southeast-2).`);
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) read.fail('AWS_REGION', `must be an AWS Region like ap-southeast-2, got ${JSON.stringify(region)}.`);
  return region;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
