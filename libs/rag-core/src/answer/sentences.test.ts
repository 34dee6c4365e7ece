import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.js';

describe('splitSentences', () => {
  it('splits paragraphs and sentences with exact offsets, joining wrapped lines', () => {
    const text = 'Dr. Smith wrote\nthis. Fig. 3 shows it!\n\n  Next paragraph';
    expect(splitSentences(text)).toEqual([
      { start: 0, end: 21, text: 'Dr. Smith wrote\nthis.' },
      { start: 22, end: 38, text: 'Fig. 3 shows it!' },
      { start: 42, end: 56, text: 'Next paragraph' },
    ]);
  });

  it('cuts an over-long sentence at a space', () => {
    expect(splitSentences('aaaa bbbb cccc dddd', 10).map((s) => s.text)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(splitSentences('abcdefghijkl', 5).map((s) => s.text)).toEqual(['abcde', 'fghij', 'kl']);
    expect(splitSentences('  \n\n ')).toEqual([]);
  });
});
