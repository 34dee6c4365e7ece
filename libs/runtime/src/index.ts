export type {
  AppConfig,
  BlobStoreConfig,
  ChatConfig,
  DatabaseSettings,
  EmbeddingsConfig,
  LogLevel,
  OpenAiEndpoint,
  QueueConfig,
  RateLimitConfig,
  ServerConfig,
  UploadConfig,
  VectorStoreConfig,
  WorkerConfig,
} from './config/app-config.js';
export { loadConfig } from './config/load-config.js';
export { configDefaults } from './config/config.defaults.js';
export { ConfigError, type ConfigIssue } from './config/config-error.js';
export type { Env } from './config/env-reader.js';
export { createServices } from './services/create-services.js';
export type { ServiceOverrides, Services } from './services/services.js';
export { ProviderUnavailableError } from './services/provider-unavailable-error.js';
