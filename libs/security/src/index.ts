export { type ApiServerRoleArgs, ApiServerRole } from './api-server-role.js';
export { type ApiServerAccess, API_SERVER_MANAGED_POLICIES, apiServerPolicy } from './api-server-role.defaults.js';
export { type DocumentProcessorRoleArgs, DocumentProcessorRole } from './document-processor-role.js';
export {
  type DocumentProcessorAccess,
  DOCUMENT_PROCESSOR_MANAGED_POLICIES,
  documentProcessorPolicy,
} from './document-processor-role.defaults.js';
export { type AppConfigSecretArgs, AppConfigSecret } from './app-config-secret.js';
export { APP_CONFIG_SECRET_DEFAULTS } from './app-config-secret.defaults.js';
export { type PolicyDocument, type PolicyStatement, assumeRolePolicy, managedPolicyArn } from './policy-document.js';
export { type WorkloadAccess, assertWorkloadAccess } from './workload-access.js';
