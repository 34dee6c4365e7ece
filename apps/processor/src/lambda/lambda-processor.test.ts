import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileBlobStore } from '@student-helper/rag-core/local';
import { ConfigError } from '@student-helper/runtime';
import { expectedCounts, keysFor, openHarness, type Harness } from '@student-helper/ingestion/testing';
import { RecordingLogger, sqsEvent, sqsRecord } from '../../test/lambda/sqs-event.js';
import { startLambdaProcessor, type LambdaProcessor } from './lambda-processor.js';

const queueUrl = 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/student-helper-dev-jobs';
/** What the infra gives the processor, less what the harness replaces (database, blob store); vectors in the harness's pgvector. */
const lambdaEnv = {
  AWS_REGION: 'ap-southeast-2',
  QUEUE: 'sqs',
  SQS_QUEUE_URL: queueUrl,
  QUEUE_MAX_RECEIVE_COUNT: '2',
  PGLITE_DIR: 'memory://',
};
const sqs = mockClient(SQSClient);

/** The harness's files, with reads of chosen keys failing like a dropped connection. */
class FlakyBlobStore extends FileBlobStore {
  readonly failing = new Set<string>();
  override async getBytes(key: string): Promise<Uint8Array> {
    if (this.failing.has(key)) throw new Error('socket hang up');
    return super.getBytes(key);
  }
}
let blobs: FlakyBlobStore;

let harness: Harness;
beforeAll(async () => {
  harness = await openHarness();
  blobs = new FlakyBlobStore(harness.blobRoot);
});
afterAll(async () => {
  sqs.restore();
  await harness?.close();
});
beforeEach(() => {
  sqs.reset();
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
});

function start(env: Record<string, string> = lambdaEnv): { processor: LambdaProcessor; log: RecordingLogger } {
  const log = new RecordingLogger();
  const processor = startLambdaProcessor(env, {
    log,
    cwd: '/var/task',
    overrides: { database: harness.config, blobs },
  });
  return { processor, log };
}

describe('startLambdaProcessor', () => {
  it('processes SQS events with the configured services and gives failures back through SQS ChangeMessageVisibility', async () => {
    const { processor } = start();
    try {
      expect(processor.config.queue).toEqual({ kind: 'sqs', queueUrl, maxReceiveCount: 2 });
      const good = await harness.uploadFile('real', 'alphatrans.pdf');
      const missingFile = await harness.uploadFile('real', 'alphatrans.pdf');
      await harness.blobs.delete(missingFile.key);
      const event = sqsEvent(
        sqsRecord(JSON.stringify(good), { messageId: 'good' }),
        sqsRecord('{"jobId":', { messageId: 'poison', receiptHandle: 'receipt-poison' }),
        sqsRecord(JSON.stringify(missingFile), { messageId: 'missing-file' }),
      );

      expect(await processor.handle(event, 300_000)).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }] });

      const counts = await expectedCounts('real', 'alphatrans.pdf');
      expect(await harness.storedKeys(good.documentId)).toEqual({ chunkKeys: keysFor(good.documentId, counts.chunkCount), vectorKeys: keysFor(good.documentId, counts.chunkCount) });
      expect((await harness.documents.findForProcessing(missingFile.documentId))?.status).toBe('failed');
      expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input)).toEqual([
        { QueueUrl: queueUrl, ReceiptHandle: 'receipt-poison', VisibilityTimeout: 0 },
      ]);
    } finally {
      await processor.close();
    }
  });

  it('takes maxReceiveCount from QUEUE_MAX_RECEIVE_COUNT: the second receive of a failing job is its last', async () => {
    const { processor, log } = start();
    try {
      const message = await harness.uploadFile('real', 'alphatrans.pdf');
      blobs.failing.add(message.key);
      const receive = (receiveCount: number) =>
        processor.handle(sqsEvent(sqsRecord(JSON.stringify(message), { messageId: 'm', receiveCount, receiptHandle: `r${receiveCount}` })), 300_000);

      expect([await receive(1), await receive(2)]).toEqual([{ batchItemFailures: [{ itemIdentifier: 'm' }] }, { batchItemFailures: [{ itemIdentifier: 'm' }] }]);
      expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input)).toEqual([
        { QueueUrl: queueUrl, ReceiptHandle: 'r1', VisibilityTimeout: 30 },
        { QueueUrl: queueUrl, ReceiptHandle: 'r2', VisibilityTimeout: 0 },
      ]);
      expect((await harness.documents.findForProcessing(message.documentId))?.status).toBe('failed');
      expect(log.entries.filter((entry) => entry.message === 'message given back to the queue').map((entry) => entry.fields['lastAttempt'])).toEqual([false, true]);
    } finally {
      blobs.failing.clear();
      await processor.close();
    }
  });

  it('fails the invocation when the services cannot start, and tries again on the next one', async () => {
    const log = new RecordingLogger();
    const processor = startLambdaProcessor(lambdaEnv, {
      log,
      visibility: { changeVisibility: async () => undefined },
      overrides: { database: { kind: 'pg', connectionString: 'postgres://postgres@127.0.0.1:1/nowhere' } },
    });
    const event = sqsEvent(sqsRecord('{}', { messageId: 'm' }));
    const refused = 'Could not open PostgreSQL at postgres://postgres@127.0.0.1:1/nowhere: connect ECONNREFUSED 127.0.0.1:1';
    const first = processor.services();
    await expect(processor.handle(event, 300_000)).rejects.toThrow(refused);
    // The failed start is not kept: the next invocation opens the database again.
    const second = processor.services();
    expect(second).not.toBe(first);
    await expect(processor.handle(event, 300_000)).rejects.toThrow(refused);
    expect(log.entries.map((entry) => [entry.level, entry.message, entry.fields['records']])).toEqual([
      ['error', 'the processor could not start; the batch goes back to the queue', 1],
      ['error', 'the processor could not start; the batch goes back to the queue', 1],
    ]);
    await processor.close();
  });

  it('refuses a configuration that is not the SQS-fed Lambda, naming the variables', () => {
    expect(() => startLambdaProcessor({ PGLITE_DIR: 'memory://' })).toThrow(
      new ConfigError([{ key: 'QUEUE', message: 'must be sqs for the processor Lambda (its event source is the SQS queue).' }]),
    );
    try {
      startLambdaProcessor({ QUEUE: 'sqs', QUEUE_MAX_RECEIVE_COUNT: 'five' });
      expect.unreachable('an incomplete configuration was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).keys).toEqual(['QUEUE_MAX_RECEIVE_COUNT', 'SQS_QUEUE_URL', 'AWS_REGION']);
    }
  });
});
