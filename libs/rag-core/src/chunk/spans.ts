/** A half-open range `[start, end)` of character offsets into a page's text. */
export interface Span {
  start: number;
  end: number;
}

/** Non-blank runs of `text` inside `within` separated by `separator`, trimmed of whitespace. */
function splitTrimmed(text: string, within: Span, separator: RegExp): Span[] {
  const spans: Span[] = [];
  const part = text.slice(within.start, within.end);
  let from = 0;
  const pushTrimmed = (start: number, end: number): void => {
    const trimmed = trim(text, { start: within.start + start, end: within.start + end });
    if (trimmed !== undefined) spans.push(trimmed);
  };
  const pattern = new RegExp(separator.source, 'gu');
  for (let match = pattern.exec(part); match !== null; match = pattern.exec(part)) {
    pushTrimmed(from, match.index);
    from = match.index + match[0].length;
  }
  pushTrimmed(from, part.length);
  return spans;
}

/** `span` without leading and trailing whitespace, or undefined when nothing else is left. */
export function trim(text: string, span: Span): Span | undefined {
  let { start, end } = span;
  while (start < end && /\s/u.test(text[start] ?? '')) start += 1;
  while (end > start && /\s/u.test(text[end - 1] ?? '')) end -= 1;
  return start < end ? { start, end } : undefined;
}

/** Paragraphs: runs separated by at least one blank line. */
export function paragraphSpans(text: string, within: Span = { start: 0, end: text.length }): Span[] {
  return splitTrimmed(text, within, /\n[^\S\n]*\n/);
}

/** Lines: runs separated by line breaks (table rows, headings, list items). */
export function lineSpans(text: string, within: Span): Span[] {
  return splitTrimmed(text, within, /[\r\n]+/);
}

/** Words: maximal runs of non-whitespace. */
export function wordSpans(text: string, within: Span): Span[] {
  const spans: Span[] = [];
  const pattern = /\S+/gu;
  const part = text.slice(within.start, within.end);
  for (let match = pattern.exec(part); match !== null; match = pattern.exec(part)) {
    spans.push({ start: within.start + match.index, end: within.start + match.index + match[0].length });
  }
  return spans;
}
