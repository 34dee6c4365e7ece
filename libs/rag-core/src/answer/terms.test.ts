import { describe, expect, it } from 'vitest';
import { isContentWord, termOf, words } from './terms.js';

describe('terms', () => {
  it('splits words with positions, keeping numbers and contractions together', () => {
    expect(words("Revenue's 1,200.5 don't-stop U.S.")).toEqual([
      { word: 'revenue', start: 0, end: 9 },
      { word: '1,200.5', start: 10, end: 17 },
      { word: "don't", start: 18, end: 23 },
      { word: 'stop', start: 24, end: 28 },
      { word: 'u', start: 29, end: 30 },
      { word: 's', start: 31, end: 32 },
    ]);
  });

  it('stems content words and tells stop words and lone letters apart', () => {
    expect(['reactions', 'cycles', 'produced', '2019'].map(termOf)).toEqual(['reaction', 'cycl', 'produc', '2019']);
    expect(isContentWord('the')).toBe(false);
    expect(isContentWord('x')).toBe(false);
    expect(isContentWord('7')).toBe(true);
  });
});
