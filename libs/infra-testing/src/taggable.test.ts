import { describe, expect, it } from 'vitest';
import { isTaggable, sdkDeclaration } from './taggable.js';

describe('sdkDeclaration', () => {
  it('maps type tokens to SDK declaration files', () => {
    expect(sdkDeclaration('aws:ec2/vpc:Vpc')).toEqual({ packageName: '@pulumi/aws', file: 'ec2/vpc.d.ts', argsInterface: 'VpcArgs' });
    expect(sdkDeclaration('random:index/randomId:RandomId')).toEqual({ packageName: '@pulumi/random', file: 'randomId.d.ts', argsInterface: 'RandomIdArgs' });
    expect(sdkDeclaration('aws-native:s3vectors:VectorBucket')).toEqual({
      packageName: '@pulumi/aws-native',
      file: 's3vectors/vectorBucket.d.ts',
      argsInterface: 'VectorBucketArgs',
    });
  });
});

describe('isTaggable', () => {
  it.each([
    ['aws:ec2/vpc:Vpc', true],
    ['aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', true],
    ['aws:sqs/queue:Queue', true],
    ['aws:s3/bucket:Bucket', true],
    ['aws:iam/role:Role', true],
    ['aws:ec2/routeTableAssociation:RouteTableAssociation', false],
    ['aws:ec2/route:Route', false],
    ['aws:iam/rolePolicy:RolePolicy', false],
    ['aws:sqs/queuePolicy:QueuePolicy', false],
    ['aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', false],
    ['random:index/randomId:RandomId', false],
    ['pulumi:providers:aws', false],
  ])('%s → %s', (type, expected) => {
    expect(isTaggable(type)).toBe(expected);
  });

  it('fails loudly for a provider that is not installed', () => {
    expect(() => isTaggable('gcp:storage/bucket:Bucket')).toThrow('isTaggable: provider SDK @pulumi/gcp is not installed (type gcp:storage/bucket:Bucket)');
  });
});
