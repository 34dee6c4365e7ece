import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/core/serde';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError } from '../errors.js';
import { parseContentRange, S3BlobStore } from './s3-blob-store.js';

const client = new S3Client({ region: 'ap-southeast-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const s3 = mockClient(client);
const Bucket = 'student-helper-dev-documents-a1b2c3';
const key = 'sessions/s1/documents/d1.pdf';
const pdf = new TextEncoder().encode('%PDF-1.7 hello');

function body(bytes: Uint8Array) {
  return sdkStreamMixin(Readable.from([Buffer.from(bytes)]));
}

const store = () => new S3BlobStore({ client, bucket: Bucket });

beforeEach(() => {
  s3.reset();
});

describe('S3BlobStore.put', () => {
  it('writes with SSE-S3, the content type and length', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store().put(key, pdf, { contentType: 'application/pdf' });
    expect(s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket, Key: key, Body: pdf, ContentLength: 14, ContentType: 'application/pdf', ServerSideEncryption: 'AES256' },
    ]);
  });

  it('writes with SSE-KMS, the key and a bucket key, and a default content type', async () => {
    s3.on(PutObjectCommand).resolves({});
    const kmsKeyId = 'arn:aws:kms:ap-southeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await new S3BlobStore({ client, bucket: Bucket, encryption: { type: 'aws:kms', kmsKeyId } }).put(key, pdf);
    await new S3BlobStore({ client, bucket: Bucket, encryption: { type: 'aws:kms', kmsKeyId, bucketKeyEnabled: false } }).put(key, pdf);
    expect(s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket, Key: key, Body: pdf, ContentLength: 14, ContentType: 'application/octet-stream', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId, BucketKeyEnabled: true },
      { Bucket, Key: key, Body: pdf, ContentLength: 14, ContentType: 'application/octet-stream', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId, BucketKeyEnabled: false },
    ]);
  });

  it('rejects an incomplete configuration', () => {
    expect(() => new S3BlobStore({ client, bucket: '' })).toThrow('bucket must be a non-empty string.');
    expect(() => new S3BlobStore({ client, bucket: Bucket, encryption: { type: 'aws:kms', kmsKeyId: '' } })).toThrow('encryption.kmsKeyId must be a non-empty string.');
    expect(() => new S3BlobStore({ client, bucket: Bucket, encryption: { type: 'none' } as never })).toThrow('encryption.type must be "AES256" or "aws:kms", got none.');
    expect(() => new S3BlobStore({ bucket: Bucket })).toThrow('region must be a non-empty string.');
  });
});

describe('S3BlobStore reads', () => {
  it('getBytes returns the whole object', async () => {
    s3.on(GetObjectCommand, { Bucket, Key: key }).resolves({ Body: body(pdf), ContentLength: 14 });
    expect(await store().getBytes(key)).toEqual(pdf);
  });

  it('read streams the whole object with its size', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body(pdf), ContentLength: 14 });
    const result = await store().read(key);
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({ Bucket, Key: key });
    expect(result.size).toBe(14);
    expect(result.range).toBeUndefined();
    expect(await buffer(result.stream)).toEqual(Buffer.from(pdf));
  });

  it('read asks for an inclusive byte range and returns the total size from Content-Range', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body(pdf.subarray(2, 6)), ContentLength: 4, ContentRange: 'bytes 2-5/14' });
    const result = await store().read(key, { start: 2, end: 5 });
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({ Bucket, Key: key, Range: 'bytes=2-5' });
    expect(result).toMatchObject({ size: 14, range: { start: 2, end: 5 } });
    expect((await buffer(result.stream)).toString()).toBe('DF-1');
  });

  it('returns the range S3 actually sent when the end is past the object', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body(pdf.subarray(10)), ContentLength: 4, ContentRange: 'bytes 10-13/14' });
    expect(await store().read(key, { start: 10, end: 1_000 })).toMatchObject({ size: 14, range: { start: 10, end: 13 } });
  });

  it('maps NoSuchKey to BlobNotFoundError for every read', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));
    await expect(store().getBytes(key)).rejects.toEqual(new BlobNotFoundError(key));
    await expect(store().read(key, { start: 0, end: 1 })).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('maps InvalidRange to a RangeError and passes other errors through', async () => {
    const invalidRange = new S3ServiceException({ name: 'InvalidRange', $fault: 'client', message: 'The requested range is not satisfiable', $metadata: { httpStatusCode: 416 } });
    const denied = new S3ServiceException({ name: 'AccessDenied', $fault: 'client', message: 'Access Denied', $metadata: { httpStatusCode: 403 } });
    s3.on(GetObjectCommand).rejectsOnce(invalidRange).rejectsOnce(denied);
    await expect(store().read(key, { start: 100, end: 200 })).rejects.toThrow(new RangeError(`Range bytes=100-200 starts past the end of ${key}.`));
    await expect(store().read(key)).rejects.toBe(denied);
  });

  it('rejects a malformed range before calling S3', async () => {
    await expect(store().read(key, { start: 5, end: 2 })).rejects.toThrow('A byte range needs integers 0 <= start <= end, got 5-2.');
    await expect(store().read(key, { start: -1, end: 2 })).rejects.toThrow('A byte range needs integers 0 <= start <= end, got -1-2.');
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('rejects a response it cannot describe', async () => {
    s3.on(GetObjectCommand).resolvesOnce({ Body: body(pdf) }).resolvesOnce({ Body: body(pdf), ContentRange: 'bytes */14' });
    await expect(store().read(key)).rejects.toThrow(`S3 returned no Content-Length for ${key}.`);
    await expect(store().read(key, { start: 0, end: 1 })).rejects.toThrow(`S3 returned no usable Content-Range for ${key} (got bytes */14).`);
  });
});

describe('S3BlobStore delete and ping', () => {
  it('deletes by key and pings with HeadBucket', async () => {
    s3.on(DeleteObjectCommand).resolves({});
    s3.on(HeadBucketCommand).resolves({});
    await store().delete(key);
    await store().ping();
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({ Bucket, Key: key });
    expect(s3.commandCalls(HeadBucketCommand)[0]?.args[0].input).toEqual({ Bucket });
  });

  it('ping rejects when the bucket is unreachable', async () => {
    s3.on(HeadBucketCommand).rejects(new S3ServiceException({ name: 'NotFound', $fault: 'client', message: 'Not Found', $metadata: { httpStatusCode: 404 } }));
    await expect(store().ping()).rejects.toThrow('Not Found');
  });
});

describe('parseContentRange', () => {
  it('reads start, end and size', () => {
    expect(parseContentRange('bytes 0-99/1234')).toEqual({ start: 0, end: 99, size: 1234 });
    expect(parseContentRange('bytes */1234')).toBeUndefined();
    expect(parseContentRange(undefined)).toBeUndefined();
  });
});
