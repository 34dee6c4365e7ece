import { describe, expect, it } from 'vitest';
import { measureTextQuality } from './page-text-quality.js';

describe('measureTextQuality', () => {
  it('measures plain prose as fully readable', () => {
    expect(measureTextQuality('The cat sat on the mat.', 'The cat sat on the mat.')).toEqual({
      rawChars: 18,
      unmappedShare: 0,
      textChars: 18,
      readableShare: 1,
      wordLetters: 17,
      meanWordLength: 17 / 6,
    });
  });

  it('counts control characters as unmapped glyphs, except a lone one between letters or digits (a space glyph)', () => {
    // "Limitations\u0002in\u0002the" is how TAMReview.pdf's heading font writes spaces.
    expect(measureTextQuality('Limitations\u0002in\u0002the', 'Limitations in the').unmappedShare).toBe(0);
    // Three glyphs without a character map: all unmapped (the first and last have no letter beside them).
    expect(measureTextQuality('\u0002\u0003\u0004 ab', 'ab').unmappedShare).toBe(3 / 5);
    expect(measureTextQuality('a\u0002\u0003b', 'a b').unmappedShare).toBe(2 / 4);
  });

  it('counts U+FFFD and private-use code points as unmapped', () => {
    expect(measureTextQuality('ab\uFFFD\uE000 \u{F0000}', 'ab\uFFFD\uE000 \u{F0000}').unmappedShare).toBe(3 / 5);
  });

  it('reads numbers in tables as readable, symbol debris as not', () => {
    const table = 'Revenue $1,234.5 (12.0) 45% 2019/20 -3';
    expect(measureTextQuality(table, table).readableShare).toBe(1);
    const debris = '% & ! ( -.4.) 700;)& K +';
    expect(measureTextQuality(debris, debris)).toMatchObject({ textChars: 17, readableShare: 0, wordLetters: 0, meanWordLength: 0 });
  });

  it('needs a vowel in a Latin word but not in other scripts', () => {
    expect(measureTextQuality('xkcd qrst', 'xkcd qrst').readableShare).toBe(0);
    expect(measureTextQuality('Привет мир', 'Привет мир').readableShare).toBe(1);
    expect(measureTextQuality('rhythm', 'rhythm').readableShare).toBe(1);
  });

  it('strips punctuation around a word and measures its letters only', () => {
    expect(measureTextQuality('("don’t")', '("don’t")')).toMatchObject({ readableShare: 1, wordLetters: 4, meanWordLength: 4 });
  });

  it('measures nothing in an empty text', () => {
    expect(measureTextQuality('', '')).toEqual({ rawChars: 0, unmappedShare: 0, textChars: 0, readableShare: 0, wordLetters: 0, meanWordLength: 0 });
  });
});
