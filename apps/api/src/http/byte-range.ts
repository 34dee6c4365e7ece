import parseRange from 'range-parser';
import type { ByteRange } from '@student-helper/rag-core';

export type RangeRequest =
  | { kind: 'full' }
  | { kind: 'partial'; range: ByteRange }
  | { kind: 'unsatisfiable' };

/**
 * What to send for a `Range` header on a resource of `size` bytes. One satisfiable byte range
 * is served as 206; a header that is malformed, not in bytes, or asks for several ranges is
 * ignored (RFC 9110 §14.2 allows that) and the whole file is sent; a range that starts past
 * the end is 416. Parsing by `range-parser`, the one express and `send` use.
 */
export function rangeRequest(header: string | undefined, size: number): RangeRequest {
  if (header === undefined || size === 0) return { kind: 'full' };
  const parsed = parseRange(size, header, { combine: true });
  if (parsed === -1) return { kind: 'unsatisfiable' };
  if (parsed === -2 || parsed.type !== 'bytes' || parsed.length !== 1) return { kind: 'full' };
  const [range] = parsed;
  return range ? { kind: 'partial', range: { start: range.start, end: range.end } } : { kind: 'full' };
}
