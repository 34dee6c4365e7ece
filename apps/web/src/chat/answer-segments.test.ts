import { describe, expect, it } from 'vitest';
import { splitAnswer } from './answer-segments';

describe('splitAnswer', () => {
  it('separates text from markers and expands what each marker cites', () => {
    expect(splitAnswer('Trace trees [1]. They nest [2, 3][4-5].')).toEqual([
      { kind: 'text', text: 'Trace trees ' },
      { kind: 'marker', text: '[1]', markers: [1] },
      { kind: 'text', text: '. They nest ' },
      { kind: 'marker', text: '[2, 3]', markers: [2, 3] },
      { kind: 'marker', text: '[4-5]', markers: [4, 5] },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps a reversed range as text and handles text without markers or only a marker', () => {
    expect(splitAnswer('see [9-2] here')).toEqual([{ kind: 'text', text: 'see [9-2] here' }]);
    expect(splitAnswer('plain')).toEqual([{ kind: 'text', text: 'plain' }]);
    expect(splitAnswer('[Source 1]')).toEqual([{ kind: 'marker', text: '[Source 1]', markers: [1] }]);
    expect(splitAnswer('')).toEqual([]);
  });
});
