/** How S3 encrypts what the store writes: SSE-S3, or SSE-KMS with a key and an S3 Bucket Key. */
export type BlobEncryption = { type: 'AES256' } | { type: 'aws:kms'; kmsKeyId: string; bucketKeyEnabled?: boolean };

export const s3BlobStoreDefaults = {
  /** SSE-S3, as the documents bucket's default encryption (libs/storage). */
  encryption: { type: 'AES256' } as BlobEncryption,
  contentType: 'application/octet-stream',
} as const;
