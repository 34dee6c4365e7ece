import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
  type GetObjectCommandInput,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { BlobNotFoundError } from '../errors.js';
import type { BlobReadResult, BlobStore, ByteRange } from '../ports/blob-store.js';
import { nonEmpty } from '../adapter-support/arguments.js';
import { requireRegion } from './options.js';
import { s3BlobStoreDefaults, type BlobEncryption } from './s3-blob-store.defaults.js';

export interface S3BlobStoreOptions {
  /** Region of the bucket. Required unless `client` is given. */
  region?: string;
  /** A pre-built client (tests, another endpoint such as a local fake with `forcePathStyle`). */
  client?: S3Client;
  bucket: string;
  /** Server-side encryption of every put. Default SSE-S3 (`AES256`). */
  encryption?: BlobEncryption;
}

/**
 * `BlobStore` on one S3 bucket: `put` with server-side encryption and a content type, `read`
 * streams the object or one inclusive byte range (`Range: bytes=start-end`, for the PDF
 * viewer), a missing key rejects with BlobNotFoundError, `delete` of a missing key succeeds.
 * A range that starts past the end of the object rejects with a RangeError.
 */
export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #encryption: Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId' | 'BucketKeyEnabled'>;

  constructor(options: S3BlobStoreOptions) {
    this.#bucket = nonEmpty(options.bucket, 'bucket');
    this.#encryption = encryptionInput(options.encryption ?? s3BlobStoreDefaults.encryption);
    this.#client = options.client ?? new S3Client({ region: requireRegion(options.region) });
  }

  async put(key: string, body: Uint8Array, options: { contentType?: string } = {}): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        Body: body,
        ContentLength: body.byteLength,
        ContentType: options.contentType ?? s3BlobStoreDefaults.contentType,
        ...this.#encryption,
      }),
    );
  }

  async getBytes(key: string): Promise<Uint8Array> {
    const response = await this.#get({ Bucket: this.#bucket, Key: key });
    if (!response.Body) throw new Error(`S3 returned no body for ${key}.`);
    return response.Body.transformToByteArray();
  }

  async read(key: string, range?: ByteRange): Promise<BlobReadResult> {
    if (range) assertRange(range);
    const input: GetObjectCommandInput = { Bucket: this.#bucket, Key: key };
    if (range) input.Range = `bytes=${range.start}-${range.end}`;
    const response = await this.#get(input, range);
    const body = response.Body;
    if (!(body instanceof Readable)) throw new Error(`S3 returned no readable stream for ${key}.`);
    if (!range) {
      if (response.ContentLength === undefined) throw new Error(`S3 returned no Content-Length for ${key}.`);
      return { stream: body, size: response.ContentLength };
    }
    const returned = parseContentRange(response.ContentRange);
    if (!returned) throw new Error(`S3 returned no usable Content-Range for ${key} (got ${response.ContentRange}).`);
    return { stream: body, size: returned.size, range: { start: returned.start, end: returned.end } };
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
  }

  /** Resolves when the bucket exists and this role may list it (HeadBucket needs `s3:ListBucket`). */
  async ping(): Promise<void> {
    await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
  }

  async #get(input: GetObjectCommandInput, range?: ByteRange) {
    try {
      return await this.#client.send(new GetObjectCommand(input));
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name;
      if (name === 'NoSuchKey' || name === 'NotFound') throw new BlobNotFoundError(input.Key as string);
      if (name === 'InvalidRange' && range) {
        throw new RangeError(`Range bytes=${range.start}-${range.end} starts past the end of ${input.Key}.`, { cause: error });
      }
      throw error;
    }
  }
}

function encryptionInput(encryption: BlobEncryption): Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId' | 'BucketKeyEnabled'> {
  if (encryption.type === 'AES256') return { ServerSideEncryption: 'AES256' };
  if (encryption.type === 'aws:kms') {
    return { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: nonEmpty(encryption.kmsKeyId, 'encryption.kmsKeyId'), BucketKeyEnabled: encryption.bucketKeyEnabled ?? true };
  }
  throw new TypeError(`encryption.type must be "AES256" or "aws:kms", got ${String((encryption as { type?: unknown }).type)}.`);
}

function assertRange(range: ByteRange): void {
  if (!Number.isSafeInteger(range.start) || !Number.isSafeInteger(range.end) || range.start < 0 || range.end < range.start) {
    throw new RangeError(`A byte range needs integers 0 <= start <= end, got ${range.start}-${range.end}.`);
  }
}

/** `bytes 0-99/1234` → `{ start: 0, end: 99, size: 1234 }`. */
export function parseContentRange(header: string | undefined): { start: number; end: number; size: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), end: Number(match[2]), size: Number(match[3]) };
}
