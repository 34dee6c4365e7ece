import type { Policy } from './policy.js';
import { encryptionAtRest } from './policies/encryption-at-rest.js';
import { imdsv2Required } from './policies/imdsv2-required.js';
import { logRetention } from './policies/log-retention.js';
import { noOpenIngress } from './policies/no-open-ingress.js';
import { noPublicBuckets } from './policies/no-public-buckets.js';
import { noWildcardDataResources } from './policies/no-wildcard-data-resources.js';
import { prodProtection } from './policies/prod-protection.js';
import { rdsPrivate } from './policies/rds-private.js';
import { requiredTags } from './policies/required-tags.js';

/** The stack's guardrails, applied to a recorded graph by `runPolicies`. */
export const policies: readonly Policy[] = [
  encryptionAtRest,
  noPublicBuckets,
  noOpenIngress,
  noWildcardDataResources,
  imdsv2Required,
  rdsPrivate,
  prodProtection,
  logRetention,
  requiredTags,
];
