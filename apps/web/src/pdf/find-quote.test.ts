import { describe, expect, it } from 'vitest';
import { findQuote } from './find-quote';

const slices = (items: string[], ranges: { item: number; start: number; end: number }[]) =>
  ranges.map((r) => [r.item, (items[r.item] as string).slice(r.start, r.end)]);

describe('findQuote', () => {
  it('finds a quote spread over items with different spacing and line breaks', () => {
    const items = ['Abstract ', 'Dynamic languages such as', ' ', 'JavaScript are more', 'difficult to compile.'];
    const ranges = findQuote(items, 'languages such as JavaScript are more difficult');
    expect(slices(items, ranges)).toEqual([
      [1, 'languages such as'],
      [3, 'JavaScript are more'],
      [4, 'difficult'],
    ]);
  });

  it('matches across ligatures, hyphenation at a line end, case and accents', () => {
    const items = ['the e\uFB03cient trac-', 'ing of NAÏVE loops'];
    const ranges = findQuote(items, 'efficient tracing of naïve');
    expect(slices(items, ranges)).toEqual([
      [0, 'e\uFB03cient trac'],
      [1, 'ing of NAÏVE'],
    ]);
  });

  it('maps back to UTF-16 offsets past astral characters', () => {
    const items = ['𝑥 = 1 then loop'];
    expect(slices(items, findQuote(items, 'then loop'))).toEqual([[0, 'then loop']]);
  });

  it('falls back to the longest found prefix when the end of the quote is elsewhere', () => {
    const items = ['Trace trees record the hot paths of a loop', '(footnote) completely different words'];
    const ranges = findQuote(items, 'trace trees record the hot paths and then something not on the page');
    expect(slices(items, ranges)).toEqual([[0, 'Trace trees record the hot paths']]);
  });

  it('falls back to the longest found suffix', () => {
    const items = ['... compiled into native code by the tracing JIT.'];
    const ranges = findQuote(items, 'Unrelated opening words, compiled into native code by the tracing JIT');
    expect(slices(items, ranges)).toEqual([[0, 'compiled into native code by the tracing JIT']]);
  });

  it('returns nothing for a short partial match, an empty quote or an empty page', () => {
    expect(findQuote(['the loop body runs'], 'the loop header is somewhere else entirely')).toEqual([]);
    expect(findQuote(['text'], ' — ')).toEqual([]);
    expect(findQuote([], 'anything at all here')).toEqual([]);
  });

  it('accepts a short quote found whole', () => {
    expect(slices(['See Figure 3.'], findQuote(['See Figure 3.'], 'Figure 3'))).toEqual([[0, 'Figure 3']]);
  });
});
