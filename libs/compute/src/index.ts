export { type ApiServerArgs, ApiServer } from './api-server.js';
export {
  AL2023_AMI_PARAMETERS,
  API_SERVER_DEFAULTS,
  type ApiServerSettings,
  type Architecture,
  NODE_MAJOR_VERSIONS,
  type NodeMajorVersion,
  architectureOf,
  resolveApiServerSettings,
} from './api-server.defaults.js';
export {
  APP_ROOT,
  type BootstrapOptions,
  DEPLOY_COMMAND,
  ENV_FILE,
  SERVICE_NAME,
  USER_DATA_MAX_BYTES,
  renderApiServerUserData,
  renderCloudWatchAgentConfig,
  renderDeployScript,
  renderEnvironmentFile,
  renderSystemdUnit,
} from './api-server-bootstrap.js';
export { type DocumentProcessorArgs, type ImagePackageArgs, type ZipPackageArgs, DocumentProcessor } from './document-processor.js';
export {
  ARCHITECTURES,
  DOCUMENT_PROCESSOR_DEFAULTS,
  type LambdaArchitecture,
  NODE_RUNTIMES,
  type NodeRuntime,
  type ProcessorSettings,
  RESERVED_LAMBDA_ENV,
  resolveProcessorSettings,
} from './document-processor.defaults.js';
