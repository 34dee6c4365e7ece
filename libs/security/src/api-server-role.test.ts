import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiServerRole } from './api-server-role.js';
import { apiServerPolicy } from './api-server-role.defaults.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const access = {
  documentsBucketArn: 'arn:aws:s3:::student-helper-dev-documents-a1b2c3d4',
  jobQueueArn: 'arn:aws:sqs:ap-southeast-2:123456789012:jobs',
  vectorIndexArn: 'arn:aws:s3vectors:ap-southeast-2:123456789012:bucket/vectors/index/documents',
  secretArns: [
    'arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:student-helper/dev/app-config-AbCdEf',
    'arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:rds!db-1234-GhIjKl',
  ],
  bedrockModelArns: ['arn:aws:bedrock:ap-southeast-2::foundation-model/amazon.titan-embed-text-v2:0'],
};
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('apiServerPolicy', () => {
  it('scopes every statement to the given ARNs, with GetVectors next to QueryVectors (correction 6)', () => {
    expect(apiServerPolicy({ ...access, logGroupArn: 'arn:aws:logs:ap-southeast-2:123456789012:log-group:/ec2/api', releaseArtifactsArn: 'arn:aws:s3:::artifacts/api/*' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DocumentObjects',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
          Resource: 'arn:aws:s3:::student-helper-dev-documents-a1b2c3d4/*',
        },
        { Sid: 'DocumentBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::student-helper-dev-documents-a1b2c3d4' },
        { Sid: 'EnqueueJobs', Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'], Resource: access.jobQueueArn },
        {
          Sid: 'SearchVectors',
          Effect: 'Allow',
          Action: ['s3vectors:QueryVectors', 's3vectors:GetVectors', 's3vectors:DeleteVectors', 's3vectors:GetIndex'],
          Resource: access.vectorIndexArn,
        },
        { Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: access.secretArns },
        {
          Sid: 'InvokeModels',
          Effect: 'Allow',
          Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          Resource: access.bedrockModelArns,
        },
        {
          Sid: 'WriteLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: ['arn:aws:logs:ap-southeast-2:123456789012:log-group:/ec2/api', 'arn:aws:logs:ap-southeast-2:123456789012:log-group:/ec2/api:*'],
        },
        { Sid: 'FetchReleases', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::artifacts/api/*' },
      ],
    });
  });

  it("refuses the seed's wildcards", () => {
    expect(() => apiServerPolicy({ ...access, documentsBucketArn: 'arn:aws:s3:::*' })).toThrow(
      'documentsBucketArn must name specific resources, not wildcards: arn:aws:s3:::*',
    );
    expect(() => apiServerPolicy({ ...access, secretArns: ['arn:aws:secretsmanager:*:*:secret:*'] })).toThrow('secretArns must name specific resources');
    expect(() => apiServerPolicy({ ...access, jobQueueArn: 'arn:aws:sqs:*:*:*' })).toThrow('jobQueueArn must name specific resources');
    expect(() => apiServerPolicy({ ...access, bedrockModelArns: ['*'] })).toThrow('bedrockModelArns must name specific resources');
    expect(() => apiServerPolicy({ ...access, logGroupArn: 'arn:aws:logs:*:*:*' })).toThrow('logGroupArn must name specific resources');
  });
});

describe('ApiServerRole', () => {
  it('creates the role, its inline policy, the SSM attachment and the instance profile', async () => {
    const role = new ApiServerRole('api', { ...access, tags });
    const children = await harness.descendantsOf(role);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:iam/instanceProfile:InstanceProfile api-profile',
      'aws:iam/role:Role api',
      'aws:iam/rolePolicy:RolePolicy api-access',
      'aws:iam/rolePolicyAttachment:RolePolicyAttachment api-ssm',
    ]);
    const iamRole = harness.named('api', 'aws:iam/role:Role');
    expect(iamRole.inputs).toEqual({
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      description: 'Student Helper API server (EC2)',
      tags: { ...tags, Name: 'api' },
    });
    expect(harness.named('api-access').inputs).toEqual({ role: iamRole.id, policy: JSON.stringify(apiServerPolicy(access)) });
    expect(harness.named('api-ssm').inputs).toEqual({ role: iamRole.id, policyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' });
    expect(harness.named('api-profile').inputs).toEqual({ role: iamRole.id, tags: { ...tags, Name: 'api-profile' } });
    expect(await unwrap(role.roleArn)).toBe(iamRole.state['arn']);
    expect(await unwrap(role.roleName)).toBe(iamRole.id);
    expect(await unwrap(role.instanceProfileName)).toBe(harness.named('api-profile').id);
    expect(await unwrap(role.instanceProfileArn)).toBe(`arn:aws:iam::123456789012:instance-profile/${harness.named('api-profile').id}`);
  });

  it('leaves out the SSM attachment when asked and uses the partition for managed ARNs', async () => {
    await harness.descendantsOf(new ApiServerRole('nossm', { ...access, ssmManaged: false, tags }));
    expect(harness.ofType('aws:iam/rolePolicyAttachment:RolePolicyAttachment')).toEqual([]);
    harness.clear();
    await harness.descendantsOf(new ApiServerRole('gov', { ...access, partition: 'aws-us-gov', tags }));
    expect(harness.named('gov-ssm').inputs['policyArn']).toBe('arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore');
  });

  it('passes the stack policies', async () => {
    await harness.descendantsOf(new ApiServerRole('api', { ...access, tags }));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
