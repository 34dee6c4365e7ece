import { describe, expect, it } from 'vitest';
import { sentenceSpans } from './sentences.js';

const sentences = (text: string): string[] =>
  sentenceSpans(text, { start: 0, end: text.length }).map((span) => text.slice(span.start, span.end));

describe('sentenceSpans', () => {
  it('splits on sentence-final punctuation followed by a new sentence', () => {
    expect(sentences('Revenue grew. Costs fell!  Why? Because.')).toEqual([
      'Revenue grew.',
      'Costs fell!',
      'Why?',
      'Because.',
    ]);
  });

  it('does not split after abbreviations, initials, dotted initialisms or inside decimals', () => {
    const text =
      'See Fig. 3 for details. Dr. Smith arrived at 3.5 p.m. on Monday. Use tools, e.g. Nx and Vitest. ' +
      'J. R. R. Tolkien wrote it. Sales in the U.S. Market rose 2.75%. Apple Inc. Reported results.';
    expect(sentences(text)).toEqual([
      'See Fig. 3 for details.',
      'Dr. Smith arrived at 3.5 p.m. on Monday.',
      'Use tools, e.g. Nx and Vitest.',
      'J. R. R. Tolkien wrote it.',
      'Sales in the U.S. Market rose 2.75%.',
      'Apple Inc. Reported results.',
    ]);
  });

  it('treats single line breaks as spaces, so a sentence may span PDF lines', () => {
    expect(sentences('The cash flow\nstatement shows capital\nexpenditure. Next line.')).toEqual([
      'The cash flow\nstatement shows capital\nexpenditure.',
      'Next line.',
    ]);
  });

  it('returns offsets into the original text for a span in the middle of it', () => {
    const text = 'Intro.\n\nFirst one. Second one.\n\nOutro.';
    const spans = sentenceSpans(text, { start: 8, end: 30 });
    expect(spans).toEqual([
      { start: 8, end: 18 },
      { start: 19, end: 30 },
    ]);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First one.', 'Second one.']);
  });

  it('keeps a text without final punctuation as one sentence and ignores blank input', () => {
    expect(sentences('Table of Contents')).toEqual(['Table of Contents']);
    expect(sentences('   \n ')).toEqual([]);
  });

  it('keeps a trailing abbreviation at the end of the text as part of the last sentence', () => {
    expect(sentences('Compare the results vs.')).toEqual(['Compare the results vs.']);
  });
});
