import * as pulumi from '@pulumi/pulumi';
import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DocumentProcessor, type DocumentProcessorArgs } from './document-processor.js';
import { resolveProcessorSettings } from './document-processor.defaults.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const queueArn = 'arn:aws:sqs:ap-southeast-2:123456789012:student-helper-dev-jobs';
const roleArn = 'arn:aws:iam::123456789012:role/student-helper-dev-processor';
const imageUri = '123456789012.dkr.ecr.ap-southeast-2.amazonaws.com/student-helper-dev-processor:3f2c1ab';
const base = {
  roleArn,
  queueArn,
  subnetIds: ['subnet-lambda'],
  securityGroupIds: ['sg-lambda'],
  environment: { DOCUMENTS_BUCKET: 'student-helper-dev-documents-a1b2c3d4', EMBEDDING_MODEL_ID: 'amazon.titan-embed-text-v2:0' },
  tags,
};
const image: DocumentProcessorArgs = { ...base, packageType: 'Image', imageUri };
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('DocumentProcessor', () => {
  it('creates exactly a log group, the function and the SQS event source mapping', async () => {
    const processor = new DocumentProcessor('processor', image);
    const children = await harness.descendantsOf(processor);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:cloudwatch/logGroup:LogGroup processor-logs',
      'aws:lambda/eventSourceMapping:EventSourceMapping processor-queue',
      'aws:lambda/function:Function processor',
    ]);
  });

  it('runs the ECR image in the VPC with the dev sizing: 512 MB, 300 s, 10 reserved, JSON logs into its own group', async () => {
    await harness.descendantsOf(new DocumentProcessor('processor', image));
    expect(harness.named('processor', 'aws:lambda/function:Function').inputs).toEqual({
      packageType: 'Image',
      imageUri,
      role: roleArn,
      memorySize: 512,
      timeout: 300,
      reservedConcurrentExecutions: 10,
      architectures: ['x86_64'],
      vpcConfig: { subnetIds: ['subnet-lambda'], securityGroupIds: ['sg-lambda'] },
      environment: { variables: base.environment },
      loggingConfig: { logFormat: 'JSON', logGroup: '/aws/lambda/processor' },
      tags: { ...tags, Name: 'processor' },
    });
    expect(harness.named('processor-logs').inputs).toEqual({ name: '/aws/lambda/processor', retentionInDays: 30, tags: { ...tags, Name: 'processor-logs' } });
  });

  it('consumes the queue one message at a time, without a batching window, reporting item failures', async () => {
    await harness.descendantsOf(new DocumentProcessor('processor', image));
    const fn = harness.named('processor', 'aws:lambda/function:Function');
    expect(harness.named('processor-queue').inputs).toEqual({
      eventSourceArn: queueArn,
      functionName: fn.state['arn'],
      batchSize: 1,
      maximumBatchingWindowInSeconds: 0,
      functionResponseTypes: ['ReportBatchItemFailures'],
      scalingConfig: { maximumConcurrency: 10 },
      enabled: true,
      tags: { ...tags, Name: 'processor-queue' },
    });
  });

  it('takes the prod memory (1024 MB) and a zip package with a Node handler', async () => {
    const code = new pulumi.asset.AssetArchive({ 'index.mjs': new pulumi.asset.StringAsset('export const handler = async () => ({ batchItemFailures: [] });') });
    const processor = new DocumentProcessor('processor', {
      ...base,
      packageType: 'Zip',
      code,
      handler: 'index.handler',
      runtime: 'nodejs20.x',
      memorySize: 1024,
      functionName: 'student-helper-prod-processor',
      architecture: 'arm64',
    });
    await harness.descendantsOf(processor);
    const inputs = harness.named('processor', 'aws:lambda/function:Function').inputs;
    expect([inputs['packageType'], inputs['handler'], inputs['runtime'], inputs['memorySize'], inputs['name'], inputs['architectures']]).toEqual([
      'Zip',
      'index.handler',
      'nodejs20.x',
      1024,
      'student-helper-prod-processor',
      ['arm64'],
    ]);
    expect(inputs['imageUri']).toBeUndefined();
    expect(inputs['code']).toBeDefined();
    expect(await unwrap(processor.functionName)).toBe('student-helper-prod-processor');
  });

  it('defaults the zip runtime to nodejs22.x and takes Output environment values', async () => {
    await harness.descendantsOf(
      new DocumentProcessor('processor', {
        ...base,
        environment: { QUEUE_URL: pulumi.output('https://sqs.ap-southeast-2.amazonaws.com/123456789012/student-helper-dev-jobs') },
        packageType: 'Zip',
        code: new pulumi.asset.AssetArchive({}),
        handler: 'dist/main.handler',
      }),
    );
    const inputs = harness.named('processor', 'aws:lambda/function:Function').inputs;
    expect(inputs['runtime']).toBe('nodejs22.x');
    expect(inputs['environment']).toEqual({ variables: { QUEUE_URL: 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/student-helper-dev-jobs' } });
  });

  it('exposes the function, log group and mapping', async () => {
    const processor = new DocumentProcessor('processor', image);
    await harness.descendantsOf(processor);
    const fn = harness.named('processor', 'aws:lambda/function:Function');
    const mapping = harness.named('processor-queue');
    expect(await unwrap(processor.functionArn)).toBe(fn.state['arn']);
    expect(await unwrap(processor.functionName)).toBe(fn.id);
    expect(await unwrap(processor.logGroupName)).toBe('/aws/lambda/processor');
    expect(await unwrap(processor.logGroupArn)).toBe('arn:aws:logs:ap-southeast-2:123456789012:log-group:/aws/lambda/processor');
    expect(await unwrap(processor.eventSourceMappingId)).toBe(mapping.id);
    expect(await unwrap(processor.eventSourceMappingArn)).toBe(`arn:aws:lambda:ap-southeast-2:123456789012:event-source-mapping:${mapping.id}`);
    expect(processor.timeout).toBe(300);
  });

  it('rejects bad sizing, packages and environment keys, naming the arg', () => {
    const bad = (args: Partial<DocumentProcessorArgs>) => () => new DocumentProcessor('bad', { ...image, ...args } as DocumentProcessorArgs);
    expect(bad({ memorySize: 64 })).toThrow('memorySize must be an integer from 128 to 10240, got 64');
    expect(bad({ memorySize: 20_000 })).toThrow('memorySize must be an integer from 128 to 10240, got 20000');
    expect(bad({ timeout: 901 })).toThrow('timeout must be an integer from 1 to 900, got 901');
    expect(bad({ reservedConcurrentExecutions: 1 })).toThrow('reservedConcurrentExecutions must be an integer from 2 to 1000, got 1');
    expect(bad({ logRetentionInDays: 0 })).toThrow('logRetentionInDays must be one of 1, 3, 5');
    expect(bad({ architecture: 'x86' as 'arm64' })).toThrow('architecture must be one of x86_64, arm64, got "x86"');
    expect(bad({ environment: { AWS_REGION: 'ap-southeast-2' } })).toThrow('environment must not set AWS_REGION: Lambda reserves it');
    expect(bad({ environment: { 'bad-key': 'x' } })).toThrow('environment must be keys starting with a letter, then letters, digits and underscores, got "bad-key"');
    expect(bad({ imageUri: 'docker.io/library/node:22' })).toThrow(
      'imageUri must be an ECR image URI with a tag or digest (<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>), got "docker.io/library/node:22"',
    );
    expect(bad({ imageUri: '123456789012.dkr.ecr.ap-southeast-2.amazonaws.com/processor' })).toThrow('imageUri must be an ECR image URI with a tag or digest');
    const zip = { ...base, packageType: 'Zip' as const, code: new pulumi.asset.AssetArchive({}) };
    expect(() => new DocumentProcessor('z1', { ...zip, handler: 'index' })).toThrow('handler must be file.export such as index.handler, got "index"');
    expect(() => new DocumentProcessor('z2', { ...zip, handler: 'index.handler', runtime: 'python3.11' as 'nodejs22.x' })).toThrow(
      'runtime must be one of nodejs20.x, nodejs22.x, got "python3.11"',
    );
    expect(() => new DocumentProcessor('z3', { ...base, packageType: 'Jar' } as unknown as DocumentProcessorArgs)).toThrow('packageType must be Image or Zip, got "Jar"');
  });

  it('resolves the seed defaults', () => {
    expect(resolveProcessorSettings({})).toEqual({ memorySize: 512, timeout: 300, reservedConcurrentExecutions: 10, architecture: 'x86_64', logRetentionInDays: 30 });
  });

  it('passes the stack policies (its log group has a retention and is the one it writes to)', async () => {
    await harness.descendantsOf(new DocumentProcessor('processor', image));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
