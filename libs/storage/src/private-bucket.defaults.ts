/**
 * The baseline every Student Helper bucket gets (aws-solutions-constructs' `DefaultS3Props`
 * plus its `enforceSSL`): ACLs disabled, encrypted at rest, all public access blocked, and a
 * policy that refuses plain HTTP and TLS older than 1.2.
 */
export const PRIVATE_BUCKET_DEFAULTS = {
  /** Disables ACLs: the bucket owner owns every object and only policies grant access. */
  objectOwnership: 'BucketOwnerEnforced',
  /** SSE-S3 unless a KMS key is given. */
  sseAlgorithm: 'AES256',
  publicAccessBlock: {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  },
  minimumTlsVersion: '1.2',
  forceDestroy: false,
} as const;

/** The IAM policy JSON the bucket policies are built from. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal: '*' | Readonly<Record<string, string>>;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | number>>>>;
}

/** One server-side encryption rule: SSE-KMS with a bucket key when a key is given, else SSE-S3. */
export function encryptionRule(kmsKeyArn: string | undefined): {
  applyServerSideEncryptionByDefault: { sseAlgorithm: string; kmsMasterKeyId?: string };
  bucketKeyEnabled: boolean;
} {
  if (kmsKeyArn === undefined) {
    return { applyServerSideEncryptionByDefault: { sseAlgorithm: PRIVATE_BUCKET_DEFAULTS.sseAlgorithm }, bucketKeyEnabled: false };
  }
  // The bucket key cuts KMS requests (and their cost) by caching a data key per bucket.
  return { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true };
}

/** Deny every request over plain HTTP or TLS below 1.2, on the bucket and its objects. */
export function tlsOnlyStatements(bucketArn: string): PolicyStatement[] {
  const resources = [bucketArn, `${bucketArn}/*`];
  return [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: resources,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Sid: 'DenyOutdatedTls',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: resources,
      Condition: { NumericLessThan: { 's3:TlsVersion': PRIVATE_BUCKET_DEFAULTS.minimumTlsVersion } },
    },
  ];
}

export function bucketPolicyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
