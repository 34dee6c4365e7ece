import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { interfaceServices } from './vpc-endpoints.defaults.js';
import { VpcEndpoints } from './vpc-endpoints.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const base = {
  vpcId: 'vpc-0123',
  region: 'ap-southeast-2',
  routeTableIds: ['rtb-private'],
  subnetIds: ['subnet-api'],
  securityGroupIds: ['sg-endpoints'],
  tags,
};
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('VpcEndpoints', () => {
  it('creates the S3 gateway on the private route tables and eight interface endpoints in Sydney', async () => {
    const endpoints = new VpcEndpoints('vpce', base);
    const children = await harness.descendantsOf(endpoints);
    expect(children.map((r) => r.name).sort()).toEqual([
      'vpce-s3',
      'vpce-sqs',
      'vpce-secretsmanager',
      'vpce-bedrock-runtime',
      'vpce-logs',
      'vpce-ssm',
      'vpce-ssmmessages',
      'vpce-ec2messages',
      'vpce-s3vectors',
    ].sort());
    expect(harness.named('vpce-s3').inputs).toEqual({
      vpcId: 'vpc-0123',
      serviceName: 'com.amazonaws.ap-southeast-2.s3',
      vpcEndpointType: 'Gateway',
      routeTableIds: ['rtb-private'],
      tags: { ...tags, Name: 'vpce-s3' },
    });
    expect(harness.named('vpce-bedrock-runtime').inputs).toEqual({
      vpcId: 'vpc-0123',
      serviceName: 'com.amazonaws.ap-southeast-2.bedrock-runtime',
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      subnetIds: ['subnet-api'],
      securityGroupIds: ['sg-endpoints'],
      tags: { ...tags, Name: 'vpce-bedrock-runtime' },
    });
    expect(endpoints.interfaceServices).toEqual(['sqs', 'secretsmanager', 'bedrock-runtime', 'logs', 'ssm', 'ssmmessages', 'ec2messages', 's3vectors']);
  });

  it('exposes the gateway, its prefix list and the interface endpoint ids by service', async () => {
    const endpoints = new VpcEndpoints('vpce', base);
    await harness.descendantsOf(endpoints);
    expect(await unwrap(endpoints.s3GatewayEndpointId)).toBe(harness.named('vpce-s3').id);
    expect(await unwrap(endpoints.s3PrefixListId)).toBe(harness.named('vpce-s3').state['prefixListId']);
    const ids = await unwrap(endpoints.interfaceEndpointIds);
    expect(Object.keys(ids)).toEqual(endpoints.interfaceServices);
    expect(ids['sqs']).toBe(harness.named('vpce-sqs').id);
  });

  it('leaves out S3 Vectors where the Region does not offer it, unless told otherwise', async () => {
    const elsewhere = new VpcEndpoints('ca', { ...base, region: 'ca-central-1' });
    await harness.descendantsOf(elsewhere);
    expect(elsewhere.interfaceServices).not.toContain('s3vectors');
    expect(harness.ofType('aws:ec2/vpcEndpoint:VpcEndpoint')).toHaveLength(8);
    harness.clear();
    const forced = new VpcEndpoints('forced', { ...base, region: 'ca-central-1', s3VectorsEndpoint: true });
    await harness.descendantsOf(forced);
    expect(harness.named('forced-s3vectors').inputs['serviceName']).toBe('com.amazonaws.ca-central-1.s3vectors');
  });

  it('takes an explicit service list (e.g. a dev stack without SSM sessions)', async () => {
    const endpoints = new VpcEndpoints('lean', { ...base, interfaceServices: ['sqs', 'ecr.api'], s3VectorsEndpoint: false });
    await harness.descendantsOf(endpoints);
    expect(harness.ofType('aws:ec2/vpcEndpoint:VpcEndpoint').map((e) => e.name).sort()).toEqual(['lean-ecr-api', 'lean-s3', 'lean-sqs']);
  });

  it('passes the stack policies', async () => {
    await harness.descendantsOf(new VpcEndpoints('vpce', base));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});

describe('interfaceServices', () => {
  it('adds s3vectors only where offered or requested', () => {
    expect(interfaceServices('us-east-1')).toContain('s3vectors');
    expect(interfaceServices('sa-east-1')).not.toContain('s3vectors');
    expect(interfaceServices('ap-southeast-2', { s3VectorsEndpoint: false })).not.toContain('s3vectors');
    expect(interfaceServices('sa-east-1', { override: ['s3vectors'] })).toEqual([]);
    expect(interfaceServices('sa-east-1', { override: ['s3vectors'], s3VectorsEndpoint: true })).toEqual(['s3vectors']);
  });
});
