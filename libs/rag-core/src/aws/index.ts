export { TitanEmbedder, type TitanEmbedderOptions } from './titan-embedder.js';
export { TITAN_EMBED_TEXT_V2, titanDimensions, titanEmbedderDefaults, type TitanDimensions } from './titan-embedder.defaults.js';
export { ClaudeChatModel, type ClaudeChatModelOptions } from './claude-chat-model.js';
export { claudeChatModelDefaults } from './claude-chat-model.defaults.js';
export { S3VectorsIndex, filterableMetadataBytes, truncateUtf8, type FilterableVectorMetadata, type S3VectorsIndexOptions } from './s3-vectors-index.js';
export { s3VectorsIndexDefaults, s3VectorsLimits } from './s3-vectors-index.defaults.js';
export { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.js';
export { s3BlobStoreDefaults, type BlobEncryption } from './s3-blob-store.defaults.js';
export { SqsJobQueue, type SqsJobQueueOptions } from './sqs-job-queue.js';
export {
  SecretsConfigLoader,
  type DatabaseCredentials,
  type RdsDatabaseOptions,
  type SecretsConfigLoaderOptions,
} from './secrets-config.js';
export { secretsConfigDefaults } from './secrets-config.defaults.js';
export { isRetryableBedrockError, toModelError } from './bedrock-errors.js';
export type { RetryPolicy, Sleep } from './retry.js';
export type { WarnLogger } from './logger.js';
