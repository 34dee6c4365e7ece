import type { PolicyDocument } from './policy-document.js';
import { assertWorkloadAccess, type WorkloadAccess } from './workload-access.js';

export type DocumentProcessorAccess = WorkloadAccess;

export const DOCUMENT_PROCESSOR_MANAGED_POLICIES = {
  /** ENIs in the Lambda subnet plus CloudWatch Logs (it includes AWSLambdaBasicExecutionRole's actions). */
  vpcAccess: 'service-role/AWSLambdaVPCAccessExecutionRole',
} as const;

/**
 * Least privilege for the processor: read uploaded documents, consume the job queue (the event
 * source mapping polls with the function's role), write and replace vectors idempotently,
 * read its secrets, embed with its model.
 */
export function documentProcessorPolicy(access: DocumentProcessorAccess): PolicyDocument {
  assertWorkloadAccess(access);
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadDocuments', Effect: 'Allow', Action: 's3:GetObject', Resource: `${access.documentsBucketArn}/*` },
      // Without ListBucket S3 answers a missing key with 403 instead of NoSuchKey; also the blob store's ping.
      { Sid: 'DocumentBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: access.documentsBucketArn },
      {
        Sid: 'ConsumeJobs',
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        Resource: access.jobQueueArn,
      },
      {
        Sid: 'WriteVectors',
        Effect: 'Allow',
        Action: ['s3vectors:PutVectors', 's3vectors:GetVectors', 's3vectors:DeleteVectors', 's3vectors:GetIndex'],
        Resource: access.vectorIndexArn,
      },
      { Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [...access.secretArns] },
      { Sid: 'InvokeEmbeddingModel', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: [...access.bedrockModelArns] },
    ],
  };
}
