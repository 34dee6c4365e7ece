import { describe, expect, it } from 'vitest';
import { assessPageText } from './page-usability.js';

describe('assessPageText', () => {
  it('accepts a page with any text', () => {
    expect(assessPageText('pdf.js')).toEqual({ usable: true });
  });
  it('rejects an empty or blank page as empty', () => {
    expect(assessPageText('')).toEqual({ usable: false, reason: 'empty' });
    expect(assessPageText(' \n\n ')).toEqual({ usable: false, reason: 'empty' });
  });
});
