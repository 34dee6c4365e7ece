import { assertScopedArns } from '@student-helper/infra-shared';
import type { PolicyDocument, PolicyStatement } from './policy-document.js';
import { assertWorkloadAccess, type WorkloadAccess } from './workload-access.js';

/** The ARNs the API server may touch, resolved. */
export interface ApiServerAccess extends WorkloadAccess {
  readonly logGroupArn?: string | undefined;
  /** Object ARN pattern of release bundles, e.g. `arn:aws:s3:::artifacts/api/*`. */
  readonly releaseArtifactsArn?: string | undefined;
}

export const API_SERVER_MANAGED_POLICIES = {
  /** SSM agent registration, Run Command and sessions: the API's deploy path (decision 0008). */
  ssm: 'AmazonSSMManagedInstanceCore',
} as const;

/**
 * Least privilege for the API: documents (read, write, delete), enqueue jobs, query and delete
 * vectors (`GetVectors` too, because `QueryVectors` with a filter or returned metadata needs
 * it; `GetIndex` for the health check), read its secrets, invoke its two models, write its own
 * logs, fetch its releases.
 */
export function apiServerPolicy(access: ApiServerAccess): PolicyDocument {
  assertWorkloadAccess(access);
  const statements: PolicyStatement[] = [
    {
      Sid: 'DocumentObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      Resource: `${access.documentsBucketArn}/*`,
    },
    { Sid: 'DocumentBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: access.documentsBucketArn },
    { Sid: 'EnqueueJobs', Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'], Resource: access.jobQueueArn },
    {
      Sid: 'SearchVectors',
      Effect: 'Allow',
      Action: ['s3vectors:QueryVectors', 's3vectors:GetVectors', 's3vectors:DeleteVectors', 's3vectors:GetIndex'],
      Resource: access.vectorIndexArn,
    },
    { Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [...access.secretArns] },
    {
      Sid: 'InvokeModels',
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: [...access.bedrockModelArns],
    },
  ];
  if (access.logGroupArn) {
    assertScopedArns('logGroupArn', [access.logGroupArn]);
    statements.push({
      Sid: 'WriteLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: [access.logGroupArn, `${access.logGroupArn}:*`],
    });
  }
  if (access.releaseArtifactsArn) {
    assertScopedArns('releaseArtifactsArn', [access.releaseArtifactsArn]);
    statements.push({ Sid: 'FetchReleases', Effect: 'Allow', Action: 's3:GetObject', Resource: access.releaseArtifactsArn });
  }
  return { Version: '2012-10-17', Statement: statements };
}
