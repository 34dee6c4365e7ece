import { describe, expect, it } from 'vitest';
import { tokenRecall, wordTokens } from './token-recall.js';

describe('wordTokens', () => {
  it('lower-cases, splits on anything but letters and digits, and applies NFKC', () => {
    expect(wordTokens('The \uFB01le, “p2p” file-sharing — 3.5%!')).toEqual(['the', 'file', 'p2p', 'file', 'sharing', '3', '5']);
    expect(wordTokens('  \n ')).toEqual([]);
  });
});

describe('tokenRecall', () => {
  it('counts each reference token up to its number of occurrences in the candidate', () => {
    expect(tokenRecall('a a b', 'a a a b c')).toEqual({ matched: 3, total: 5, recall: 0.6 });
  });
  it('ignores order and extra candidate tokens', () => {
    expect(tokenRecall('c b a extra extra', 'a b c')).toEqual({ matched: 3, total: 3, recall: 1 });
  });
  it('is 1 for an empty reference and 0 for an empty candidate', () => {
    expect(tokenRecall('anything', '')).toEqual({ matched: 0, total: 0, recall: 1 });
    expect(tokenRecall('', 'some words')).toEqual({ matched: 0, total: 2, recall: 0 });
  });
});
