export {
  type MockHarnessOptions,
  type RecordedCall,
  type RecordedResource,
  type ResourceMock,
  MockHarness,
  setupMockHarness,
} from './harness.js';
export { settle, unwrap } from './unwrap.js';
export { type GraphResource, ResourceGraph, inputAt } from './graph.js';
export { graphOf, node, urnOf } from './graph-builder.js';
export { type CallMock, DEFAULT_CALLS, UnmockedCallError, renderPolicyDocument } from './mock-calls.js';
export { type MockEnvironment, DEFAULT_MOCK_ENVIRONMENT, stableHex } from './mock-context.js';
export { type MockResourceRequest, type MockResourceResponse, MOCKED_RESOURCE_TYPES, mockResource } from './mock-resources.js';
export { type Policy, type PolicyViolation, formatViolations, runPolicies } from './policy.js';
export { policies } from './policies.js';
export { encryptionAtRest } from './policies/encryption-at-rest.js';
export { noPublicBuckets } from './policies/no-public-buckets.js';
export { EDGE_COMPONENT_PREFIX, noOpenIngress } from './policies/no-open-ingress.js';
export { noWildcardDataResources } from './policies/no-wildcard-data-resources.js';
export { imdsv2Required } from './policies/imdsv2-required.js';
export { isPublicSubnet, rdsPrivate } from './policies/rds-private.js';
export { prodProtection } from './policies/prod-protection.js';
export { logRetention } from './policies/log-retention.js';
export { requiredTags } from './policies/required-tags.js';
export { type NormalizedStatement, parsePolicyDocument, policyDocumentsOf } from './iam-documents.js';
export { isTaggable } from './taggable.js';
