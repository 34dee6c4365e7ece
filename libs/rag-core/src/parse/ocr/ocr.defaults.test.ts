import { describe, expect, it } from 'vitest';
import { ocrDefaults, resolveOcrOptions } from './ocr.defaults.js';

describe('resolveOcrOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveOcrOptions()).toEqual({ maxPages: 50, concurrency: 1, pageTimeoutMs: 60_000, dpi: 300, maxPixels: 9_000_000, minConfidence: 50 });
    expect(resolveOcrOptions({})).toEqual(ocrDefaults);
  });

  it('takes every option given', () => {
    expect(resolveOcrOptions({ maxPages: 0, concurrency: 4, pageTimeoutMs: 5_000, dpi: 200, maxPixels: 4_000_000, minConfidence: 70 })).toEqual({
      maxPages: 0,
      concurrency: 4,
      pageTimeoutMs: 5_000,
      dpi: 200,
      maxPixels: 4_000_000,
      minConfidence: 70,
    });
  });

  it('rejects a value out of range or not an integer, naming the option', () => {
    expect(() => resolveOcrOptions({ concurrency: 0 })).toThrow(new RangeError('OCR option concurrency must be an integer from 1 to 16, got 0'));
    expect(() => resolveOcrOptions({ maxPages: -1 })).toThrow(new RangeError(`OCR option maxPages must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, got -1`));
    expect(() => resolveOcrOptions({ dpi: 72.5 })).toThrow(new RangeError('OCR option dpi must be an integer from 36 to 1200, got 72.5'));
    expect(() => resolveOcrOptions({ minConfidence: 101 })).toThrow(new RangeError('OCR option minConfidence must be an integer from 0 to 100, got 101'));
    expect(() => resolveOcrOptions({ pageTimeoutMs: Number.NaN })).toThrow(RangeError);
    expect(() => resolveOcrOptions({ maxPixels: 1_000 })).toThrow(new RangeError('OCR option maxPixels must be an integer from 100000 to 100000000, got 1000'));
  });
});
