import { describe, expect, it } from 'vitest';
import { ocrPageWeight, ParseWork } from './parse-work.js';

describe('ParseWork', () => {
  it('is pages done over the page count when nothing is OCR’d', () => {
    const work = new ParseWork();
    expect([1, 2, 4].map((done) => work.textLayer(done, 4, 0))).toEqual([0.25, 0.5, 1]);
  });

  it('weighs each page to OCR, never falls as they become known, and ends at 1 with the last OCR’d page', () => {
    const work = new ParseWork();
    expect(work.textLayer(1, 3, 0)).toBe(1 / 3);
    // Page 2 needs OCR: the whole grows to 3 + ocrPageWeight, but the fraction holds.
    expect(work.textLayer(2, 3, 1)).toBe(1 / 3);
    expect(work.textLayer(3, 3, 1)).toBe(1 / 3);
    expect(work.ocr(0, 1)).toBe(1 / 3);
    expect(work.ocr(1, 1)).toBe(1);
  });

  it('rises with each OCR’d page by its weight', () => {
    const work = new ParseWork();
    work.textLayer(23, 23, 21);
    expect(work.ocr(0, 21)).toBe(23 / (23 + ocrPageWeight * 21));
    expect(work.ocr(10, 21)).toBe((23 + ocrPageWeight * 10) / (23 + ocrPageWeight * 21));
    expect(work.ocr(21, 21)).toBe(1);
  });
});
