import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppConfigSecret } from './app-config-secret.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('AppConfigSecret', () => {
  it('creates the secret with the seed path and an empty first version', async () => {
    const secret = new AppConfigSecret('app-config', { secretName: 'student-helper/dev/app-config', tags });
    const children = await harness.descendantsOf(secret);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:secretsmanager/secret:Secret app-config',
      'aws:secretsmanager/secretVersion:SecretVersion app-config-initial',
    ]);
    const resource = harness.named('app-config', 'aws:secretsmanager/secret:Secret');
    expect(resource.inputs).toEqual({
      name: 'student-helper/dev/app-config',
      description: 'Student Helper application configuration (third-party credentials); populated after deployment',
      recoveryWindowInDays: 7,
      tags: { ...tags, Name: 'app-config' },
    });
    expect(harness.named('app-config-initial').inputs).toEqual({ secretId: resource.id, secretString: '{}' });
    expect(await unwrap(secret.secretArn)).toBe(resource.state['arn']);
    expect(await unwrap(secret.secretName)).toBe('student-helper/dev/app-config');
    expect(await unwrap(secret.secretArn)).toMatch(/^arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:student-helper\/dev\/app-config-[A-Z0-9]{6}$/);
  });

  it('passes a customer-managed key through', async () => {
    await harness.descendantsOf(new AppConfigSecret('kms', { kmsKeyId: 'arn:aws:kms:ap-southeast-2:123456789012:key/abc', recoveryWindowInDays: 30, tags }));
    expect(harness.named('kms', 'aws:secretsmanager/secret:Secret').inputs).toMatchObject({
      kmsKeyId: 'arn:aws:kms:ap-southeast-2:123456789012:key/abc',
      recoveryWindowInDays: 30,
    });
  });

  it('refuses a recovery window AWS does not accept', () => {
    expect(() => new AppConfigSecret('bad', { recoveryWindowInDays: 3 })).toThrow('recoveryWindowInDays must be an integer from 7 to 30, got 3');
  });

  it('passes the stack policies', async () => {
    await harness.descendantsOf(new AppConfigSecret('app-config', { tags }));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
