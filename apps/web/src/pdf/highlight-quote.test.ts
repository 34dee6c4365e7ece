import { describe, expect, it } from 'vitest';
import { clearHighlights, highlightQuote } from './highlight-quote';

function layer(texts: string[]): HTMLElement[] {
  const container = document.createElement('div');
  return texts.map((text) => {
    const span = document.createElement('span');
    span.textContent = text;
    container.append(span);
    return span;
  });
}

describe('highlightQuote', () => {
  it('wraps exactly the quoted parts of each span and keeps the rest of the text', () => {
    const spans = layer(['We present ', 'trace trees, a', ' new way', ' to compile loops.']);
    const marks = highlightQuote(spans, 'trace trees, a new way');
    expect(marks.map((m) => m.textContent)).toEqual(['trace trees, a', 'new way']);
    expect(spans.map((s) => s.innerHTML)).toEqual([
      'We present ',
      '<mark class="quote-highlight">trace trees, a</mark>',
      ' <mark class="quote-highlight">new way</mark>',
      ' to compile loops.',
    ]);
  });

  it('splits a span around a quote in its middle', () => {
    const spans = layer(['before the quoted words after']);
    highlightQuote(spans, 'the quoted words');
    expect(spans[0]?.innerHTML).toBe('before <mark class="quote-highlight">the quoted words</mark> after');
  });

  it('marks nothing and leaves the layer alone when the quote is not on the page', () => {
    const spans = layer(['nothing relevant here at all']);
    expect(highlightQuote(spans, 'an entirely different sentence')).toEqual([]);
    expect(spans[0]?.innerHTML).toBe('nothing relevant here at all');
  });

  it('clears earlier marks', () => {
    const spans = layer(['alpha beta gamma delta']);
    highlightQuote(spans, 'beta gamma');
    clearHighlights(spans);
    expect(spans[0]?.innerHTML).toBe('alpha beta gamma delta');
  });
});
