import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ContainerRepository } from './container-repository.js';
import { lifecyclePolicy } from './container-repository.defaults.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const repositoryName = 'student-helper-dev-processor';
const repositoryArn = `arn:aws:ecr:ap-southeast-2:123456789012:repository/${repositoryName}`;
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('ContainerRepository', () => {
  it('creates exactly the repository, its lifecycle policy and the Lambda pull policy', async () => {
    const repo = new ContainerRepository('processor', { repositoryName, tags });
    const children = await harness.descendantsOf(repo);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:ecr/lifecyclePolicy:LifecyclePolicy processor-lifecycle',
      'aws:ecr/repository:Repository processor',
      'aws:ecr/repositoryPolicy:RepositoryPolicy processor-lambda-pull',
    ]);
  });

  it('scans on push, encrypts with AES256, makes tags immutable and never force-deletes by default', async () => {
    await harness.descendantsOf(new ContainerRepository('processor', { repositoryName, tags }));
    expect(harness.named('processor', 'aws:ecr/repository:Repository').inputs).toEqual({
      name: repositoryName,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfigurations: [{ encryptionType: 'AES256' }],
      forceDelete: false,
      tags: { ...tags, Name: 'processor' },
    });
  });

  it('keeps the last five images', async () => {
    await harness.descendantsOf(new ContainerRepository('processor', { repositoryName, tags }));
    const lifecycle = harness.named('processor-lifecycle').inputs;
    expect(lifecycle['repository']).toBe(repositoryName);
    expect(JSON.parse(String(lifecycle['policy']))).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: 'Keep the last 5 images',
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 5 },
          action: { type: 'expire' },
        },
      ],
    });
  });

  it("lets only this account's Lambda functions pull, scoped by aws:sourceArn and aws:sourceAccount", async () => {
    await harness.descendantsOf(new ContainerRepository('processor', { repositoryName, lambdaFunctionNamePrefix: 'student-helper-dev-', tags }));
    const pull = harness.named('processor-lambda-pull').inputs;
    expect(pull['repository']).toBe(repositoryName);
    expect(JSON.parse(String(pull['policy']))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'LambdaImagePull',
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          Condition: {
            StringLike: { 'aws:sourceArn': 'arn:aws:lambda:ap-southeast-2:123456789012:function:student-helper-dev-*' },
            StringEquals: { 'aws:sourceAccount': '123456789012' },
          },
        },
      ],
    });
  });

  it('exposes the repository name, ARN, URL and registry', async () => {
    const repo = new ContainerRepository('processor', { repositoryName, tags });
    await harness.descendantsOf(repo);
    expect(await unwrap(repo.repositoryName)).toBe(repositoryName);
    expect(await unwrap(repo.repositoryArn)).toBe(repositoryArn);
    expect(await unwrap(repo.repositoryUrl)).toBe(`123456789012.dkr.ecr.ap-southeast-2.amazonaws.com/${repositoryName}`);
    expect(await unwrap(repo.registryId)).toBe('123456789012');
  });

  it('auto-names in lowercase, and takes KMS, mutable tags, another count and no pull policy', async () => {
    const kmsKeyArn = 'arn:aws:kms:ap-southeast-2:123456789012:key/abcd';
    const repo = new ContainerRepository('Processor', { kmsKeyArn, imageTagMutability: 'MUTABLE', maxImageCount: 10, lambdaPullAccess: false, forceDelete: true, tags });
    const children = await harness.descendantsOf(repo);
    expect(children.map((r) => r.name).sort()).toEqual(['Processor-lifecycle', 'processor']);
    const inputs = harness.named('processor').inputs;
    expect(inputs['encryptionConfigurations']).toEqual([{ encryptionType: 'KMS', kmsKey: kmsKeyArn }]);
    expect(inputs['imageTagMutability']).toBe('MUTABLE');
    expect(inputs['forceDelete']).toBe(true);
    expect(await unwrap(repo.repositoryName)).toMatch(/^processor-[0-9a-f]{7}$/);
    expect(JSON.parse(String(harness.named('Processor-lifecycle').inputs['policy'])).rules[0].selection.countNumber).toBe(10);
  });

  it('rejects a bad image count or function prefix naming the arg', () => {
    expect(() => new ContainerRepository('bad', { maxImageCount: 0 })).toThrow('maxImageCount must be an integer from 1 to 10000, got 0');
    expect(() => lifecyclePolicy(2.5)).toThrow('maxImageCount must be an integer from 1 to 10000, got 2.5');
    expect(() => new ContainerRepository('bad2', { lambdaFunctionNamePrefix: 'dev-*' })).toThrow(
      'lambdaFunctionNamePrefix must be up to 64 letters, digits, hyphens and underscores, got "dev-*"',
    );
  });

  it('passes the stack policies', async () => {
    await harness.descendantsOf(new ContainerRepository('processor', { repositoryName, tags }));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
