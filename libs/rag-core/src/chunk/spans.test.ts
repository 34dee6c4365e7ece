import { describe, expect, it } from 'vitest';
import { lineSpans, paragraphSpans, trim, wordSpans } from './spans.js';

const texts = (text: string, spans: { start: number; end: number }[]): string[] =>
  spans.map((span) => text.slice(span.start, span.end));

describe('spans', () => {
  it('splits paragraphs on blank lines, including lines holding only spaces', () => {
    const text = '  First para\nsame para.\n\nSecond.\n \t\n\n\nThird.  ';
    expect(texts(text, paragraphSpans(text))).toEqual(['First para\nsame para.', 'Second.', 'Third.']);
    expect(paragraphSpans(text)[0]).toEqual({ start: 2, end: 23 });
  });

  it('splits lines and words inside a span', () => {
    const text = 'xx a b\r\nc d\n\ne yy';
    const within = { start: 3, end: 15 };
    expect(texts(text, lineSpans(text, within))).toEqual(['a b', 'c d', 'e']);
    expect(texts(text, wordSpans(text, within))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('trims whitespace and reports an all-blank span as undefined', () => {
    expect(trim(' \n ab \t', { start: 0, end: 7 })).toEqual({ start: 3, end: 5 });
    expect(trim('   ', { start: 0, end: 3 })).toBeUndefined();
  });
});
