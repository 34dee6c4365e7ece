import { describe, expect, it } from 'vitest';
import { citationMarkerPattern, markerNumbers } from './index.js';

describe('citationMarkerPattern', () => {
  it('matches the marker forms answerers write, adjacent ones separately', () => {
    const text = 'A [1]. B [1, 2] C [Source 3][4] D [2-4] not [x] or [].';
    expect([...text.matchAll(citationMarkerPattern)].map((m) => m[1])).toEqual(['1', '1, 2', '3', '4', '2-4']);
  });
});

describe('markerNumbers', () => {
  it('expands lists and ranges in order and drops reversed or huge ranges', () => {
    expect(markerNumbers('1, 2; 5')).toEqual([1, 2, 5]);
    expect(markerNumbers('2-4')).toEqual([2, 3, 4]);
    expect(markerNumbers('4-2')).toEqual([]);
    expect(markerNumbers('1-40')).toEqual([]);
  });
});
