import { ChangeMessageVisibilityCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { JobMessage } from '@student-helper/shared-types';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsJobQueue } from './sqs-job-queue.js';

const client = new SQSClient({ region: 'ap-southeast-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const sqs = mockClient(client);
const queueUrl = 'https://sqs.ap-southeast-2.amazonaws.com/111122223333/student-helper-dev-jobs';
const message: JobMessage = {
  jobId: '5d2c6a1e-3f4b-4c8d-9e0f-1a2b3c4d5e6f',
  documentId: '0b6f3f5e-2f7c-4c1e-9a51-8f7f0c1d2e3a',
  sessionId: '9f1c2b7e-8a3d-4c5e-9f60-7a8b9c0d1e2f',
  key: 'sessions/9f1c2b7e/documents/0b6f3f5e.pdf',
  size: 123_456,
};

beforeEach(() => {
  sqs.reset();
});

describe('SqsJobQueue', () => {
  it('sends the job as its JSON body', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    await new SqsJobQueue({ client, queueUrl }).send(message);
    expect(sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input)).toEqual([{ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }]);
  });

  it('refuses a message that is not a JobMessage, naming the field', async () => {
    const queue = new SqsJobQueue({ client, queueUrl });
    await expect(queue.send({ ...message, jobId: 'not-a-uuid' })).rejects.toThrow('Not a JobMessage: /jobId must match format "uuid".');
    await expect(queue.send({ ...message, size: -1 })).rejects.toThrow('Not a JobMessage: /size must be >= 0.');
    await expect(queue.send({ ...message, extra: true } as JobMessage)).rejects.toThrow('Not a JobMessage: / must not have additional properties (extra).');
    await expect(queue.send(null as unknown as JobMessage)).rejects.toThrow('Not a JobMessage: / must be object.');
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('passes a send failure through', async () => {
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('The specified queue does not exist.'), { name: 'QueueDoesNotExist' }));
    await expect(new SqsJobQueue({ client, queueUrl }).send(message)).rejects.toThrow('The specified queue does not exist.');
  });

  it('pings with GetQueueAttributes', async () => {
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: 'arn:aws:sqs:ap-southeast-2:111122223333:student-helper-dev-jobs' } });
    await new SqsJobQueue({ client, queueUrl }).ping();
    expect(sqs.commandCalls(GetQueueAttributesCommand)[0]?.args[0].input).toEqual({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] });
  });

  it('changes a received message\'s visibility by its receipt handle', async () => {
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const queue = new SqsJobQueue({ client, queueUrl });
    await queue.changeVisibility('AQEB-receipt==', 30);
    await queue.changeVisibility('AQEB-receipt==', 0);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: queueUrl, ReceiptHandle: 'AQEB-receipt==', VisibilityTimeout: 30 },
      { QueueUrl: queueUrl, ReceiptHandle: 'AQEB-receipt==', VisibilityTimeout: 0 },
    ]);
  });

  it('refuses a visibility SQS cannot take or an empty receipt, and passes SQS\'s refusal through', async () => {
    const queue = new SqsJobQueue({ client, queueUrl });
    await expect(queue.changeVisibility('r', 43_201)).rejects.toThrow('seconds must be an integer from 0 to 43200, got 43201.');
    await expect(queue.changeVisibility('r', 1.5)).rejects.toThrow('seconds must be an integer from 0 to 43200, got 1.5.');
    await expect(queue.changeVisibility('', 0)).rejects.toThrow('receiptHandle must be a non-empty string.');
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(0);
    sqs.on(ChangeMessageVisibilityCommand).rejects(Object.assign(new Error('The input receipt handle is invalid.'), { name: 'ReceiptHandleIsInvalid' }));
    await expect(queue.changeVisibility('stale', 0)).rejects.toMatchObject({ name: 'ReceiptHandleIsInvalid' });
  });

  it('rejects an incomplete configuration', () => {
    expect(() => new SqsJobQueue({ client, queueUrl: '' })).toThrow('queueUrl must be a non-empty string.');
    expect(() => new SqsJobQueue({ queueUrl })).toThrow('region must be a non-empty string.');
  });
});
