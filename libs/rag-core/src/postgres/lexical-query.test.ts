import { describe, expect, it } from 'vitest';
import { orQueryText } from './lexical-query.js';

describe('orQueryText', () => {
  it('ORs the distinct words of a question, lower-cased', () => {
    expect(orQueryText('What is the FY2018 capital expenditure of 3M? Capital!')).toBe(
      'what or is or the or fy2018 or capital or expenditure or of or 3m',
    );
  });

  it('strips websearch syntax so a question cannot negate or quote terms', () => {
    expect(orQueryText('"exact phrase" -excluded OR other')).toBe('exact or phrase or excluded or other');
  });

  it('keeps letters of any script', () => {
    expect(orQueryText('Économie et société à Zürich')).toBe('économie or et or société or à or zürich');
  });

  it('caps the number of terms', () => {
    expect(orQueryText('a b c d e', 3)).toBe('a or b or c');
  });

  it('has nothing to search for in punctuation alone', () => {
    expect(orQueryText(' ?! -- "" ')).toBeUndefined();
    expect(orQueryText('or OR Or')).toBeUndefined();
  });
});
