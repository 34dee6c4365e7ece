import { describe, expect, it } from 'vitest';
import { resolveEmbeddingDimension } from './embedding-models.js';

describe('resolveEmbeddingDimension', () => {
  it('defaults Titan v2 to 1024 (not the seed’s 1536, which is Titan v1)', () => {
    expect(resolveEmbeddingDimension('amazon.titan-embed-text-v2:0', undefined)).toEqual({ ok: true, dimension: 1024 });
    expect(resolveEmbeddingDimension('amazon.titan-embed-text-v1', undefined)).toEqual({ ok: true, dimension: 1536 });
  });

  it('accepts the optional Titan v2 sizes and refuses others', () => {
    expect(resolveEmbeddingDimension('amazon.titan-embed-text-v2:0', 256)).toEqual({ ok: true, dimension: 256 });
    expect(resolveEmbeddingDimension('amazon.titan-embed-text-v2:0', 768)).toEqual({
      ok: false,
      expected: "one of 1024, 512, 256 for model 'amazon.titan-embed-text-v2:0'",
    });
  });

  it('requires an explicit dimension for an unknown model', () => {
    expect(resolveEmbeddingDimension('acme.embed-x', 384)).toEqual({ ok: true, dimension: 384 });
    expect(resolveEmbeddingDimension('acme.embed-x', undefined).ok).toBe(false);
  });
});
