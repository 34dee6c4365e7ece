import * as pulumi from '@pulumi/pulumi';
import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FrontendBucket } from './frontend-bucket.js';
import { cloudFrontReadStatement } from './frontend-bucket.defaults.js';
import { expectPrivateBucketBaseline, expectedTlsOnlyStatements } from '../test/private-bucket-expectations.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const bucketName = 'student-helper-dev-frontend-0f1e2d3c';
const arn = `arn:aws:s3:::${bucketName}`;
const distributionArn = 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL';
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('FrontendBucket', () => {
  it('creates exactly the bucket, its baseline settings and one policy; no website configuration', async () => {
    const frontend = new FrontendBucket('web', { bucketName, cloudFrontDistributionArn: distributionArn, tags });
    const children = await harness.descendantsOf(frontend);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
      [
        'aws:s3/bucket:Bucket web',
        'aws:s3/bucketOwnershipControls:BucketOwnershipControls web-ownership',
        'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration web-encryption',
        'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock web-public-access-block',
        'aws:s3/bucketPolicy:BucketPolicy web-policy',
      ].sort(),
    );
    expect(harness.ofType('aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration')).toEqual([]);
  });

  it('applies the private-bucket defaults exactly', async () => {
    await harness.descendantsOf(new FrontendBucket('web', { bucketName, cloudFrontDistributionArn: distributionArn, tags }));
    expectPrivateBucketBaseline(harness, 'web', bucketName, tags);
  });

  it('grants s3:GetObject to the CloudFront service principal of exactly one distribution, TLS only', async () => {
    await harness.descendantsOf(new FrontendBucket('web', { bucketName, cloudFrontDistributionArn: distributionArn, tags }));
    expect(JSON.parse(String(harness.named('web-policy').inputs['policy']))).toEqual({
      Version: '2012-10-17',
      Statement: [
        ...expectedTlsOnlyStatements(arn),
        {
          Sid: 'AllowCloudFrontOriginAccessControl',
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: `${arn}/*`,
          Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
        },
      ],
    });
  });

  it('composes with a distribution created after it through pulumi.deferredOutput', async () => {
    const [cdnArn, resolveCdnArn] = pulumi.deferredOutput<string>();
    const frontend = new FrontendBucket('web', { bucketName, cloudFrontDistributionArn: cdnArn, tags });
    // Stands in for `new Cdn(..., { frontendBucketRegionalDomainName: frontend.bucketRegionalDomainName })`.
    resolveCdnArn(frontend.bucketRegionalDomainName.apply(() => distributionArn));
    await harness.descendantsOf(frontend);
    const statements = JSON.parse(String(harness.named('web-policy').inputs['policy'])).Statement as { Condition?: unknown }[];
    expect(statements[2]?.Condition).toEqual({ StringEquals: { 'AWS:SourceArn': distributionArn } });
    expect(await unwrap(frontend.bucketRegionalDomainName)).toBe(`${bucketName}.s3.ap-southeast-2.amazonaws.com`);
    expect(await unwrap(frontend.bucketArn)).toBe(arn);
  });

  it('rejects anything but one distribution ARN', () => {
    expect(() => new FrontendBucket('bad', { cloudFrontDistributionArn: 'arn:aws:cloudfront::123456789012:distribution/*' })).toThrow(
      "cloudFrontDistributionArn must be one CloudFront distribution ARN (arn:aws:cloudfront::<account>:distribution/<id>), got 'arn:aws:cloudfront::123456789012:distribution/*'",
    );
    expect(() => new FrontendBucket('bad2', { cloudFrontDistributionArn: 'E2QWRUHAPOMQZL' })).toThrow('cloudFrontDistributionArn must be one CloudFront distribution ARN');
    // The same check runs on a deferred ARN when it resolves, inside the policy.
    expect(() => cloudFrontReadStatement(arn, 'arn:aws:s3:::not-a-distribution')).toThrow('cloudFrontDistributionArn must be one CloudFront distribution ARN');
  });

  it('passes the stack policies', async () => {
    await harness.descendantsOf(new FrontendBucket('web', { bucketName, cloudFrontDistributionArn: distributionArn, tags }));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
