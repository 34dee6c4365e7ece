import { describe, expect, it } from 'vitest';
import { rangeRequest } from './byte-range.js';

describe('rangeRequest', () => {
  it('serves the whole file without a Range header', () => {
    expect(rangeRequest(undefined, 1000)).toEqual({ kind: 'full' });
  });

  it('serves one byte range, clamping its end and resolving suffixes', () => {
    expect(rangeRequest('bytes=0-99', 1000)).toEqual({ kind: 'partial', range: { start: 0, end: 99 } });
    expect(rangeRequest('bytes=900-5000', 1000)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
    expect(rangeRequest('bytes=-100', 1000)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
    expect(rangeRequest('bytes=500-', 1000)).toEqual({ kind: 'partial', range: { start: 500, end: 999 } });
  });

  it('merges overlapping ranges into one, and ignores several disjoint ones', () => {
    expect(rangeRequest('bytes=0-10,5-20', 1000)).toEqual({ kind: 'partial', range: { start: 0, end: 20 } });
    expect(rangeRequest('bytes=0-10,50-60', 1000)).toEqual({ kind: 'full' });
  });

  it('refuses a range starting past the end (416) and ignores malformed headers', () => {
    expect(rangeRequest('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeRequest('bytes=5000-6000', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeRequest('bytes=abc', 1000)).toEqual({ kind: 'full' });
    expect(rangeRequest('pages=1-2', 1000)).toEqual({ kind: 'full' });
  });
});
