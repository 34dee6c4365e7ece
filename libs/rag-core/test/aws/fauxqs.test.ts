import { buffer } from 'node:stream/consumers';
import { S3Client } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../src/aws/s3-blob-store.js';
import { SqsJobQueue } from '../../src/aws/sqs-job-queue.js';
import { BlobNotFoundError } from '../../src/errors.js';
import { fakeCredentials } from './http-fake.js';

// S3 and SQS through fauxqs (an in-process S3/SQS emulator on a local port) with the real SDK
// clients: the wire protocols (REST-XML S3 with path-style addressing, SQS JSON) end to end.

let server: FauxqsServer;
let s3: S3Client;
let sqs: SQSClient;

beforeAll(async () => {
  server = await startFauxqs({ port: 0, logger: false });
  const endpoint = `http://127.0.0.1:${server.port}`;
  s3 = new S3Client({ region: 'ap-southeast-2', endpoint, forcePathStyle: true, credentials: fakeCredentials });
  sqs = new SQSClient({ region: 'ap-southeast-2', endpoint, credentials: fakeCredentials });
  server.createBucket('documents');
});

afterAll(async () => {
  s3?.destroy();
  sqs?.destroy();
  await server?.stop();
});

describe('S3BlobStore on fauxqs', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n0123456789abcdef\n%%EOF\n');
  const key = 'sessions/s1/documents/d1.pdf';

  it('puts, reads whole and by range, and deletes', async () => {
    const store = new S3BlobStore({ client: s3, bucket: 'documents' });
    await store.ping();
    await store.put(key, pdf, { contentType: 'application/pdf' });
    expect(await store.getBytes(key)).toEqual(pdf);

    const whole = await store.read(key);
    expect(whole.size).toBe(pdf.length);
    expect(await buffer(whole.stream)).toEqual(Buffer.from(pdf));

    const part = await store.read(key, { start: 9, end: 18 });
    expect(part.size).toBe(pdf.length);
    expect(part.range).toEqual({ start: 9, end: 18 });
    expect((await buffer(part.stream)).toString()).toBe('0123456789');

    await store.delete(key);
    await expect(store.getBytes(key)).rejects.toEqual(new BlobNotFoundError(key));
    await store.delete(key);
  });

  it('maps a missing key to BlobNotFoundError and a missing bucket to a failed ping', async () => {
    const store = new S3BlobStore({ client: s3, bucket: 'documents' });
    await expect(store.read('nope.pdf', { start: 0, end: 3 })).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(new S3BlobStore({ client: s3, bucket: 'no-such-bucket' }).ping()).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });
});

describe('SqsJobQueue on fauxqs', () => {
  const message = {
    jobId: '5d2c6a1e-3f4b-4c8d-9e0f-1a2b3c4d5e6f',
    documentId: '0b6f3f5e-2f7c-4c1e-9a51-8f7f0c1d2e3a',
    sessionId: '9f1c2b7e-8a3d-4c5e-9f60-7a8b9c0d1e2f',
    key: 'sessions/9f1c2b7e/documents/0b6f3f5e.pdf',
    size: 4_321,
  };

  it('sends a JobMessage a consumer receives as the same JSON', async () => {
    const { queueUrl } = server.createQueue('jobs');
    const queue = new SqsJobQueue({ client: sqs, queueUrl });
    await queue.ping();
    await queue.send(message);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    expect(received.Messages?.map((m) => JSON.parse(m.Body ?? ''))).toEqual([message]);
  });

  it('gives a received message back at once with changeVisibility(receipt, 0)', async () => {
    const { queueUrl } = server.createQueue('give-back', { attributes: { VisibilityTimeout: '1800' } });
    const queue = new SqsJobQueue({ client: sqs, queueUrl });
    await queue.send(message);
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    const receipt = first.Messages?.[0]?.ReceiptHandle ?? '';
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages ?? []).toEqual([]);
    await queue.changeVisibility(receipt, 0);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(again.Messages?.map((m) => [JSON.parse(m.Body ?? ''), m.Attributes?.ApproximateReceiveCount])).toEqual([[message, '2']]);
  });

  it('fails ping and send for a queue that does not exist', async () => {
    const queueUrl = `http://127.0.0.1:${server.port}/000000000000/missing`;
    const queue = new SqsJobQueue({ client: sqs, queueUrl });
    await expect(queue.ping()).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
    await expect(queue.send(message)).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });
});
