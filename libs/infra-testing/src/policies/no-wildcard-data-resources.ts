import { isWildcardResource } from '@student-helper/infra-shared';
import { parsePolicyDocument, policyDocumentsOf, type NormalizedStatement } from '../iam-documents.js';
import type { Policy } from '../policy.js';

/** Services whose actions read or write application data (or spend money on it). */
const DATA_SERVICES = ['s3', 's3vectors', 'sqs', 'secretsmanager', 'kms', 'dynamodb', 'rds-data', 'rds-db', 'ssm', 'logs', 'bedrock'];

function isDataAction(action: string): boolean {
  if (action === '*') return true;
  const service = action.split(':')[0]?.toLowerCase() ?? '';
  return DATA_SERVICES.includes(service);
}

function problems(statement: NormalizedStatement): string[] {
  if (statement.effect !== 'Allow') return [];
  const label = statement.sid ?? '(no Sid)';
  const out: string[] = [];
  if (statement.notActions.length > 0) out.push(`Statement ${label} uses NotAction with Allow`);
  if (statement.notResources.length > 0) out.push(`Statement ${label} uses NotResource with Allow`);
  const data = statement.actions.filter(isDataAction);
  if (data.length === 0) return out;
  for (const resource of statement.resources.filter(isWildcardResource)) {
    out.push(`Statement ${label} allows ${data.join(', ')} on wildcard resource '${resource}'`);
  }
  return out;
}

export const noWildcardDataResources: Policy = {
  name: 'no-wildcard-data-resources',
  description: 'IAM and resource policies allow data actions (S3, S3 Vectors, SQS, Secrets Manager, KMS, Bedrock, logs …) only on specific ARNs.',
  check(resource) {
    return policyDocumentsOf(resource.type, resource.inputs).flatMap((doc) => parsePolicyDocument(doc).flatMap(problems));
  },
};
