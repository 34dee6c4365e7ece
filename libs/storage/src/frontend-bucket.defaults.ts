import type { PolicyStatement } from './private-bucket.defaults.js';

export const FRONTEND_BUCKET_DEFAULTS = {
  /** CloudFront's service principal, used by Origin Access Control (not the legacy OAI). */
  cloudFrontServicePrincipal: 'cloudfront.amazonaws.com',
} as const;

/**
 * Lets one CloudFront distribution read objects through Origin Access Control (SigV4-signed
 * requests from the CloudFront service principal, pinned to that distribution's ARN). Without
 * `s3:ListBucket`, a missing key answers 403, which the CDN maps to `/index.html`.
 */
export function cloudFrontReadStatement(bucketArn: string, distributionArn: string): PolicyStatement {
  assertDistributionArn(distributionArn);
  return {
    Sid: 'AllowCloudFrontOriginAccessControl',
    Effect: 'Allow',
    Principal: { Service: FRONTEND_BUCKET_DEFAULTS.cloudFrontServicePrincipal },
    Action: 's3:GetObject',
    Resource: `${bucketArn}/*`,
    Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
  };
}

/** Only a distribution ARN pins the grant; an account-wide pattern would admit any distribution. */
export function assertDistributionArn(distributionArn: string): void {
  if (!/^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/[A-Z0-9]+$/.test(distributionArn)) {
    throw new Error(`cloudFrontDistributionArn must be one CloudFront distribution ARN (arn:aws:cloudfront::<account>:distribution/<id>), got '${distributionArn}'`);
  }
}
