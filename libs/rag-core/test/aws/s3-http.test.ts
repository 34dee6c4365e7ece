import { buffer } from 'node:stream/consumers';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../src/aws/s3-blob-store.js';
import { fakeCredentials, startHttpFake, type FakeResponse, type HttpFake, type RecordedRequest } from './http-fake.js';

// The S3 headers the blob store puts on the wire (fauxqs accepts but does not model SSE).

let fake: HttpFake;
let client: S3Client;
let reply: (request: RecordedRequest, response: FakeResponse) => void = () => undefined;
const kmsKeyId = 'arn:aws:kms:ap-southeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

beforeAll(async () => {
  fake = await startHttpFake((req, res) => reply(req, res));
  client = new S3Client({ region: 'ap-southeast-2', endpoint: fake.endpoint, forcePathStyle: true, credentials: fakeCredentials, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe('S3BlobStore headers over HTTP', () => {
  it('puts with the SSE-KMS, bucket key and content-type headers', async () => {
    reply = (_req, res) => {
      res.writeHead(200, { etag: '"abc"' });
      res.end();
    };
    await new S3BlobStore({ client, bucket: 'docs', encryption: { type: 'aws:kms', kmsKeyId } }).put('a/b.pdf', new Uint8Array([37, 80, 68, 70]), { contentType: 'application/pdf' });
    const [sent] = fake.requests;
    expect([sent?.method, sent?.path.split('?')[0]]).toEqual(['PUT', '/docs/a/b.pdf']);
    expect(sent?.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': '4',
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': kmsKeyId,
      'x-amz-server-side-encryption-bucket-key-enabled': 'true',
    });
    expect(sent?.body).toEqual(Buffer.from('%PDF'));
  });

  it('puts with AES256 by default', async () => {
    reply = (_req, res) => {
      res.writeHead(200, { etag: '"abc"' });
      res.end();
    };
    await new S3BlobStore({ client, bucket: 'docs' }).put('x.bin', new Uint8Array([1]));
    expect(fake.requests[0]?.headers).toMatchObject({ 'x-amz-server-side-encryption': 'AES256', 'content-type': 'application/octet-stream' });
  });

  it('reads a range with the Range header and the size from Content-Range', async () => {
    reply = (_req, res) => {
      res.writeHead(206, { 'content-range': 'bytes 100-103/5000', 'content-length': '4', 'content-type': 'application/pdf' });
      res.end('wxyz');
    };
    const result = await new S3BlobStore({ client, bucket: 'docs' }).read('a/b.pdf', { start: 100, end: 103 });
    expect(fake.requests[0]?.headers['range']).toBe('bytes=100-103');
    expect(result.size).toBe(5_000);
    expect(result.range).toEqual({ start: 100, end: 103 });
    expect((await buffer(result.stream)).toString()).toBe('wxyz');
  });

  it('maps a 416 InvalidRange to a RangeError', async () => {
    reply = (_req, res) => {
      res.writeHead(416, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidRange</Code><Message>The requested range is not satisfiable</Message></Error>');
    };
    await expect(new S3BlobStore({ client, bucket: 'docs' }).read('a/b.pdf', { start: 9_000, end: 9_100 })).rejects.toThrow(
      new RangeError('Range bytes=9000-9100 starts past the end of a/b.pdf.'),
    );
  });
});
