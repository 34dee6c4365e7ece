import * as pulumi from '@pulumi/pulumi';
import { assertDistributionArn, cloudFrontReadStatement } from './frontend-bucket.defaults.js';
import { BucketComponent, createBucketPolicy, createPrivateBucket } from './private-bucket.js';

export interface FrontendBucketArgs {
  /** Physical name, e.g. `ResourceNamer.bucketName('frontend')`; default Pulumi auto-naming. */
  readonly bucketName?: pulumi.Input<string>;
  /**
   * The one CloudFront distribution allowed to read (Origin Access Control). The distribution
   * itself needs this bucket's regional domain name, so compose with `pulumi.deferredOutput`
   * (see the README).
   */
  readonly cloudFrontDistributionArn: pulumi.Input<string>;
  /** Let `pulumi destroy` delete a non-empty bucket; default false. */
  readonly forceDestroy?: boolean;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The web app's static files: a private REST-endpoint bucket (no website hosting, SPEC
 * correction 7), SSE-S3, ACLs disabled, public access blocked, TLS-only, readable only by the
 * given CloudFront distribution through Origin Access Control. Not versioned: every release
 * is rebuilt from git. SSE-KMS is not offered because CloudFront would also need the key.
 * Outputs: `bucketId`, `bucketName`, `bucketArn`, `bucketRegionalDomainName` (the CDN origin).
 */
export class FrontendBucket extends BucketComponent {
  constructor(name: string, args: FrontendBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:storage:FrontendBucket', name, opts, (parent) => {
      // A known ARN is checked now; an Output is checked when it resolves (in the policy).
      if (typeof args.cloudFrontDistributionArn === 'string') assertDistributionArn(args.cloudFrontDistributionArn);
      const target = createPrivateBucket(name, { bucketName: args.bucketName, forceDestroy: args.forceDestroy, tags: args.tags }, parent);
      createBucketPolicy(
        name,
        target,
        (bucketArn) => pulumi.output(args.cloudFrontDistributionArn).apply((distributionArn) => [cloudFrontReadStatement(bucketArn, distributionArn)]),
        parent,
      );
      return target;
    });
  }
}
