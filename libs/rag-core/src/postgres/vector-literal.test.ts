import { describe, expect, it } from 'vitest';
import { isZeroVector, vectorLiteral } from './vector-literal.js';

describe('vectorLiteral', () => {
  it('prints every float32 with the nine significant digits that identify it', () => {
    expect(vectorLiteral(Float32Array.of(1, -0.5, 0.1), 3, 'x')).toBe('[1.00000000,-0.500000000,0.100000001]');
    const awkward = Float32Array.of(Math.fround(1 / 3), Math.fround(1e-30), Math.fround(-123456.789));
    const back = vectorLiteral(awkward, 3, 'x').slice(1, -1).split(',').map(Number);
    expect(Float32Array.from(back)).toEqual(awkward);
  });
  it('rejects the wrong dimension, non-finite values and plain arrays', () => {
    expect(() => vectorLiteral(Float32Array.of(1, 2), 3, '"d#0"')).toThrow('Embedding of "d#0" has 2 dimensions; this index stores 3.');
    expect(() => vectorLiteral(Float32Array.of(1, Number.NaN, 0), 3, '"d#0"')).toThrow(
      'Embedding of "d#0" has a non-finite value (NaN) at position 1.',
    );
    expect(() => vectorLiteral([1, 2, 3] as unknown as Float32Array, 3, '"d#0"')).toThrow('Embedding of "d#0" must be a Float32Array.');
  });
});

describe('isZeroVector', () => {
  it('is true only when every component is zero', () => {
    expect(isZeroVector(new Float32Array(4))).toBe(true);
    expect(isZeroVector(Float32Array.of(0, 0, 1e-30))).toBe(false);
  });
});
