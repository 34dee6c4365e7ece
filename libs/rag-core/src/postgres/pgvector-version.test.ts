import { describe, expect, it } from 'vitest';
import { supportsIterativeScan } from './pgvector-version.js';

describe('supportsIterativeScan', () => {
  it.each([
    ['0.8.0', true],
    ['0.8.7', true],
    ['0.10.1', true],
    ['1.0.0', true],
    ['0.7.4', false],
    ['0.5.1', false],
  ])('pgvector %s → %s', (version, expected) => {
    expect(supportsIterativeScan(version)).toBe(expected);
  });
});
