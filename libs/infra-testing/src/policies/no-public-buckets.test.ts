import { describe, expect, it } from 'vitest';
import { graphOf, node } from '../graph-builder.js';
import { runPolicies } from '../policy.js';
import { noPublicBuckets } from './no-public-buckets.js';

const run = (...nodes: ReturnType<typeof node>[]) => runPolicies([noPublicBuckets], graphOf(...nodes)).map((v) => `${v.name}: ${v.message}`);
const block = (bucket: string, overrides: Record<string, boolean> = {}) =>
  node('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', `${bucket}-pab`, {
    bucket,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
    ...overrides,
  });

const oacPolicy = JSON.stringify({
  Statement: [
    {
      Sid: 'CloudFrontRead',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::site/*',
      Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::1:distribution/E1' } },
    },
    { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::site/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ],
});

describe('no-public-buckets', () => {
  it('passes a blocked bucket with a CloudFront OAC policy and a TLS-only deny', () => {
    expect(
      run(
        node('aws:s3/bucket:Bucket', 'site', { bucket: 'site' }, { id: 'site' }),
        block('site'),
        node('aws:s3/bucketPolicy:BucketPolicy', 'site-policy', { bucket: 'site', policy: oacPolicy }, { id: 'site' }),
      ),
    ).toEqual([]);
  });

  it('allows "*" when a source condition pins the caller', () => {
    const policy = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }],
    });
    expect(run(node('aws:s3/bucketPolicy:BucketPolicy', 'p', { bucket: 'b', policy }, { id: 'b' }))).toEqual([]);
  });

  it('reports a missing or partial public access block, a public ACL and an open policy', () => {
    const open = JSON.stringify({ Statement: { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } });
    expect(
      run(
        node('aws:s3/bucket:Bucket', 'a', { bucket: 'a', acl: 'public-read' }, { id: 'a' }),
        node('aws:s3/bucket:Bucket', 'b', { bucket: 'b' }, { id: 'b' }),
        block('b', { restrictPublicBuckets: false }),
        node('aws:s3/bucketPolicy:BucketPolicy', 'b-policy', { bucket: 'b', policy: open }, { id: 'b' }),
        node('aws:s3/bucketAcl:BucketAcl', 'b-acl', { bucket: 'b', acl: 'public-read-write' }, { id: 'b,acl' }),
      ),
    ).toEqual([
      'a: S3 bucket has no public access block with all four settings on',
      "a: S3 bucket has the public ACL 'public-read'",
      'b: S3 bucket has no public access block with all four settings on',
      'b-policy: Bucket policy statement Open allows everyone (Principal "*") without a source condition',
      "b-acl: Bucket ACL 'public-read-write' is public",
    ]);
  });
});
