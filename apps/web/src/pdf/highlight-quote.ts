import { findQuote } from './find-quote';

export const highlightClass = 'quote-highlight';

/**
 * Marks `quote` in a rendered text layer: each covered part of a text span is wrapped in
 * `<mark class="quote-highlight">`. `spans` are the layer's text elements in content order
 * (pdf.js `TextLayer.textDivs`), each holding one plain text node. Returns the marks, first
 * to last; [] when the quote is not on the page.
 */
export function highlightQuote(spans: readonly HTMLElement[], quote: string): HTMLElement[] {
  const items = spans.map((span) => span.textContent ?? '');
  const marks: HTMLElement[] = [];
  for (const range of findQuote(items, quote)) {
    const span = spans[range.item] as HTMLElement;
    const text = items[range.item] as string;
    const mark = span.ownerDocument.createElement('mark');
    mark.className = highlightClass;
    mark.textContent = text.slice(range.start, range.end);
    span.replaceChildren(text.slice(0, range.start), mark, text.slice(range.end));
    marks.push(mark);
  }
  return marks;
}

/** Undoes {@link highlightQuote} so another quote can be marked on the same layer. */
export function clearHighlights(spans: readonly HTMLElement[]): void {
  for (const span of spans) {
    if (span.querySelector(`mark.${highlightClass}`)) span.replaceChildren(span.textContent ?? '');
  }
}
