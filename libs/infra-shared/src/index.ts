export {
  type EnvironmentConfig,
  CONFIG_KEYS,
  loadEnvironmentConfig,
  bedrockModelArns,
} from './environment-config.js';
export {
  DEFAULT_PROJECT,
  ENVIRONMENT_DEFAULTS,
  LOG_RETENTION_DAYS,
  VISIBILITY_TIMEOUT_FACTOR,
} from './environment-config.defaults.js';
export { type ConfigSource, type ConfigIssue, EnvironmentConfigError } from './config-reader.js';
export {
  type EmbeddingModelSpec,
  DEFAULT_EMBEDDING_MODEL_ID,
  EMBEDDING_MODELS,
  MAX_VECTOR_DIMENSION,
  resolveEmbeddingDimension,
} from './embedding-models.js';
export {
  type BedrockModelAccess,
  type InferenceProfileId,
  INFERENCE_PROFILE_REGIONS,
  bedrockInvokeArns,
  parseInferenceProfileId,
} from './bedrock-arns.js';
export {
  BUCKET_NAME_MAX_LENGTH,
  BUCKET_SUFFIX_LENGTH,
  DEFAULT_NAME_MAX_LENGTH,
  ResourceNamer,
} from './naming.js';
export {
  type AwsNativeTag,
  type RequiredTagKey,
  type TagContext,
  type Tags,
  MANAGED_BY,
  REQUIRED_TAG_KEYS,
  baseTags,
  createTags,
  mergeTags,
  toAwsNativeTags,
  withName,
  withNameNative,
} from './tags.js';
export { assertScopedArns, isWildcardResource } from './arn-scope.js';
export { assertIntegerInRange, assertLogRetentionDays, assertMatches, assertOneOf } from './arg-checks.js';
