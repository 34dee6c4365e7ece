import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import { PRIVATE_BUCKET_DEFAULTS, bucketPolicyDocument, encryptionRule, tlsOnlyStatements, type PolicyStatement } from './private-bucket.defaults.js';

export interface PrivateBucketOptions {
  readonly bucketName?: pulumi.Input<string>;
  readonly kmsKeyArn?: pulumi.Input<string>;
  readonly forceDestroy?: boolean;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface PrivateBucket {
  readonly bucket: aws.s3.Bucket;
  readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
}

/**
 * The bucket and its baseline children (ownership, encryption, public access block), created
 * under `parent` by the bucket components; the bucket is named `name`, its children `name-…`.
 */
export function createPrivateBucket(name: string, options: PrivateBucketOptions, parent: pulumi.Resource): PrivateBucket {
  const child = { parent };
  const bucket = new aws.s3.Bucket(
    name,
    {
      bucket: options.bucketName,
      forceDestroy: options.forceDestroy ?? PRIVATE_BUCKET_DEFAULTS.forceDestroy,
      tags: withName(options.tags, name),
    },
    child,
  );
  new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: PRIVATE_BUCKET_DEFAULTS.objectOwnership } },
    child,
  );
  const rules =
    options.kmsKeyArn === undefined ? [encryptionRule(undefined)] : pulumi.output(options.kmsKeyArn).apply((key) => [encryptionRule(key)]);
  new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, { bucket: bucket.id, rules }, child);
  const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access-block`,
    { bucket: bucket.id, ...PRIVATE_BUCKET_DEFAULTS.publicAccessBlock },
    child,
  );
  return { bucket, publicAccessBlock };
}

/**
 * The bucket's one policy: the TLS-only statements plus `statements(bucketArn)`. It waits for
 * the public access block, because S3 rejects policy and block changes racing each other.
 */
export function createBucketPolicy(
  name: string,
  target: PrivateBucket,
  statements: (bucketArn: string) => pulumi.Input<PolicyStatement[]>,
  parent: pulumi.Resource,
): aws.s3.BucketPolicy {
  const policy = target.bucket.arn.apply((arn) =>
    pulumi.output(statements(arn)).apply((extra) => bucketPolicyDocument([...tlsOnlyStatements(arn), ...extra])),
  );
  return new aws.s3.BucketPolicy(`${name}-policy`, { bucket: target.bucket.id, policy }, { parent, dependsOn: [target.publicAccessBlock] });
}

/**
 * What both bucket components publish. Subclasses create their children in `build`, which
 * runs after the component is registered, so everything is parented to it.
 */
export abstract class BucketComponent extends pulumi.ComponentResource {
  readonly bucketId: pulumi.Output<string>;
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  /** The REST endpoint (`<bucket>.s3.<region>.amazonaws.com`), e.g. a CloudFront S3 origin. */
  readonly bucketRegionalDomainName: pulumi.Output<string>;

  protected constructor(type: string, name: string, opts: pulumi.ComponentResourceOptions | undefined, build: (self: pulumi.Resource) => PrivateBucket) {
    super(type, name, {}, opts);
    const { bucket } = build(this);
    this.bucketId = bucket.id;
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.bucketRegionalDomainName = bucket.bucketRegionalDomainName;
    this.registerOutputs({
      bucketId: this.bucketId,
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      bucketRegionalDomainName: this.bucketRegionalDomainName,
    });
  }
}
