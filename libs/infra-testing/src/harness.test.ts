import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupMockHarness, type MockHarness } from './harness.js';
import { UnmockedCallError } from './mock-calls.js';
import { unwrap } from './unwrap.js';

class Pair extends pulumi.ComponentResource {
  readonly queueUrl: pulumi.Output<string>;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('test:index:Pair', name, {}, opts);
    const queue = new aws.sqs.Queue(`${name}-queue`, { sqsManagedSseEnabled: true }, { parent: this });
    new aws.sqs.QueuePolicy(`${name}-policy`, { queueUrl: queue.url, policy: pulumi.secret('{"Statement":[]}') }, { parent: this });
    this.queueUrl = queue.url;
    this.registerOutputs({ queueUrl: this.queueUrl });
  }
}

let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});

beforeEach(() => harness.clear());

describe('setupMockHarness', () => {
  it('records every resource with its type, name, parent URN, inputs and id', async () => {
    const pair = new Pair('jobs');
    const children = await harness.descendantsOf(pair);
    expect(children.map((r) => [r.type, r.name])).toEqual([
      ['aws:sqs/queue:Queue', 'jobs-queue'],
      ['aws:sqs/queuePolicy:QueuePolicy', 'jobs-policy'],
    ]);
    const component = harness.named('jobs');
    expect(component).toMatchObject({
      urn: 'urn:pulumi:dev::student-helper-infra::test:index:Pair::jobs',
      type: 'test:index:Pair',
      parent: undefined,
      custom: false,
      id: undefined,
    });
    const queue = harness.named('jobs-queue');
    expect(queue.parent).toBe(component.urn);
    expect(queue.urn).toBe('urn:pulumi:dev::student-helper-infra::test:index:Pair$aws:sqs/queue:Queue::jobs-queue');
    expect(queue.inputs).toEqual({ sqsManagedSseEnabled: true });
    expect(queue.id).toMatch(/^https:\/\/sqs\.ap-southeast-2\.amazonaws\.com\/123456789012\/jobs-queue-[0-9a-f]{7}$/);
  });

  it('returns realistic outputs that flow into dependent inputs', async () => {
    const pair = new Pair('mail');
    const url = await unwrap(pair.queueUrl);
    await harness.settle();
    expect(harness.named('mail-policy').inputs['queueUrl']).toBe(url);
    expect(harness.named('mail-queue').state['arn']).toMatch(/^arn:aws:sqs:ap-southeast-2:123456789012:mail-queue-[0-9a-f]{7}$/);
  });

  it('records secret inputs as their plain value', async () => {
    new Pair('secret');
    await harness.settle();
    expect(harness.named('secret-policy').inputs['policy']).toBe('{"Statement":[]}');
  });

  it('gives the same ids in every run (deterministic mocks)', async () => {
    new aws.ec2.Vpc('same', { cidrBlock: '10.0.0.0/16' });
    await harness.settle();
    const first = harness.named('same').id;
    harness.clear();
    new aws.ec2.Vpc('same', { cidrBlock: '10.0.0.0/16' });
    await harness.settle();
    expect(harness.named('same').id).toBe(first);
    expect(first).toMatch(/^vpc-0[0-9a-f]{16}$/);
  });

  it('answers the registered provider functions', async () => {
    const azs = await unwrap(aws.getAvailabilityZonesOutput({ state: 'available' }));
    expect(azs.names).toEqual(['ap-southeast-2a', 'ap-southeast-2b', 'ap-southeast-2c']);
    expect(azs.zoneIds).toEqual(['apse2-az1', 'apse2-az3', 'apse2-az2']);
    expect((await unwrap(aws.getCallerIdentityOutput())).accountId).toBe('123456789012');
    expect((await unwrap(aws.getRegionOutput())).name).toBe('ap-southeast-2');
    expect((await unwrap(aws.getPartitionOutput())).partition).toBe('aws');
    expect(harness.callsMade.map((c) => c.token)).toEqual([
      'aws:index/getAvailabilityZones:getAvailabilityZones',
      'aws:index/getCallerIdentity:getCallerIdentity',
      'aws:index/getRegion:getRegion',
      'aws:index/getPartition:getPartition',
    ]);
  });

  it('renders policy documents like the provider', async () => {
    const doc = await unwrap(
      aws.iam.getPolicyDocumentOutput({
        statements: [
          { sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
          {
            effect: 'Deny',
            actions: ['sqs:*'],
            resources: ['arn:aws:sqs:ap-southeast-2:1:q'],
            principals: [{ type: '*', identifiers: ['*'] }],
            conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
          },
        ],
      }),
    );
    expect(JSON.parse(doc.json)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        {
          Effect: 'Deny',
          Action: 'sqs:*',
          Resource: 'arn:aws:sqs:ap-southeast-2:1:q',
          Principal: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
  });

  it('throws on an unmocked provider function, naming the token', async () => {
    await expect(unwrap(aws.ec2.getVpcOutput({ default: true }))).rejects.toThrow(
      "Unmocked Pulumi call 'aws:ec2/getVpc:getVpc' with inputs {\"default\":true}",
    );
  });

  it('throws on an SSM parameter that is not a public AMI id', async () => {
    await expect(unwrap(aws.ssm.getParameterOutput({ name: '/app/secret' }))).rejects.toBeInstanceOf(Error);
    const ami = await unwrap(aws.ssm.getParameterOutput({ name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' }));
    expect(ami.value).toMatch(/^ami-0[0-9a-f]{16}$/);
  });

  it('named() refuses ambiguous or missing names, and narrows by type', async () => {
    expect(() => harness.named('nothing')).toThrow("Expected exactly one resource named 'nothing', found 0");
    new aws.sqs.Queue('twin', {});
    new aws.sns.Topic('twin', {});
    await harness.settle();
    expect(() => harness.named('twin')).toThrow("Expected exactly one resource named 'twin', found 2");
    expect(harness.named('twin', 'aws:sns/topic:Topic').type).toBe('aws:sns/topic:Topic');
  });

  it('exposes UnmockedCallError for callers that want to match on it', () => {
    const err = new UnmockedCallError('aws:x/y:z', { a: 1 });
    expect(err.token).toBe('aws:x/y:z');
    expect(err.message).toContain("setupMockHarness({ calls: { 'aws:x/y:z': … } })");
  });
});

describe('setupMockHarness options', () => {
  it('lets a test replace a resource mock', async () => {
    const custom = await setupMockHarness({
      resources: { 'aws:ec2/vpc:Vpc': (req) => ({ id: 'vpc-custom', state: { ...req.inputs, arn: 'arn:custom' } }) },
      calls: { 'aws:ec2/getVpc:getVpc': () => ({ id: 'vpc-default', cidrBlock: '172.31.0.0/16' }) },
    });
    const vpc = new aws.ec2.Vpc('v', { cidrBlock: '10.1.0.0/16' });
    expect(await unwrap(vpc.id)).toBe('vpc-custom');
    expect(await unwrap(vpc.arn)).toBe('arn:custom');
    expect((await unwrap(aws.ec2.getVpcOutput({ default: true }))).cidrBlock).toBe('172.31.0.0/16');
    await custom.settle();
    expect(custom.ofType('aws:ec2/vpc:Vpc')).toHaveLength(1);
  });
});
