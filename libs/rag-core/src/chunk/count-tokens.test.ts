import { describe, expect, it } from 'vitest';
import { countTokens } from './count-tokens.js';

describe('countTokens', () => {
  it('counts nothing in empty or whitespace-only text', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens(' \n\t  ')).toBe(0);
  });

  it('counts one token per word and per punctuation mark', () => {
    expect(countTokens('Hello, world!')).toBe(4);
    expect(countTokens("The student's notes aren't ready.")).toBe(6);
  });

  it('splits digit runs into groups of at most three digits', () => {
    expect(countTokens('2018')).toBe(2);
    expect(countTokens('$1,577.00')).toBe(6);
    expect(countTokens('123456789')).toBe(3);
  });

  it('counts letters of any script and combining marks as part of the word', () => {
    expect(countTokens('café naïve Übung')).toBe(3);
    expect(countTokens('e\u0301tude')).toBe(1);
  });

  it('returns the same count on repeated calls (the shared regex state is reset)', () => {
    const text = 'Capital expenditure was 1,577 million.';
    expect(countTokens(text)).toBe(countTokens(text));
    expect(countTokens(text)).toBe(8);
  });
});
