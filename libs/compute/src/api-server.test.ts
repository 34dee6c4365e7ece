import * as pulumi from '@pulumi/pulumi';
import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderApiServerUserData } from './api-server-bootstrap.js';
import { ApiServer, type ApiServerArgs } from './api-server.js';
import { architectureOf, resolveApiServerSettings } from './api-server.defaults.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const base: ApiServerArgs = {
  subnetId: 'subnet-private',
  securityGroupIds: ['sg-backend'],
  instanceProfileName: 'student-helper-dev-api-profile',
  vpcId: 'vpc-0123',
  environment: { AWS_REGION: 'ap-southeast-2' },
  tags,
};
const al2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('ApiServer', () => {
  it('creates exactly the log group, the instance and its Cloud Map namespace, service and registration', async () => {
    const api = new ApiServer('api', base);
    const children = await harness.descendantsOf(api);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:cloudwatch/logGroup:LogGroup api-logs',
      'aws:ec2/instance:Instance api',
      'aws:servicediscovery/instance:Instance api-registration',
      'aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace api-namespace',
      'aws:servicediscovery/service:Service api-discovery',
    ]);
  });

  it('launches AL2023 in the private subnet: IMDSv2 only, no public IP, encrypted 20 GiB gp3, the bootstrap as user data', async () => {
    await harness.descendantsOf(new ApiServer('api', base));
    const ami = harness.callsMade.find((c) => c.token === 'aws:ssm/getParameter:getParameter');
    expect(ami?.inputs).toEqual({ name: al2023 });
    expect(harness.named('api', 'aws:ec2/instance:Instance').inputs).toEqual({
      ami: expect.stringMatching(/^ami-0[0-9a-f]{16}$/),
      instanceType: 't3.micro',
      subnetId: 'subnet-private',
      vpcSecurityGroupIds: ['sg-backend'],
      iamInstanceProfile: 'student-helper-dev-api-profile',
      associatePublicIpAddress: false,
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      rootBlockDevice: {
        volumeType: 'gp3',
        volumeSize: 20,
        encrypted: true,
        deleteOnTermination: true,
        tags: { ...tags, Name: 'api-root' },
      },
      userData: renderApiServerUserData({
        apiPort: 8000,
        nodeMajorVersion: 22,
        entrypoint: 'apps/api/dist/main.js',
        logGroupName: '/ec2/api',
        environment: { AWS_REGION: 'ap-southeast-2' },
      }),
      userDataReplaceOnChange: true,
      tags: { ...tags, Name: 'api' },
    });
  });

  it('keeps its logs 30 days in /ec2/<name>', async () => {
    const api = new ApiServer('api', base);
    await harness.descendantsOf(api);
    expect(harness.named('api-logs').inputs).toEqual({ name: '/ec2/api', retentionInDays: 30, tags: { ...tags, Name: 'api-logs' } });
    expect(await unwrap(api.logGroupName)).toBe('/ec2/api');
    expect(await unwrap(api.logGroupArn)).toBe('arn:aws:logs:ap-southeast-2:123456789012:log-group:/ec2/api');
  });

  it('registers the instance IP and API port in a Cloud Map service for the VPC link', async () => {
    const api = new ApiServer('api', base);
    await harness.descendantsOf(api);
    const namespace = harness.named('api-namespace');
    const service = harness.named('api-discovery');
    const instance = harness.named('api', 'aws:ec2/instance:Instance');
    expect(namespace.inputs).toEqual({ name: 'api.internal', vpc: 'vpc-0123', description: 'api: API server discovery', tags: { ...tags, Name: 'api-namespace' } });
    expect(service.inputs).toEqual({
      name: 'api',
      description: 'api: API instances for the HTTP API VPC link',
      dnsConfig: { namespaceId: namespace.id, routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', ttl: 10 }] },
      forceDestroy: true,
      tags: { ...tags, Name: 'api-discovery' },
    });
    expect(harness.named('api-registration').inputs).toEqual({
      serviceId: service.id,
      instanceId: instance.id,
      attributes: { AWS_INSTANCE_IPV4: instance.state['privateIp'], AWS_INSTANCE_PORT: '8000' },
    });
    expect(await unwrap(api.serviceDiscoveryServiceArn as pulumi.Output<string>)).toBe(`arn:aws:servicediscovery:ap-southeast-2:123456789012:service/${service.id}`);
    expect(await unwrap(api.serviceDiscoveryServiceId as pulumi.Output<string>)).toBe(service.id);
    expect(await unwrap(api.serviceDiscoveryNamespaceId as pulumi.Output<string>)).toBe(namespace.id);
  });

  it('exposes the instance id, ARN, private address and AMI', async () => {
    const api = new ApiServer('api', base);
    await harness.descendantsOf(api);
    const instance = harness.named('api', 'aws:ec2/instance:Instance');
    expect(await unwrap(api.instanceId)).toBe(instance.id);
    expect(await unwrap(api.instanceArn)).toBe(`arn:aws:ec2:ap-southeast-2:123456789012:instance/${instance.id}`);
    expect(await unwrap(api.privateIp)).toBe(instance.state['privateIp']);
    expect(await unwrap(api.privateDns)).toBe(instance.state['privateDns']);
    expect(await unwrap(api.amiId)).toBe(instance.inputs['ami']);
    expect(api.apiPort).toBe(8000);
  });

  it('sizes prod (t3.small) and takes a pinned AMI, a KMS key, a first release and Output environment values', async () => {
    const api = new ApiServer('prod-api', {
      ...base,
      instanceType: 't3.small',
      amiId: 'ami-0pinned',
      rootVolumeKmsKeyId: 'arn:aws:kms:ap-southeast-2:123456789012:key/abcd',
      releaseS3Uri: 's3://student-helper-prod-artifacts/api/2.0.0.tar.gz',
      environment: { QUEUE_URL: pulumi.output('https://sqs.ap-southeast-2.amazonaws.com/123456789012/jobs') },
      nodeMajorVersion: 24,
      serviceDiscoveryNamespace: 'api.student-helper.internal',
    });
    await harness.descendantsOf(api);
    const inputs = harness.named('prod-api', 'aws:ec2/instance:Instance').inputs;
    expect(inputs['ami']).toBe('ami-0pinned');
    expect(inputs['instanceType']).toBe('t3.small');
    expect((inputs['rootBlockDevice'] as Record<string, unknown>)['kmsKeyId']).toBe('arn:aws:kms:ap-southeast-2:123456789012:key/abcd');
    const userData = String(inputs['userData']);
    expect(userData).toContain('QUEUE_URL="https://sqs.ap-southeast-2.amazonaws.com/123456789012/jobs"');
    expect(userData).toContain('dnf install -y nodejs24 ');
    expect(userData.trimEnd().split('\n').at(-1)).toBe("/usr/local/bin/student-helper-deploy 's3://student-helper-prod-artifacts/api/2.0.0.tar.gz'");
    expect(harness.callsMade.filter((c) => c.token === 'aws:ssm/getParameter:getParameter')).toEqual([]);
    expect(harness.named('prod-api-namespace').inputs['name']).toBe('api.student-helper.internal');
  });

  it('looks up the arm64 AMI for Graviton types', async () => {
    await harness.descendantsOf(new ApiServer('arm', { ...base, instanceType: 'm7g.medium' }));
    expect(harness.callsMade.find((c) => c.token === 'aws:ssm/getParameter:getParameter')?.inputs).toEqual({
      name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
    });
  });

  it('can run without Cloud Map (behind a load balancer the caller owns)', async () => {
    const api = new ApiServer('api', { ...base, serviceDiscovery: false, vpcId: undefined });
    const children = await harness.descendantsOf(api);
    expect(children.map((r) => r.name).sort()).toEqual(['api', 'api-logs']);
    expect(api.serviceDiscoveryServiceArn).toBeUndefined();
  });

  it('rejects bad args naming them', () => {
    expect(() => new ApiServer('a', { ...base, vpcId: undefined })).toThrow(
      'vpcId is required when serviceDiscovery is on (the Cloud Map namespace lives in the VPC)',
    );
    expect(() => new ApiServer('b', { ...base, rootVolumeSizeGb: 4 })).toThrow('rootVolumeSizeGb must be an integer from 8 to 16384, got 4');
    expect(() => new ApiServer('c', { ...base, apiPort: 80 })).toThrow('apiPort must be an integer from 1024 to 65535, got 80');
    expect(() => new ApiServer('d', { ...base, instanceType: 't3.small', architecture: 'arm64' })).toThrow(
      'architecture arm64 does not match instanceType t3.small (x86_64)',
    );
    expect(() => new ApiServer('e', { ...base, instanceType: 'small' })).toThrow('instanceType must be an EC2 instance type such as t3.micro, got "small"');
    expect(() => new ApiServer('f', { ...base, nodeMajorVersion: 18 as 20 })).toThrow('nodeMajorVersion must be one of 20, 22, 24, got 18');
    expect(() => new ApiServer('g', { ...base, logRetentionInDays: 31 })).toThrow('logRetentionInDays must be one of 1, 3, 5, 7, 14, 30');
    expect(() => new ApiServer('h', { ...base, entrypoint: '../../etc/passwd.js' })).toThrow(
      'entrypoint must be a relative path to a .js file inside the release, got "../../etc/passwd.js"',
    );
    expect(() => new ApiServer('Upper_Case', base)).toThrow(
      'serviceDiscoveryNamespace must be a lowercase DNS name such as student-helper-dev-api.internal, got "Upper_Case.internal"',
    );
    expect(() => new ApiServer('i', { ...base, releaseS3Uri: 'file:///tmp/api.tar.gz' })).toThrow('releaseS3Uri must be s3://<bucket>/<path>/<version>.tar.gz');
  });

  it('infers the architecture from the instance family', () => {
    expect(['t3.micro', 't4g.small', 'm7g.large', 'c6gn.xlarge', 'r8gd.large', 'g5.xlarge', 'm6i.large'].map(architectureOf)).toEqual([
      'x86_64',
      'arm64',
      'arm64',
      'arm64',
      'arm64',
      'x86_64',
      'x86_64',
    ]);
    expect(resolveApiServerSettings({})).toEqual({
      instanceType: 't3.micro',
      architecture: 'x86_64',
      rootVolumeSizeGb: 20,
      apiPort: 8000,
      nodeMajorVersion: 22,
      entrypoint: 'apps/api/dist/main.js',
      logRetentionInDays: 30,
    });
  });

  it('passes the stack policies (IMDSv2, encryption, log retention, tags, no open ingress)', async () => {
    await harness.descendantsOf(new ApiServer('api', base));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
