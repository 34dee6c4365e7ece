export { type DocumentsBucketArgs, DocumentsBucket } from './documents-bucket.js';
export { DOCUMENTS_BUCKET_DEFAULTS, type LifecycleRule, documentsLifecycleRules } from './documents-bucket.defaults.js';
export { type FrontendBucketArgs, FrontendBucket } from './frontend-bucket.js';
export { FRONTEND_BUCKET_DEFAULTS, assertDistributionArn, cloudFrontReadStatement } from './frontend-bucket.defaults.js';
export { BucketComponent } from './private-bucket.js';
export { PRIVATE_BUCKET_DEFAULTS, type PolicyStatement, bucketPolicyDocument, encryptionRule, tlsOnlyStatements } from './private-bucket.defaults.js';
export { type VectorStoreArgs, VectorStore } from './vector-store.js';
export {
  DISTANCE_METRICS,
  type DistanceMetric,
  MAX_NON_FILTERABLE_KEYS,
  VECTOR_STORE_DEFAULTS,
  type VectorIndexSettings,
  resolveVectorIndexSettings,
} from './vector-store.defaults.js';
export { type ContainerRepositoryArgs, ContainerRepository } from './container-repository.js';
export {
  CONTAINER_REPOSITORY_DEFAULTS,
  type ImageTagMutability,
  lambdaFunctionArnPattern,
  lambdaPullPolicy,
  lifecyclePolicy,
} from './container-repository.defaults.js';
export { type DatabaseArgs, Database } from './database.js';
export {
  DATABASE_DEFAULTS,
  type DatabaseParameter,
  LOG_STATEMENT_LEVELS,
  type LogStatementLevel,
  MIN_SUBNET_COUNT,
  assertMaintenanceWindows,
  databaseParameters,
  parameterGroupFamily,
} from './database.defaults.js';
