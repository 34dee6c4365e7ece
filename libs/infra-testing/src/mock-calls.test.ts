import { describe, expect, it } from 'vitest';
import { DEFAULT_MOCK_ENVIRONMENT, stableHex } from './mock-context.js';
import { DEFAULT_CALLS, renderPolicyDocument, zoneIdPrefix } from './mock-calls.js';

describe('zoneIdPrefix', () => {
  it.each([
    ['ap-southeast-2', 'apse2'],
    ['us-east-1', 'use1'],
    ['eu-central-1', 'euc1'],
    ['ap-northeast-1', 'apne1'],
    ['ap-south-1', 'aps1'],
  ])('%s → %s', (region, prefix) => expect(zoneIdPrefix(region)).toBe(prefix));
});

describe('renderPolicyDocument', () => {
  it('renders principals, multiple values and Ids', () => {
    expect(
      JSON.parse(
        renderPolicyDocument({
          policyId: 'p1',
          statements: [
            {
              actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
              principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
              notPrincipals: [{ type: 'AWS', identifiers: ['arn:aws:iam::1:root', 'arn:aws:iam::2:root'] }],
              notActions: ['iam:*'],
              notResources: ['arn:aws:s3:::x'],
            },
          ],
        }),
      ),
    ).toEqual({
      Version: '2012-10-17',
      Id: 'p1',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          NotAction: 'iam:*',
          NotResource: 'arn:aws:s3:::x',
          Principal: { Service: 'lambda.amazonaws.com' },
          NotPrincipal: { AWS: ['arn:aws:iam::1:root', 'arn:aws:iam::2:root'] },
        },
      ],
    });
  });
});

describe('DEFAULT_CALLS', () => {
  const env = DEFAULT_MOCK_ENVIRONMENT;
  const call = (token: string, inputs: Record<string, unknown>) => {
    const mock = DEFAULT_CALLS[token];
    if (!mock) throw new Error(`no mock for ${token}`);
    return mock(inputs, env);
  };

  it('knows the AWS-managed CloudFront policies by name and refuses others', () => {
    expect(call('aws:cloudfront/getCachePolicy:getCachePolicy', { name: 'Managed-CachingDisabled' })).toEqual({
      id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      name: 'Managed-CachingDisabled',
    });
    expect(() => call('aws:cloudfront/getCachePolicy:getCachePolicy', { name: 'Mine' })).toThrow(
      "No AWS-managed cache policy named 'Mine' in the mock table",
    );
  });

  it('resolves VPC endpoint services to their Region-qualified names', () => {
    expect(call('aws:ec2/getVpcEndpointService:getVpcEndpointService', { service: 's3vectors' })).toMatchObject({
      serviceName: 'com.amazonaws.ap-southeast-2.s3vectors',
      serviceType: 'Interface',
    });
    expect(call('aws:ec2/getVpcEndpointService:getVpcEndpointService', { service: 's3' })['serviceType']).toBe('Gateway');
  });

  it('answers managed prefix lists by name with a stable id (the CloudFront origin-facing list for origin security groups)', () => {
    const name = 'com.amazonaws.global.cloudfront.origin-facing';
    const first = call('aws:ec2/getManagedPrefixList:getManagedPrefixList', { name });
    expect(first).toEqual({ id: `pl-${stableHex(name, 8)}`, name, arn: `arn:aws:ec2:::prefix-list/pl-${stableHex(name, 8)}`, addressFamily: 'IPv4', maxEntries: 55 });
    expect(call('aws:ec2/getManagedPrefixList:getManagedPrefixList', { name })).toEqual(first);
    expect(call('aws:ec2/getManagedPrefixList:getManagedPrefixList', { name: 'com.amazonaws.ap-southeast-2.s3' })['id']).not.toBe(first['id']);
  });

  it('returns the AWS-managed IAM policy ARN for a name', () => {
    expect(call('aws:iam/getPolicy:getPolicy', { name: 'AWSLambdaVPCAccessExecutionRole' })['arn']).toBe(
      'arn:aws:iam::aws:policy/AWSLambdaVPCAccessExecutionRole',
    );
  });
});
