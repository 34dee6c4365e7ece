import { describe, expect, it } from 'vitest';
import { assertIntegerInRange, assertLogRetentionDays, assertMatches, assertOneOf } from './arg-checks.js';

describe('arg checks', () => {
  it('accepts integers inside the range, bounds included', () => {
    expect(() => assertIntegerInRange('memorySize', 128, 128, 10240)).not.toThrow();
    expect(() => assertIntegerInRange('memorySize', 10240, 128, 10240)).not.toThrow();
  });

  it('names the arg, the range and the bad value', () => {
    expect(() => assertIntegerInRange('memorySize', 64, 128, 10240)).toThrow('memorySize must be an integer from 128 to 10240, got 64');
    expect(() => assertIntegerInRange('memorySize', 512.5, 128, 10240)).toThrow('memorySize must be an integer from 128 to 10240, got 512.5');
    expect(() => assertIntegerInRange('timeout', Number.NaN, 1, 900)).toThrow('timeout must be an integer from 1 to 900, got NaN');
  });

  it('checks membership with the allowed values in the message', () => {
    expect(() => assertOneOf('distanceMetric', 'cosine', ['cosine', 'euclidean'])).not.toThrow();
    expect(() => assertOneOf('distanceMetric', 'dot', ['cosine', 'euclidean'])).toThrow('distanceMetric must be one of cosine, euclidean, got "dot"');
  });

  it('checks a pattern and says what was expected', () => {
    expect(() => assertMatches('indexName', 'documents', /^[a-z]+$/, 'lowercase letters')).not.toThrow();
    expect(() => assertMatches('indexName', 'Docs', /^[a-z]+$/, 'lowercase letters')).toThrow('indexName must be lowercase letters, got "Docs"');
  });

  it('accepts only CloudWatch retention periods', () => {
    expect(() => assertLogRetentionDays('logRetentionInDays', 30)).not.toThrow();
    expect(() => assertLogRetentionDays('logRetentionInDays', 31)).toThrow(
      'logRetentionInDays must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 31',
    );
  });
});
