/**
 * The private-bucket baseline both bucket components must produce, written out literally so
 * the tests state the secure defaults instead of re-deriving them from the code under test.
 */
import type { MockHarness } from '@student-helper/infra-testing';
import { expect } from 'vitest';

export function expectedTlsOnlyStatements(bucketArn: string): unknown[] {
  const resources = [bucketArn, `${bucketArn}/*`];
  return [
    { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: resources, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    { Sid: 'DenyOutdatedTls', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: resources, Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } },
  ];
}

/** Bucket, ownership controls, SSE-S3 and the full public access block, exactly. */
export function expectPrivateBucketBaseline(harness: MockHarness, name: string, bucketName: string, tags: Record<string, string>): void {
  expect(harness.named(name, 'aws:s3/bucket:Bucket').inputs).toEqual({ bucket: bucketName, forceDestroy: false, tags: { ...tags, Name: name } });
  expect(harness.named(`${name}-ownership`).inputs).toEqual({ bucket: bucketName, rule: { objectOwnership: 'BucketOwnerEnforced' } });
  expect(harness.named(`${name}-encryption`).inputs).toEqual({
    bucket: bucketName,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: false }],
  });
  expect(harness.named(`${name}-public-access-block`).inputs).toEqual({
    bucket: bucketName,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
}
