import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DocumentProcessorRole } from './document-processor-role.js';
import { documentProcessorPolicy } from './document-processor-role.defaults.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const access = {
  documentsBucketArn: 'arn:aws:s3:::docs-a1b2c3d4',
  jobQueueArn: 'arn:aws:sqs:ap-southeast-2:123456789012:jobs',
  vectorIndexArn: 'arn:aws:s3vectors:ap-southeast-2:123456789012:bucket/vectors/index/documents',
  secretArns: ['arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:rds!db-1234-GhIjKl'],
  bedrockModelArns: ['arn:aws:bedrock:ap-southeast-2::foundation-model/amazon.titan-embed-text-v2:0'],
};
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('documentProcessorPolicy', () => {
  it('grants exactly what the processor does, on the given ARNs', () => {
    expect(documentProcessorPolicy(access)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ReadDocuments', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::docs-a1b2c3d4/*' },
        { Sid: 'DocumentBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::docs-a1b2c3d4' },
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
        { Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: access.secretArns },
        { Sid: 'InvokeEmbeddingModel', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: access.bedrockModelArns },
      ],
    });
  });

  it('refuses wildcard and non-ARN inputs', () => {
    expect(() => documentProcessorPolicy({ ...access, vectorIndexArn: 'arn:aws:s3vectors:ap-southeast-2:1:bucket/v/index/*' })).toThrow(
      'vectorIndexArn must name specific resources',
    );
    expect(() => documentProcessorPolicy({ ...access, documentsBucketArn: 'docs' })).toThrow('documentsBucketArn must be ARNs: docs');
  });
});

describe('DocumentProcessorRole', () => {
  it('creates the role, its inline policy and the managed VPC access attachment', async () => {
    const role = new DocumentProcessorRole('processor', { ...access, tags });
    const children = await harness.descendantsOf(role);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:iam/role:Role processor',
      'aws:iam/rolePolicy:RolePolicy processor-access',
      'aws:iam/rolePolicyAttachment:RolePolicyAttachment processor-vpc-access',
    ]);
    const iamRole = harness.named('processor', 'aws:iam/role:Role');
    expect(JSON.parse(String(iamRole.inputs['assumeRolePolicy']))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(harness.named('processor-access').inputs['policy']).toBe(JSON.stringify(documentProcessorPolicy(access)));
    expect(harness.named('processor-vpc-access').inputs).toEqual({
      role: iamRole.id,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    });
    expect(await unwrap(role.roleArn)).toBe(iamRole.state['arn']);
    expect(await unwrap(role.roleName)).toBe(iamRole.id);
  });

  it('passes the stack policies', async () => {
    await harness.descendantsOf(new DocumentProcessorRole('processor', { ...access, tags }));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
