import { describe, expect, it } from 'vitest';
import { DocumentError } from '../errors.js';
import { documentFromPages } from './document-from-pages.js';

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof DocumentError) return error.code;
    throw error;
  }
  throw new Error('expected a DocumentError');
}

describe('documentFromPages', () => {
  it('keeps every page in order, unusable ones included, and drops the verdicts', () => {
    const document = documentFromPages(3, [
      { pageNumber: 1, text: 'one', usable: true },
      { pageNumber: 2, text: '', usable: false },
      { pageNumber: 3, text: '', usable: false, error: 'UnknownErrorException: Bad encoding in flate stream' },
    ]);
    expect(document).toEqual({
      pageCount: 3,
      pages: [
        { pageNumber: 1, text: 'one' },
        { pageNumber: 2, text: '' },
        { pageNumber: 3, text: '' },
      ],
    });
  });

  it('is NO_TEXT_LAYER when no page has usable text and every page was read', () => {
    expect(codeOf(() => documentFromPages(2, [{ pageNumber: 1, text: '', usable: false }, { pageNumber: 2, text: '', usable: false }]))).toBe('NO_TEXT_LAYER');
  });

  it('is CORRUPT_PDF when no page has usable text because pages could not be read', () => {
    expect(codeOf(() => documentFromPages(2, [{ pageNumber: 1, text: '', usable: false }, { pageNumber: 2, text: '', usable: false, error: 'x' }]))).toBe('CORRUPT_PDF');
  });

  it('is CORRUPT_PDF for a document without pages', () => {
    expect(codeOf(() => documentFromPages(0, []))).toBe('CORRUPT_PDF');
  });

  it('rejects missing or out-of-order pages as a programming error', () => {
    expect(() => documentFromPages(2, [{ pageNumber: 2, text: 'x', usable: true }])).toThrow('Expected pages 1..2 in order, got 2.');
    expect(() =>
      documentFromPages(2, [
        { pageNumber: 2, text: 'x', usable: true },
        { pageNumber: 1, text: 'y', usable: true },
      ]),
    ).toThrow('Expected pages 1..2 in order, got 2,1.');
  });
});
