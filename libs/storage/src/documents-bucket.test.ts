import { ResourceNamer } from '@student-helper/infra-shared';
import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DocumentsBucket } from './documents-bucket.js';
import { documentsLifecycleRules } from './documents-bucket.defaults.js';
import { expectPrivateBucketBaseline, expectedTlsOnlyStatements } from '../test/private-bucket-expectations.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const bucketName = 'student-helper-dev-documents-a1b2c3d4';
const arn = `arn:aws:s3:::${bucketName}`;
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('DocumentsBucket', () => {
  it('creates exactly the bucket and its six settings resources', async () => {
    const docs = new DocumentsBucket('docs', { bucketName, tags });
    const children = await harness.descendantsOf(docs);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
      [
        'aws:s3/bucket:Bucket docs',
        'aws:s3/bucketOwnershipControls:BucketOwnershipControls docs-ownership',
        'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration docs-encryption',
        'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock docs-public-access-block',
        'aws:s3/bucketVersioning:BucketVersioning docs-versioning',
        'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration docs-lifecycle',
        'aws:s3/bucketPolicy:BucketPolicy docs-policy',
      ].sort(),
    );
    const component = harness.named('docs', 'student-helper:storage:DocumentsBucket');
    expect(children.every((r) => r.parent === component.urn)).toBe(true);
  });

  it('applies every secure default exactly', async () => {
    await harness.descendantsOf(new DocumentsBucket('docs', { bucketName, tags }));
    expectPrivateBucketBaseline(harness, 'docs', bucketName, tags);
    expect(harness.named('docs-versioning').inputs).toEqual({ bucket: bucketName, versioningConfiguration: { status: 'Enabled' } });
    expect(harness.named('docs-lifecycle').inputs).toEqual({
      bucket: bucketName,
      rules: [
        { id: 'abort-incomplete-multipart-uploads', status: 'Enabled', filter: { prefix: '' }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
        {
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: { prefix: '' },
          noncurrentVersionExpiration: { noncurrentDays: 30 },
          expiration: { expiredObjectDeleteMarker: true },
        },
      ],
    });
  });

  it('allows only TLS 1.2+ requests through the bucket policy', async () => {
    await harness.descendantsOf(new DocumentsBucket('docs', { bucketName, tags }));
    const policy = harness.named('docs-policy').inputs;
    expect(policy['bucket']).toBe(bucketName);
    expect(JSON.parse(String(policy['policy']))).toEqual({
      Version: '2012-10-17',
      Statement: expectedTlsOnlyStatements(arn),
    });
  });

  it('exposes the bucket id, name, ARN and regional domain name', async () => {
    const docs = new DocumentsBucket('docs', { bucketName, tags });
    await harness.descendantsOf(docs);
    expect(await unwrap(docs.bucketId)).toBe(bucketName);
    expect(await unwrap(docs.bucketName)).toBe(bucketName);
    expect(await unwrap(docs.bucketArn)).toBe(arn);
    expect(await unwrap(docs.bucketRegionalDomainName)).toBe(`${bucketName}.s3.ap-southeast-2.amazonaws.com`);
  });

  it('takes a random-suffixed name from the infra-shared namer', async () => {
    const namer = new ResourceNamer('student-helper', 'dev');
    const docs = new DocumentsBucket('docs', { bucketName: namer.bucketName('documents'), tags });
    await harness.descendantsOf(docs);
    const suffix = String(harness.named('student-helper-dev-documents-suffix').state['hex']);
    expect(suffix).toMatch(/^[0-9a-f]{8}$/);
    expect(await unwrap(docs.bucketName)).toBe(`student-helper-dev-documents-${suffix}`);
  });

  it('switches to SSE-KMS with a bucket key, keeps versions forever when asked, and force-destroys dev buckets', async () => {
    const kmsKeyArn = 'arn:aws:kms:ap-southeast-2:123456789012:key/1111-2222';
    await harness.descendantsOf(new DocumentsBucket('docs', { bucketName, kmsKeyArn, noncurrentVersionExpirationDays: 0, forceDestroy: true, tags }));
    expect(harness.named('docs-encryption').inputs['rules']).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true },
    ]);
    expect(harness.named('docs-lifecycle').inputs['rules']).toEqual([
      { id: 'abort-incomplete-multipart-uploads', status: 'Enabled', filter: { prefix: '' }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
    ]);
    expect(harness.named('docs', 'aws:s3/bucket:Bucket').inputs['forceDestroy']).toBe(true);
  });

  it('rejects a negative or fractional version window before creating any resource', async () => {
    expect(() => new DocumentsBucket('bad', { noncurrentVersionExpirationDays: -1 })).toThrow(
      'noncurrentVersionExpirationDays must be an integer from 0 to 36500, got -1',
    );
    expect(() => documentsLifecycleRules(1.5)).toThrow('noncurrentVersionExpirationDays must be an integer from 0 to 36500, got 1.5');
    await harness.settle();
    expect(harness.resources.filter((r) => r.custom)).toEqual([]);
  });

  it('passes the stack policies', async () => {
    await harness.descendantsOf(new DocumentsBucket('docs', { bucketName, tags }));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
