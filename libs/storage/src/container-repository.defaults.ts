import { assertIntegerInRange, assertMatches } from '@student-helper/infra-shared';

/**
 * The processor image repository. Tags are IMMUTABLE: CI pushes one tag per commit, and the
 * Lambda function resolves a tag to a digest at deploy time, so a re-pushed tag could never
 * roll a function forward anyway — it would only make "which code runs" ambiguous.
 */
export const CONTAINER_REPOSITORY_DEFAULTS = {
  imageTagMutability: 'IMMUTABLE',
  scanOnPush: true,
  encryptionType: 'AES256',
  maxImageCount: 5,
  forceDelete: false,
  /** What Lambda needs to pull an image for a function (AWS docs, Lambda container images). */
  lambdaPullActions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
  lambdaServicePrincipal: 'lambda.amazonaws.com',
} as const;

export type ImageTagMutability = 'IMMUTABLE' | 'MUTABLE';

/** Expire everything but the newest `maxImageCount` images (tagged or not). */
export function lifecyclePolicy(maxImageCount: number): string {
  assertIntegerInRange('maxImageCount', maxImageCount, 1, 10_000);
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Keep the last ${maxImageCount} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: maxImageCount },
        action: { type: 'expire' },
      },
    ],
  });
}

/** `arn:aws:lambda:<region>:<account>:function:<prefix>*`, in the repository's own account and Region. */
export function lambdaFunctionArnPattern(repositoryArn: string, functionNamePrefix: string): string {
  const [, partition, , region, account] = repositoryArn.split(':');
  return `arn:${partition}:lambda:${region}:${account}:function:${functionNamePrefix}*`;
}

export function assertFunctionNamePrefix(prefix: string): void {
  assertMatches('lambdaFunctionNamePrefix', prefix, /^[A-Za-z0-9_-]{0,64}$/, 'up to 64 letters, digits, hyphens and underscores');
}

/**
 * Lets the Lambda service pull images, but only for functions of this account and Region whose
 * name starts with the prefix (`aws:sourceArn`) — the confused-deputy guard AWS documents.
 */
export function lambdaPullPolicy(repositoryArn: string, functionNamePrefix: string): string {
  const [, , , , account] = repositoryArn.split(':');
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'LambdaImagePull',
        Effect: 'Allow',
        Principal: { Service: CONTAINER_REPOSITORY_DEFAULTS.lambdaServicePrincipal },
        Action: [...CONTAINER_REPOSITORY_DEFAULTS.lambdaPullActions],
        Condition: {
          StringLike: { 'aws:sourceArn': lambdaFunctionArnPattern(repositoryArn, functionNamePrefix) },
          StringEquals: { 'aws:sourceAccount': account },
        },
      },
    ],
  });
}
