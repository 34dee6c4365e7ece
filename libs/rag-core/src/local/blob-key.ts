import path from 'node:path';

/** A blob key that could escape the store's root or name something that is not a blob. */
export class InvalidBlobKeyError extends TypeError {
  override readonly name = 'InvalidBlobKeyError';
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid blob key ${JSON.stringify(key)}: ${reason}.`);
  }
}

/**
 * The absolute path of `key` under `root`, or InvalidBlobKeyError. Keys are `/`-separated
 * segments of printable characters; a segment may not be empty or start with `.` (which rules
 * out `.`, `..`, hidden files and the store's own temporary files); backslashes, NUL and
 * absolute keys are refused; and the resolved path must stay strictly under `root`.
 */
export function blobPath(root: string, key: string): string {
  if (key.length === 0) throw new InvalidBlobKeyError(key, 'it is empty');
  if (key.length > 1024) throw new InvalidBlobKeyError(key, 'it is longer than 1024 characters');
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(key)) throw new InvalidBlobKeyError(key, 'it contains a control character');
  if (key.includes('\\')) throw new InvalidBlobKeyError(key, 'it contains a backslash');
  if (key.startsWith('/') || path.isAbsolute(key)) throw new InvalidBlobKeyError(key, 'it is absolute');
  const segments = key.split('/');
  for (const segment of segments) {
    if (segment.length === 0) throw new InvalidBlobKeyError(key, 'it has an empty segment');
    if (segment.startsWith('.')) throw new InvalidBlobKeyError(key, `segment ${JSON.stringify(segment)} starts with "."`);
    if (segment.length > 255) throw new InvalidBlobKeyError(key, 'a segment is longer than 255 characters');
  }
  const resolvedRoot = path.resolve(root);
  const resolved = path.resolve(resolvedRoot, ...segments);
  const relative = path.relative(resolvedRoot, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new InvalidBlobKeyError(key, 'it resolves outside the store');
  }
  return resolved;
}
