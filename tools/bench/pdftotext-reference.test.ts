import { describe, expect, it } from 'vitest';
import { cropRuns, parsePageBoxes, splitPages } from './pdftotext-reference.js';

const pdfinfo = `Pages:           4
Encrypted:       no
Page    1 size:  489.6 x 734.4 pts
Page    1 rot:   0
Page    2 size:  480 x 678 pts
Page    2 rot:   0
Page    3 size:  480 x 678 pts
Page    3 rot:   0
Page    4 size:  678 x 480 pts
Page    4 rot:   90
Page    1 MediaBox:      0.00     0.00   612.00   792.00
Page    1 CropBox:      61.20    28.80   550.80   763.20
Page    1 BleedBox:     61.20    28.80   550.80   763.20
Page    2 MediaBox:      0.00     0.00   480.00   678.00
Page    2 CropBox:      41.76    41.76   438.24   636.24
Page    3 MediaBox:      0.00     0.00   480.00   678.00
Page    3 CropBox:      41.76    41.76   438.24   636.24
Page    4 MediaBox:      0.00     0.00   480.00   678.00
Page    4 CropBox:      41.76    41.76   438.24   636.24
`;

describe('parsePageBoxes', () => {
  it('reads rotation, MediaBox and CropBox per page, ignoring other boxes', () => {
    expect(parsePageBoxes(pdfinfo)[0]).toEqual({
      pageNumber: 1,
      rotation: 0,
      mediaBox: { x1: 0, y1: 0, x2: 612, y2: 792 },
      cropBox: { x1: 61.2, y1: 28.8, x2: 550.8, y2: 763.2 },
    });
    expect(parsePageBoxes(pdfinfo).map((page) => [page.pageNumber, page.rotation])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 90],
    ]);
  });

  it('fails when a page lacks its boxes', () => {
    expect(() => parsePageBoxes('Page    1 rot:   0\n')).toThrow('pdfinfo gave no rotation or boxes for page 1');
  });
});

describe('cropRuns', () => {
  it('turns CropBoxes into top-left crop areas, one run per stretch of equal areas, rotated pages uncropped', () => {
    expect(cropRuns(parsePageBoxes(pdfinfo))).toEqual([
      { first: 1, last: 1, area: { x: 61, y: 28, width: 491, height: 736 } },
      { first: 2, last: 3, area: { x: 41, y: 41, width: 398, height: 596 } },
      { first: 4, last: 4 },
    ]);
  });
});

describe('splitPages', () => {
  it('splits form-feed-terminated pages', () => {
    expect(splitPages('one\n\fthe second\n\f\f', 3)).toEqual(['one\n', 'the second\n', '']);
  });
  it('fails on a page count mismatch', () => {
    expect(() => splitPages('one\f', 2)).toThrow('expected 2 form-feed-terminated pages, got 1');
  });
});
