import { inputAt, type GraphResource, type ResourceGraph } from '../graph.js';
import type { Policy } from '../policy.js';

const S3_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

type Check = (resource: GraphResource, graph: ResourceGraph) => string[];

const bucket: Check = (resource, graph) => {
  const configs = graph.referencing(
    'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
    'bucket',
    resource.id ?? resource.inputs['bucket'],
  );
  const ok = configs.some((c) => {
    const rules = (c.inputs['rules'] as { applyServerSideEncryptionByDefault?: { sseAlgorithm?: string } }[] | undefined) ?? [];
    return rules.some((r) => S3_ALGORITHMS.includes(r.applyServerSideEncryptionByDefault?.sseAlgorithm ?? ''));
  });
  return ok ? [] : ['S3 bucket has no server-side encryption configuration (AES256 or aws:kms)'];
};

const CHECKS: Record<string, Check> = {
  'aws:s3/bucket:Bucket': bucket,
  'aws:sqs/queue:Queue': (r) =>
    r.inputs['sqsManagedSseEnabled'] === true || typeof r.inputs['kmsMasterKeyId'] === 'string'
      ? []
      : ['SQS queue is not encrypted (set sqsManagedSseEnabled or kmsMasterKeyId)'],
  'aws:rds/instance:Instance': (r) => (r.inputs['storageEncrypted'] === true ? [] : ['RDS instance storage is not encrypted']),
  'aws:rds/cluster:Cluster': (r) => (r.inputs['storageEncrypted'] === true ? [] : ['RDS cluster storage is not encrypted']),
  'aws:ebs/volume:Volume': (r) => (r.inputs['encrypted'] === true ? [] : ['EBS volume is not encrypted']),
  'aws:ec2/instance:Instance': (r) => {
    const problems = inputAt(r, 'rootBlockDevice.encrypted') === true ? [] : ['EC2 root volume is not encrypted'];
    const extra = (r.inputs['ebsBlockDevices'] as { encrypted?: boolean; deviceName?: string }[] | undefined) ?? [];
    return [...problems, ...extra.filter((d) => d.encrypted !== true).map((d) => `EBS volume ${d.deviceName ?? '?'} is not encrypted`)];
  },
  'aws:ec2/launchTemplate:LaunchTemplate': (r) => {
    const mappings = (r.inputs['blockDeviceMappings'] as { deviceName?: string; ebs?: { encrypted?: string | boolean } }[] | undefined) ?? [];
    return mappings
      .filter((m) => m.ebs && String(m.ebs.encrypted) !== 'true')
      .map((m) => `Launch template volume ${m.deviceName ?? '?'} is not encrypted`);
  },
  'aws:ecr/repository:Repository': (r) => {
    const configs = (r.inputs['encryptionConfigurations'] as { encryptionType?: string }[] | undefined) ?? [];
    return configs.some((c) => c.encryptionType === 'AES256' || c.encryptionType === 'KMS')
      ? []
      : ['ECR repository does not state its encryption (encryptionConfigurations AES256 or KMS)'];
  },
  'aws:s3/vectorsVectorBucket:VectorsVectorBucket': (r) => {
    const configs = (r.inputs['encryptionConfigurations'] as { sseType?: string }[] | undefined) ?? [];
    return configs.some((c) => c.sseType === 'AES256' || c.sseType === 'aws:kms')
      ? []
      : ['S3 vector bucket does not state its encryption (encryptionConfigurations sseType AES256 or aws:kms)'];
  },
  'aws-native:s3vectors:VectorBucket': (r) => {
    const sse = inputAt(r, 'encryptionConfiguration.sseType');
    return sse === 'AES256' || sse === 'aws:kms' ? [] : ['S3 vector bucket does not state its encryption (encryptionConfiguration.sseType)'];
  },
};

export const encryptionAtRest: Policy = {
  name: 'encryption-at-rest',
  description: 'Buckets, vector buckets, queues, databases, volumes and image repositories are encrypted at rest, explicitly.',
  check: (resource, graph) => CHECKS[resource.type]?.(resource, graph) ?? [],
};
