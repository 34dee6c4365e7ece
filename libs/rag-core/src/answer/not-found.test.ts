import { describe, expect, it } from 'vitest';
import { NOT_FOUND_ANSWER, saysNotFound } from './not-found.js';

describe('saysNotFound', () => {
  it('recognises the sentence and close variants', () => {
    expect(NOT_FOUND_ANSWER).toBe('I could not find this in your documents.');
    expect(saysNotFound(NOT_FOUND_ANSWER)).toBe(true);
    expect(saysNotFound('Sorry — I couldn’t find that in the documents.')).toBe(true);
    expect(saysNotFound('i CANNOT find the answer to this in your sources')).toBe(true);
    expect(saysNotFound('I could not\nfind this in your documents')).toBe(true);
  });

  it('does not fire on other sentences', () => {
    expect(saysNotFound('The documents do not say who could find this.')).toBe(false);
    expect(saysNotFound('I found this in your documents [1].')).toBe(false);
    expect(saysNotFound('')).toBe(false);
  });
});
