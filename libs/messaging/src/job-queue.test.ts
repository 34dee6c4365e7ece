import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobQueue } from './job-queue.js';
import { resolveQueueTimings, tlsOnlyQueuePolicy } from './job-queue.defaults.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('resolveQueueTimings', () => {
  it('defaults to 6x the consumer timeout, 5 receives, 14 days (correction 4)', () => {
    expect(resolveQueueTimings({})).toEqual({ visibilityTimeoutSeconds: 1800, maxReceiveCount: 5, messageRetentionSeconds: 1_209_600 });
    expect(resolveQueueTimings({ consumerTimeoutSeconds: 60 }).visibilityTimeoutSeconds).toBe(360);
  });

  it("keeps the seed's 360 s / 3 expressible", () => {
    expect(resolveQueueTimings({ visibilityTimeoutSeconds: 360, maxReceiveCount: 3 })).toEqual({
      visibilityTimeoutSeconds: 360,
      maxReceiveCount: 3,
      messageRetentionSeconds: 1_209_600,
    });
  });

  it('refuses a visibility timeout below the consumer timeout and out-of-range values', () => {
    expect(() => resolveQueueTimings({ visibilityTimeoutSeconds: 299 })).toThrow(
      'visibilityTimeoutSeconds (299) must be at least the consumer timeout (300); AWS recommends 1800',
    );
    expect(() => resolveQueueTimings({ maxReceiveCount: 0 })).toThrow('maxReceiveCount must be an integer from 1 to 1000, got 0');
    expect(() => resolveQueueTimings({ messageRetentionSeconds: 1_209_601 })).toThrow('messageRetentionSeconds must be an integer from 60 to 1209600');
    expect(() => resolveQueueTimings({ consumerTimeoutSeconds: 901 })).toThrow('consumerTimeoutSeconds must be an integer from 1 to 900');
    expect(() => resolveQueueTimings({ visibilityTimeoutSeconds: 1800.5 })).toThrow('visibilityTimeoutSeconds must be an integer');
  });
});

describe('JobQueue', () => {
  it('creates the queue, the DLQ, the redrive-allow policy and two TLS-only policies', async () => {
    const jobs = new JobQueue('jobs', { tags });
    const children = await harness.descendantsOf(jobs);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:sqs/queue:Queue jobs',
      'aws:sqs/queue:Queue jobs-dlq',
      'aws:sqs/queuePolicy:QueuePolicy jobs-dlq-tls-only',
      'aws:sqs/queuePolicy:QueuePolicy jobs-tls-only',
      'aws:sqs/redriveAllowPolicy:RedriveAllowPolicy jobs-dlq-redrive-allow',
    ]);
  });

  it('sets the main queue exactly: 1800 s visibility, 14 days, long polling, SSE, redrive after 5', async () => {
    const jobs = new JobQueue('jobs', { tags });
    await harness.descendantsOf(jobs);
    const dlq = harness.named('jobs-dlq');
    expect(harness.named('jobs', 'aws:sqs/queue:Queue').inputs).toEqual({
      visibilityTimeoutSeconds: 1800,
      messageRetentionSeconds: 1_209_600,
      receiveWaitTimeSeconds: 20,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.state['arn'], maxReceiveCount: 5 }),
      sqsManagedSseEnabled: true,
      tags: { ...tags, Name: 'jobs' },
    });
    expect(dlq.inputs).toEqual({ messageRetentionSeconds: 1_209_600, sqsManagedSseEnabled: true, tags: { ...tags, Name: 'jobs-dlq' } });
    expect(jobs.visibilityTimeoutSeconds).toBe(1800);
    expect(jobs.maxReceiveCount).toBe(5);
  });

  it('lets only the main queue redrive into the DLQ, and denies plain HTTP on both', async () => {
    const jobs = new JobQueue('jobs', { tags });
    await harness.descendantsOf(jobs);
    const queue = harness.named('jobs', 'aws:sqs/queue:Queue');
    const dlq = harness.named('jobs-dlq');
    expect(harness.named('jobs-dlq-redrive-allow').inputs).toEqual({
      queueUrl: dlq.id,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [queue.state['arn']] }),
    });
    expect(harness.named('jobs-tls-only').inputs).toEqual({ queueUrl: queue.id, policy: tlsOnlyQueuePolicy(String(queue.state['arn'])) });
    expect(harness.named('jobs-dlq-tls-only').inputs).toEqual({ queueUrl: dlq.id, policy: tlsOnlyQueuePolicy(String(dlq.state['arn'])) });
    expect(JSON.parse(tlsOnlyQueuePolicy('arn:aws:sqs:ap-southeast-2:1:q'))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'HttpsOnly',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sqs:*',
          Resource: 'arn:aws:sqs:ap-southeast-2:1:q',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
  });

  it("expresses the seed's 360 s / 3 and a customer-managed key", async () => {
    await harness.descendantsOf(
      new JobQueue('seed', { visibilityTimeoutSeconds: 360, maxReceiveCount: 3, kmsMasterKeyId: 'alias/jobs', tags }),
    );
    const queue = harness.named('seed', 'aws:sqs/queue:Queue');
    expect(queue.inputs).toMatchObject({ visibilityTimeoutSeconds: 360, kmsMasterKeyId: 'alias/jobs' });
    expect(queue.inputs['sqsManagedSseEnabled']).toBeUndefined();
    expect(JSON.parse(String(queue.inputs['redrivePolicy']))['maxReceiveCount']).toBe(3);
    expect(harness.named('seed-dlq').inputs).toMatchObject({ kmsMasterKeyId: 'alias/jobs' });
  });

  it('exposes flat outputs', async () => {
    const jobs = new JobQueue('jobs', { tags });
    await harness.descendantsOf(jobs);
    const queue = harness.named('jobs', 'aws:sqs/queue:Queue');
    const dlq = harness.named('jobs-dlq');
    expect(await unwrap(jobs.queueArn)).toBe(queue.state['arn']);
    expect(await unwrap(jobs.queueUrl)).toBe(queue.id);
    expect(await unwrap(jobs.queueName)).toBe(queue.state['name']);
    expect(await unwrap(jobs.dlqArn)).toBe(dlq.state['arn']);
    expect(await unwrap(jobs.dlqUrl)).toBe(dlq.id);
    expect(await unwrap(jobs.dlqName)).toBe(dlq.state['name']);
  });

  it('validates before creating anything', () => {
    expect(() => new JobQueue('bad', { consumerTimeoutSeconds: 300, visibilityTimeoutSeconds: 100 })).toThrow('must be at least the consumer timeout');
  });

  it('passes the stack policies', async () => {
    await harness.descendantsOf(new JobQueue('jobs', { tags }));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
