import { describe, expect, it } from 'vitest';
import { numberedSource } from '../../test/answer/fixtures.js';
import { CitationParser, parseCitations } from './citation-parser.js';
import { NOT_FOUND_ANSWER } from './not-found.js';

const biology =
  'Photosynthesis happens in chloroplasts. The light reactions produce ATP and NADPH. The Calvin cycle fixes carbon dioxide into sugar.';
const chemistry = 'Water boils at 100 degrees Celsius at sea level. Salt raises the boiling point.';
const physics = 'Energy is conserved in a closed system.';
const sources = [
  numberedSource(1, biology, { documentId: 'bio', documentName: 'Biology.pdf', pageStart: 12, pageEnd: 12, charStart: 200, chunkIndex: 4, score: 0.9 }),
  numberedSource(2, chemistry, { documentId: 'chem', documentName: 'Chemistry.pdf', pageStart: 3, pageEnd: 3, charStart: 0, chunkIndex: 0, score: 0.5 }),
  numberedSource(3, physics, { documentId: 'phys', documentName: 'Physics.pdf', pageStart: 7, pageEnd: 7, charStart: 40, chunkIndex: 2, score: 0.25 }),
];

function streamed(tokens: readonly string[]) {
  const parser = new CitationParser(sources);
  const fresh = tokens.map((token) => parser.push(token));
  return { fresh, result: parser.finish() };
}

describe('CitationParser', () => {
  it('maps a marker split over three tokens to the source, page and supporting sentence', () => {
    const { fresh, result } = streamed(['The light ', 'reactions make ATP ', '[', '1', ']', '.']);
    expect(fresh).toEqual([[], [], [], [], [1], []]);
    expect(result).toEqual({
      text: 'The light reactions make ATP [1].',
      citations: [
        {
          marker: 1,
          documentId: 'bio',
          documentName: 'Biology.pdf',
          page: 12,
          quote: 'The light reactions produce ATP and NADPH.',
          score: 0.9,
          chunkIndex: 4,
          charStart: 240,
          charEnd: 282,
        },
      ],
      invalidMarkers: [],
      notFound: false,
    });
    expect(biology.slice(240 - 200, 282 - 200)).toBe(result.citations[0].quote);
  });

  it('marks the citation of a source read by OCR with its confidence', () => {
    const scanned = [numberedSource(1, 'Perceived ease of use is one belief.', { pageStart: 6, pageEnd: 6, ocrConfidence: 94 }), numberedSource(2, chemistry)];
    const { citations } = parseCitations('Ease of use is a belief [1]. Water boils [2].', scanned);
    expect(citations.map((citation) => [citation.marker, citation.page, citation.ocrConfidence])).toEqual([
      [1, 6, 94],
      [2, 1, undefined],
    ]);
    expect('ocrConfidence' in (citations[1] ?? {})).toBe(false);
  });

  it('reads [1, 2] and [1][3], cites each source once in order of first citation', () => {
    const { result } = streamed([
      'Salt raises the boiling point of water [2, 1]. ',
      'Energy is conserved in chloroplasts [1][3]. Water boils at 100 degrees [2].',
    ]);
    expect(result.citations.map((c) => [c.marker, c.quote])).toEqual([
      [2, 'Salt raises the boiling point.'],
      [1, 'Photosynthesis happens in chloroplasts.'],
      [3, 'Energy is conserved in a closed system.'],
    ]);
    expect(result.citations.map((c) => [c.charStart, c.charEnd])).toEqual([
      [49, 79],
      [200, 239],
      [40, 79],
    ]);
  });

  it('ignores and reports out-of-range markers, keeping the valid ones', () => {
    const result = parseCitations('Sugar comes from the Calvin cycle [0][4, 1] and more [9] [4].', sources);
    expect(result.citations.map((c) => [c.marker, c.quote])).toEqual([[1, 'The Calvin cycle fixes carbon dioxide into sugar.']]);
    expect(result.invalidMarkers).toEqual([0, 4, 9]);
  });

  it('accepts ranges, "Source n" and spaced markers; leaves non-markers alone', () => {
    const result = parseCitations('Boiling and energy [Source 2-3]. See array[x] and [ 1 ] too. [Sources 1; 2]', sources);
    expect(result.citations.map((c) => c.marker)).toEqual([2, 3, 1]);
    expect(result.invalidMarkers).toEqual([]);
  });

  it('cites the sentence before a marker that follows the full stop, and the next sentence for a leading marker', () => {
    const result = parseCitations('[3] Energy is conserved in a closed system. Carbon dioxide becomes sugar. [1]', sources);
    expect(result.citations.map((c) => [c.marker, c.quote])).toEqual([
      [3, 'Energy is conserved in a closed system.'],
      [1, 'The Calvin cycle fixes carbon dioxide into sugar.'],
    ]);
  });

  it('quotes the first sentence when the citing sentence shares no term with the source', () => {
    const result = parseCitations('Something unrelated [2].', sources);
    expect(result.citations[0].quote).toBe('Water boils at 100 degrees Celsius at sea level.');
    expect([result.citations[0].charStart, result.citations[0].charEnd]).toEqual([0, 48]);
  });

  it('waits for a marker whose closing bracket has not arrived and drops it if the stream ends', () => {
    const parser = new CitationParser(sources);
    expect(parser.push('Water boils [2')).toEqual([]);
    expect(parser.push(', 3')).toEqual([]);
    expect(parser.push('] then [1')).toEqual([2, 3]);
    const result = parser.finish();
    expect(result.citations.map((c) => c.marker)).toEqual([2, 3]);
    expect(result.text).toBe('Water boils [2, 3] then [1');
  });

  it('recognises the not-found sentence, also when streamed in pieces', () => {
    const { result } = streamed(['I could ', 'not find', ' this in your ', 'documents.']);
    expect(result).toEqual({ text: NOT_FOUND_ANSWER, citations: [], invalidMarkers: [], notFound: true });
    expect(parseCitations('Photosynthesis happens in chloroplasts [1].', sources).notFound).toBe(false);
  });

  it('handles a thousand single-character tokens the same as the whole text', () => {
    const text = 'The light reactions produce ATP [1]. Salt raises the boiling point [2]. '.repeat(14);
    const parser = new CitationParser(sources);
    for (const character of text) parser.push(character);
    expect(parser.finish()).toEqual(parseCitations(text, sources));
  });
});
