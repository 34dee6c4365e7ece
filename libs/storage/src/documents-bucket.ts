import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { DOCUMENTS_BUCKET_DEFAULTS, documentsLifecycleRules } from './documents-bucket.defaults.js';
import { BucketComponent, createBucketPolicy, createPrivateBucket } from './private-bucket.js';

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
 * Outputs: `bucketId`, `bucketName`, `bucketArn`, `bucketRegionalDomainName`.
 */
export class DocumentsBucket extends BucketComponent {
  constructor(name: string, args: DocumentsBucketArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:storage:DocumentsBucket', name, opts, (parent) => {
      const rules = documentsLifecycleRules(args.noncurrentVersionExpirationDays ?? DOCUMENTS_BUCKET_DEFAULTS.noncurrentVersionExpirationDays);
      const target = createPrivateBucket(name, args, parent);
      const versioning = new aws.s3.BucketVersioning(
        `${name}-versioning`,
        { bucket: target.bucket.id, versioningConfiguration: { status: DOCUMENTS_BUCKET_DEFAULTS.versioning } },
        { parent },
      );
      // Lifecycle rules on versions need versioning in place first.
      new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { bucket: target.bucket.id, rules }, { parent, dependsOn: [versioning] });
      createBucketPolicy(name, target, () => [], parent);
      return target;
    });
  }
}
