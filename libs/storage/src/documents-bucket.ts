import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { DOCUMENTS_BUCKET_DEFAULTS, documentsLifecycleRules } from './documents-bucket.defaults.js';
import { createBucketPolicy, createPrivateBucket } from './private-bucket.js';

export interface DocumentsBucketArgs {
  /**
   * Physical name; use `ResourceNamer.bucketName('documents')` from infra-shared for
   * `{project}-{env}-documents-{random}`. Default: Pulumi auto-naming (`<name>-<random>`).
   */
  readonly bucketName?: pulumi.Input<string>;
  /** SSE-KMS with this key (and a bucket key); default SSE-S3 (AES256). */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Days an overwritten or deleted version is kept; default 30, 0 keeps them forever. */
  readonly noncurrentVersionExpirationDays?: number;
  /** Let `pulumi destroy` delete a non-empty bucket (dev stacks); default false. */
  readonly forceDestroy?: boolean;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The uploaded PDFs: versioned, encrypted, ACLs disabled, all public access blocked, TLS-only
 * (HTTPS with TLS ≥ 1.2). Access is granted by the API and processor roles, never here.
 */
export class DocumentsBucket extends pulumi.ComponentResource {
  readonly bucketId: pulumi.Output<string>;
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly bucketRegionalDomainName: pulumi.Output<string>;

  constructor(name: string, args: DocumentsBucketArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:storage:DocumentsBucket', name, {}, opts);
    const rules = documentsLifecycleRules(args.noncurrentVersionExpirationDays ?? DOCUMENTS_BUCKET_DEFAULTS.noncurrentVersionExpirationDays);
    const child = { parent: this };

    const target = createPrivateBucket(name, args, this);
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: target.bucket.id, versioningConfiguration: { status: DOCUMENTS_BUCKET_DEFAULTS.versioning } },
      child,
    );
    // Lifecycle rules on versions need versioning in place first.
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { bucket: target.bucket.id, rules }, { ...child, dependsOn: [versioning] });
    createBucketPolicy(name, target, () => [], this);

    this.bucketId = target.bucket.id;
    this.bucketName = target.bucket.bucket;
    this.bucketArn = target.bucket.arn;
    this.bucketRegionalDomainName = target.bucket.bucketRegionalDomainName;
    this.registerOutputs({
      bucketId: this.bucketId,
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      bucketRegionalDomainName: this.bucketRegionalDomainName,
    });
  }
}
