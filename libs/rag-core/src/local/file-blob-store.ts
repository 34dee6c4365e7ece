import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readFile, realpath, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { BlobNotFoundError } from '../errors.js';
import type { BlobReadResult, BlobStore, ByteRange } from '../ports/blob-store.js';
import { blobPath } from './blob-key.js';

/**
 * `BlobStore` on the local filesystem: each key is a file under `root` (see {@link blobPath}
 * for which keys are allowed). Writes are atomic: the bytes go to a temporary file in the
 * target's directory, are flushed, and replace the target by `rename` — a reader sees the old
 * file or the new one, never a torn one, and a failed write leaves nothing behind.
 * `contentType` is not stored (the app knows its blobs are PDFs).
 */
export class FileBlobStore implements BlobStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    const target = blobPath(this.root, key);
    const directory = path.dirname(target);
    await mkdir(directory, { recursive: true });
    await this.#assertInsideRoot(key, directory);
    const temporary = path.join(directory, `.${path.basename(target)}.${randomUUID()}.tmp`);
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async getBytes(key: string): Promise<Uint8Array> {
    const target = blobPath(this.root, key);
    try {
      const buffer = await readFile(target);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      throw notFoundOr(error, key);
    }
  }

  /**
   * Streams the file, or the inclusive `range` of it. An `end` past the last byte is clamped
   * (as HTTP does); a range that starts past it, or is reversed, is a RangeError.
   */
  async read(key: string, range?: ByteRange): Promise<BlobReadResult> {
    const target = blobPath(this.root, key);
    const handle = await open(target, 'r').catch((error: unknown) => {
      throw notFoundOr(error, key);
    });
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw new BlobNotFoundError(key);
      const size = stats.size;
      if (range === undefined) return { stream: handle.createReadStream({ autoClose: true }), size };
      const satisfiable = clampRange(range, size, key);
      return { stream: handle.createReadStream({ start: satisfiable.start, end: satisfiable.end, autoClose: true }), size, range: satisfiable };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Deleting a key that does not exist succeeds. */
  async delete(key: string): Promise<void> {
    const target = blobPath(this.root, key);
    try {
      await unlink(target);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }

  /** Resolves when the root directory exists (it is created) and is readable and writable. */
  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.R_OK | constants.W_OK);
  }

  /** Refuses a directory that a symbolic link inside the store points outside of it. */
  async #assertInsideRoot(key: string, directory: string): Promise<void> {
    const [realRoot, realDirectory] = await Promise.all([realpath(this.root), realpath(directory)]);
    const relative = path.relative(realRoot, realDirectory);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new Error(`Blob key ${JSON.stringify(key)} leads outside the store through a symbolic link.`);
    }
  }
}

function clampRange(range: ByteRange, size: number, key: string): ByteRange {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || start >= size) {
    throw new RangeError(`Range ${start}-${end} cannot be satisfied for ${key} (${size} bytes).`);
  }
  return { start, end: Math.min(end, size - 1) };
}

function notFoundOr(error: unknown, key: string): unknown {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? new BlobNotFoundError(key) : error;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
