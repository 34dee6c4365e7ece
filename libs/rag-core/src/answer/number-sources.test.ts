import { describe, expect, it } from 'vitest';
import { scoredChunk } from '../../test/answer/fixtures.js';
import type { NumberedSource } from '../ports/chat-model.js';
import { numberSources, toRetrievedSource } from './number-sources.js';

const names = (id: string) => `${id.toUpperCase()}.pdf`;

describe('numberSources', () => {
  it('numbers chunks 1..n in rank order with their document names', () => {
    const sources = numberSources(
      [
        scoredChunk('a', 3, 'Alpha text.', { pageStart: 4, pageEnd: 4, charStart: 10, score: 0.8 }),
        scoredChunk('b', 0, 'Beta text.', { score: 0.5 }),
      ],
      names,
    );
    expect(sources).toEqual([
      {
        marker: 1,
        key: 'a#3',
        documentId: 'a',
        documentName: 'A.pdf',
        chunkIndex: 3,
        pageStart: 4,
        pageEnd: 4,
        charStart: 10,
        charEnd: 21,
        text: 'Alpha text.',
        score: 0.8,
      },
      {
        marker: 2,
        key: 'b#0',
        documentId: 'b',
        documentName: 'B.pdf',
        chunkIndex: 0,
        pageStart: 1,
        pageEnd: 1,
        charStart: 0,
        charEnd: 10,
        text: 'Beta text.',
        score: 0.5,
      },
    ]);
    expect(toRetrievedSource(sources[0])).toEqual({
      marker: 1,
      documentId: 'a',
      documentName: 'A.pdf',
      chunkIndex: 3,
      pageStart: 4,
      pageEnd: 4,
      score: 0.8,
    });
  });

  it('carries the OCR confidence of a chunk read by OCR to its source and the retrieval event, and none otherwise', () => {
    const sources = numberSources([scoredChunk('scan', 0, 'Perceived ease of use.', { pageStart: 6, pageEnd: 6, ocrConfidence: 94 }), scoredChunk('scan', 1, 'Cover.')], () => 'TAMReview.pdf');
    expect(sources.map((source) => [source.marker, source.ocrConfidence])).toEqual([
      [1, 94],
      [2, undefined],
    ]);
    expect(toRetrievedSource(sources[0] as NumberedSource)).toStrictEqual({
      marker: 1, documentId: 'scan', documentName: 'TAMReview.pdf', chunkIndex: 0, pageStart: 6, pageEnd: 6, score: 1, ocrConfidence: 94,
    });
    expect('ocrConfidence' in toRetrievedSource(sources[1] as NumberedSource)).toBe(false);
  });

  it('drops repeated keys and chunks mostly inside a kept chunk of the same page, keeps normal overlap', () => {
    const text = 'x'.repeat(100);
    const sources = numberSources(
      [
        scoredChunk('a', 0, text, { charStart: 0 }),
        scoredChunk('a', 0, text, { charStart: 0 }),
        scoredChunk('a', 1, text, { charStart: 50 }), // half inside chunk 0: dropped
        scoredChunk('a', 2, text, { charStart: 85 }), // 15 % overlap: kept
        scoredChunk('a', 9, text, { charStart: 0, pageStart: 2, pageEnd: 2 }), // other page: kept
        scoredChunk('b', 0, text, { charStart: 0 }), // other document: kept
      ],
      names,
    );
    expect(sources.map((s) => [s.marker, s.key, s.pageStart])).toEqual([
      [1, 'a#0', 1],
      [2, 'a#2', 1],
      [3, 'a#9', 2],
      [4, 'b#0', 1],
    ]);
  });

  it('stops at the first chunk over the token budget but always keeps the first, and caps the count', () => {
    const chunks = [400, 300, 200, 10].map((tokens, i) => scoredChunk('d', i, `chunk ${i}`, { pageStart: i + 1, pageEnd: i + 1, tokenCount: tokens }));
    expect(numberSources(chunks, names, { tokenBudget: 650 }).map((s) => s.key)).toEqual(['d#0']);
    expect(numberSources(chunks, names, { tokenBudget: 700 }).map((s) => s.key)).toEqual(['d#0', 'd#1']);
    expect(numberSources(chunks, names, { tokenBudget: 100 }).map((s) => s.key)).toEqual(['d#0']);
    expect(numberSources(chunks, names, { maxSources: 3 }).map((s) => s.key)).toEqual(['d#0', 'd#1', 'd#2']);
    expect(numberSources([], names)).toEqual([]);
  });
});
