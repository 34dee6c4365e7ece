import { describe, expect, it } from 'vitest';
import { normalizeText, textFromItems, type PositionedText } from './normalize-text.js';

/** A pdf.js-like item at baseline (x, y) in a 10 pt font; `width` defaults to 5 pt per character. */
function item(str: string, x: number, y: number, options: { width?: number; size?: number; eol?: boolean } = {}): PositionedText {
  const size = options.size ?? 10;
  return { str, transform: [size, 0, 0, size, x, y], width: options.width ?? str.length * 5, height: size, hasEOL: options.eol ?? false };
}

describe('textFromItems', () => {
  it('ends a line at hasEOL and keeps items of one line together', () => {
    expect(textFromItems([item('Hello ', 0, 700), item('world', 30, 700, { eol: true }), item('Second line', 0, 688)])).toBe(
      'Hello world\nSecond line',
    );
  });

  it('inserts a space between items of one line that are apart, and none between touching items', () => {
    expect(textFromItems([item('gap', 0, 700), item('here', 25, 700), item('touch', 50, 700), item('ing', 75, 700)])).toBe('gap here touching');
  });

  it('starts a new line when the baseline moves by most of a line even without hasEOL', () => {
    expect(textFromItems([item('first', 0, 700), item('second', 0, 690)])).toBe('first\nsecond');
  });

  it('keeps superscripts and subscripts on their line', () => {
    expect(textFromItems([item('E = mc', 0, 700), item('2', 30, 703.5, { size: 7 }), item(' holds', 33.5, 700)])).toBe('E = mc2 holds');
  });

  it('separates paragraphs by a blank line where the gap is well above the usual line spacing', () => {
    const items = [
      item('one', 0, 700, { eol: true }),
      item('two', 0, 688, { eol: true }),
      item('three', 0, 676, { eol: true }),
      item('new paragraph', 0, 650, { eol: true }),
      item('continues', 0, 638),
    ];
    expect(textFromItems(items)).toBe('one\ntwo\nthree\n\nnew paragraph\ncontinues');
  });

  it('measures line spacing per page, so double-spaced text is not a paragraph per line', () => {
    const items = [0, 1, 2, 3].map((i) => item(`line ${i}`, 0, 700 - i * 24, { eol: true }));
    expect(textFromItems(items)).toBe('line 0\nline 1\nline 2\nline 3');
  });

  it('starts a new block when text moves up the page (the next column)', () => {
    const items = [item('left bottom', 0, 100, { eol: true }), item('right top', 300, 700)];
    expect(textFromItems(items)).toBe('left bottom\n\nright top');
  });

  it('ignores empty marker items and blank lines, and joins a word hyphenated across lines', () => {
    const items = [item('', 0, 700, { eol: true }), item('an exam-', 0, 700, { eol: true }), item('   ', 0, 688, { eol: true }), item('ple of it', 0, 688)];
    expect(textFromItems(items)).toBe('an example of it');
  });

  it('returns an empty string for a page without text', () => {
    expect(textFromItems([])).toBe('');
    expect(textFromItems([item('', 0, 0, { eol: true }), item(' ', 0, 0)])).toBe('');
  });
});

describe('normalizeText', () => {
  it('joins a word hyphenated at a line break', () => {
    expect(normalizeText('an exam-\nple')).toBe('an example');
    expect(normalizeText('an exam\u2010\nple')).toBe('an example');
  });

  it('joins a compound broken at its own hyphen too (documented trade-off)', () => {
    expect(normalizeText('a well-\nknown fact')).toBe('a wellknown fact');
  });

  it('keeps a hyphen before a capital, a digit, a blank line or after a space', () => {
    expect(normalizeText('Franco-\nPrussian')).toBe('Franco-\nPrussian');
    expect(normalizeText('pages 10-\n12')).toBe('pages 10-\n12');
    expect(normalizeText('end-\n\nnext')).toBe('end-\n\nnext');
    expect(normalizeText('a list -\nitem')).toBe('a list -\nitem');
    expect(normalizeText('mid-word hyphens stay')).toBe('mid-word hyphens stay');
  });

  it('removes soft hyphens, joining across a line break', () => {
    expect(normalizeText('hy\u00ADphen\u00AD\nated')).toBe('hyphenated');
  });

  it('turns NUL and control characters into word breaks but keeps line breaks', () => {
    expect(normalizeText('a\u0000b\u0001c\u001Fd\u007Fe\u0085f\ng')).toBe('a b c d e f\ng');
    expect(normalizeText('Limitations\u0002in\u0002the\u0002TAM\u0002model\u0002')).toBe('Limitations in the TAM model');
    expect(normalizeText('\u0002\u0003\u0004 \u0005\n\u0006x')).toBe('x');
  });

  it('removes zero-width characters inside words', () => {
    expect(normalizeText('zero\u200Bwidth\u200C\u200D\u2060 \uFEFFbom')).toBe('zerowidth bom');
  });

  it('turns tabs into spaces and CR/CRLF into line breaks', () => {
    expect(normalizeText('a\tb\r\nc\rd')).toBe('a b\nc\nd');
  });

  it('normalises ligatures and compatibility forms with NFKC', () => {
    expect(normalizeText('\uFB01nd the \uFB02ow, e\uFB00ort, \uFB03x')).toBe('find the flow, effort, ffix');
    expect(normalizeText('e\u0301t\u00E9 1\u00A0000')).toBe('\u00E9t\u00E9 1 000');
  });

  it('collapses runs of spaces, trims lines and keeps at most one blank line', () => {
    expect(normalizeText('  a   b  \n   c \n\n\n\n d  ')).toBe('a b\nc\n\nd');
  });
});
