import { assertIntegerInRange } from '@student-helper/infra-shared';

/**
 * The uploaded PDFs are the source of truth, so the bucket keeps versions; old versions expire
 * so that a deleted document (SPEC: "file, rows and vectors gone") is really gone after the
 * window, and abandoned multipart uploads do not accumulate.
 */
export const DOCUMENTS_BUCKET_DEFAULTS = {
  versioning: 'Enabled',
  noncurrentVersionExpirationDays: 30,
  abortIncompleteMultipartUploadDays: 7,
} as const;

export interface LifecycleRule {
  readonly id: string;
  readonly status: 'Enabled';
  readonly filter: { readonly prefix: string };
  readonly abortIncompleteMultipartUpload?: { readonly daysAfterInitiation: number };
  readonly noncurrentVersionExpiration?: { readonly noncurrentDays: number };
  readonly expiration?: { readonly expiredObjectDeleteMarker: boolean };
}

/** `noncurrentVersionExpirationDays: 0` keeps old versions forever (no expiry rule). */
export function documentsLifecycleRules(noncurrentVersionExpirationDays: number): LifecycleRule[] {
  assertIntegerInRange('noncurrentVersionExpirationDays', noncurrentVersionExpirationDays, 0, 36_500);
  const everything = { prefix: '' };
  const rules: LifecycleRule[] = [
    {
      id: 'abort-incomplete-multipart-uploads',
      status: 'Enabled',
      filter: everything,
      abortIncompleteMultipartUpload: { daysAfterInitiation: DOCUMENTS_BUCKET_DEFAULTS.abortIncompleteMultipartUploadDays },
    },
  ];
  if (noncurrentVersionExpirationDays > 0) {
    rules.push({
      id: 'expire-noncurrent-versions',
      status: 'Enabled',
      filter: everything,
      noncurrentVersionExpiration: { noncurrentDays: noncurrentVersionExpirationDays },
      // Once the last version is gone, the delete marker left behind is removed too.
      expiration: { expiredObjectDeleteMarker: true },
    });
  }
  return rules;
}
