import { describe, expect, it } from 'vitest';
import { markerNumbers, partialMarkerStart, stripCitationMarkers } from './citation-markers.js';

describe('citation markers', () => {
  it('expands lists and short ranges, skipping reversed and huge ranges', () => {
    expect(markerNumbers('1, 2')).toEqual([1, 2]);
    expect(markerNumbers('1;3')).toEqual([1, 3]);
    expect(markerNumbers('2-4')).toEqual([2, 3, 4]);
    expect(markerNumbers('2 – 3, 7')).toEqual([2, 3, 7]);
    expect(markerNumbers('4-2')).toEqual([]);
    expect(markerNumbers('1-500')).toEqual([]);
  });

  it('finds an unfinished marker at the end of streamed text only', () => {
    expect(partialMarkerStart('claim [')).toBe(6);
    expect(partialMarkerStart('claim [12, 1')).toBe(6);
    expect(partialMarkerStart('claim [Sour')).toBe(6);
    expect(partialMarkerStart('claim [1]')).toBe(-1);
    expect(partialMarkerStart('see [the figure')).toBe(-1);
    expect(partialMarkerStart(`[1${' '.repeat(45)}`)).toBe(-1);
    expect(partialMarkerStart('no bracket')).toBe(-1);
    expect(partialMarkerStart(`${'x ['.repeat(50)}[12`)).toBe(150);
  });

  it('strips markers and the space before them', () => {
    expect(stripCitationMarkers('A is B [1]. C [2, 3][4]. D [Source 5]')).toBe('A is B. C. D');
    expect(stripCitationMarkers('array[x] stays')).toBe('array[x] stays');
  });
});
