import type { Readable } from 'node:stream';

/** Inclusive byte range, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface BlobReadResult {
  stream: Readable;
  /** Size of the whole object in bytes. */
  size: number;
  /** The range actually returned, when one was requested. */
  range?: ByteRange;
}

/** Where uploaded PDFs live: local directory or S3. Keys are opaque `/`-separated strings. */
export interface BlobStore {
  put(key: string, body: Uint8Array, options?: { contentType?: string }): Promise<void>;
  getBytes(key: string): Promise<Uint8Array>;
  /** Streams the object (or one range of it). Rejects with BlobNotFoundError when missing. */
  read(key: string, range?: ByteRange): Promise<BlobReadResult>;
  /** Deleting a missing key succeeds. */
  delete(key: string): Promise<void>;
  ping(): Promise<void>;
}
