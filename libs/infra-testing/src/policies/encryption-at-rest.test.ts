import { describe, expect, it } from 'vitest';
import { graphOf, node } from '../graph-builder.js';
import { runPolicies } from '../policy.js';
import { encryptionAtRest } from './encryption-at-rest.js';

const run = (...nodes: ReturnType<typeof node>[]) => runPolicies([encryptionAtRest], graphOf(...nodes)).map((v) => `${v.name}: ${v.message}`);

describe('encryption-at-rest', () => {
  it('passes a bucket with SSE, an encrypted queue, database, volume, repository and vector bucket', () => {
    expect(
      run(
        node('aws:s3/bucket:Bucket', 'docs', { bucket: 'b1' }, { id: 'b1' }),
        node('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration', 'docs-sse', {
          bucket: 'b1',
          rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
        }),
        node('aws:sqs/queue:Queue', 'q', { sqsManagedSseEnabled: true }, { id: 'q' }),
        node('aws:sqs/queue:Queue', 'q-kms', { kmsMasterKeyId: 'alias/aws/sqs' }, { id: 'q2' }),
        node('aws:rds/instance:Instance', 'db', { storageEncrypted: true }, { id: 'db' }),
        node('aws:ec2/instance:Instance', 'api', { rootBlockDevice: { encrypted: true } }, { id: 'i-1' }),
        node('aws:ecr/repository:Repository', 'repo', { encryptionConfigurations: [{ encryptionType: 'AES256' }] }, { id: 'r' }),
        node('aws:s3/vectorsVectorBucket:VectorsVectorBucket', 'vb', { encryptionConfigurations: [{ sseType: 'AES256' }] }, { id: 'vb' }),
      ),
    ).toEqual([]);
  });

  it('reports each unencrypted store', () => {
    expect(
      run(
        node('aws:s3/bucket:Bucket', 'docs', { bucket: 'b1' }, { id: 'b1' }),
        node('aws:sqs/queue:Queue', 'q', {}, { id: 'q' }),
        node('aws:rds/instance:Instance', 'db', { storageEncrypted: false }, { id: 'db' }),
        node('aws:ec2/instance:Instance', 'api', { rootBlockDevice: {}, ebsBlockDevices: [{ deviceName: '/dev/sdf' }] }, { id: 'i-1' }),
        node('aws:ec2/launchTemplate:LaunchTemplate', 'lt', { blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'false' } }] }, { id: 'lt' }),
        node('aws:ecr/repository:Repository', 'repo', {}, { id: 'r' }),
        node('aws:s3/vectorsVectorBucket:VectorsVectorBucket', 'vb', {}, { id: 'vb' }),
        node('aws-native:s3vectors:VectorBucket', 'nvb', {}, { id: 'nvb' }),
        node('aws:ebs/volume:Volume', 'vol', {}, { id: 'vol' }),
      ),
    ).toEqual([
      'docs: S3 bucket has no server-side encryption configuration (AES256 or aws:kms)',
      'q: SQS queue is not encrypted (set sqsManagedSseEnabled or kmsMasterKeyId)',
      'db: RDS instance storage is not encrypted',
      'api: EC2 root volume is not encrypted',
      'api: EBS volume /dev/sdf is not encrypted',
      'lt: Launch template volume /dev/xvda is not encrypted',
      'repo: ECR repository does not state its encryption (encryptionConfigurations AES256 or KMS)',
      'vb: S3 vector bucket does not state its encryption (encryptionConfigurations sseType AES256 or aws:kms)',
      'nvb: S3 vector bucket does not state its encryption (encryptionConfiguration.sseType)',
      'vol: EBS volume is not encrypted',
    ]);
  });

  it('does not accept an SSE configuration that belongs to another bucket', () => {
    expect(
      run(
        node('aws:s3/bucket:Bucket', 'docs', { bucket: 'b1' }, { id: 'b1' }),
        node('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration', 'other-sse', {
          bucket: 'b2',
          rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }],
        }),
      ),
    ).toHaveLength(1);
  });
});
