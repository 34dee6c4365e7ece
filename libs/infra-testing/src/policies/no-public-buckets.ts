import type { GraphResource, ResourceGraph } from '../graph.js';
import { parsePolicyDocument } from '../iam-documents.js';
import type { Policy } from '../policy.js';

const BLOCK_FLAGS = ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'] as const;
const PUBLIC_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];

/** Condition keys that pin a `*` principal to known callers, per S3's "public" definition. */
const RESTRICTING_KEYS = [
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalarn',
];

function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    const aws = (principal as Record<string, unknown>)['AWS'];
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  }
  return false;
}

function restricted(condition: Record<string, Record<string, unknown>> | undefined): boolean {
  if (!condition) return false;
  return Object.values(condition).some((block) => Object.keys(block).some((k) => RESTRICTING_KEYS.includes(k.toLowerCase())));
}

function bucket(resource: GraphResource, graph: ResourceGraph): string[] {
  const problems: string[] = [];
  const blocks = graph.referencing('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', 'bucket', resource.id ?? resource.inputs['bucket']);
  if (!blocks.some((b) => BLOCK_FLAGS.every((flag) => b.inputs[flag] === true))) {
    problems.push('S3 bucket has no public access block with all four settings on');
  }
  if (PUBLIC_ACLS.includes(String(resource.inputs['acl']))) problems.push(`S3 bucket has the public ACL '${String(resource.inputs['acl'])}'`);
  return problems;
}

function bucketPolicy(resource: GraphResource): string[] {
  return parsePolicyDocument(resource.inputs['policy'])
    .filter((s) => s.effect === 'Allow' && isEveryone(s.principal) && !restricted(s.condition))
    .map((s) => `Bucket policy statement ${s.sid ?? '(no Sid)'} allows everyone (Principal "*") without a source condition`);
}

export const noPublicBuckets: Policy = {
  name: 'no-public-buckets',
  description: 'Every bucket blocks public access, has no public ACL, and no bucket policy grants "*" unconditionally.',
  check(resource, graph) {
    switch (resource.type) {
      case 'aws:s3/bucket:Bucket':
        return bucket(resource, graph);
      case 'aws:s3/bucketPolicy:BucketPolicy':
        return bucketPolicy(resource);
      case 'aws:s3/bucketAcl:BucketAcl':
        return PUBLIC_ACLS.includes(String(resource.inputs['acl'])) ? [`Bucket ACL '${String(resource.inputs['acl'])}' is public`] : [];
      default:
        return [];
    }
  },
};
