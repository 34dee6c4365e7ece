import { describe, expect, it } from 'vitest';
import { analyzeText } from '../embed/analyze.js';
import { clearsFloor, hasEvidence, queryTerms, termCoverage } from './relevance-floor.js';

describe('relevance floor', () => {
  it('extracts the distinct meaningful terms of a query', () => {
    expect([...queryTerms('What were capital expenditures? Capital, please!')]).toEqual(['capit', 'expenditur']);
    // Compounds count by their parts: a filing that says "fiscal 2018" and "PP&E" covers them.
    expect([...queryTerms('Net PP&E in FY2018, year-end')]).toEqual(['net', 'pp', 'fy', '2018', 'year', 'end']);
  });

  it('leaves out words that frame the question rather than name its subject, unless nothing else is left', () => {
    expect([...queryTerms('Explain why gross margin fell; round your answer to one decimal place.')]).toEqual(['gross', 'margin', 'fell', 'place']);
    expect([...queryTerms('Please explain your answer')]).toEqual(['explain', 'answer']);
  });

  it('measures the share of query terms present in a text, after stemming', () => {
    const terms = queryTerms('capital expenditures in 2018');
    const present = (text: string) => new Set(analyzeText(text));
    expect(termCoverage(terms, present('Capital expenditure rose in 2019.'))).toBeCloseTo(2 / 3, 12);
    expect(termCoverage(terms, present('Nothing relevant here.'))).toBe(0);
    expect(termCoverage(new Set(), present('anything'))).toBe(0);
  });

  it('lets a chunk through on either vector similarity or term coverage', () => {
    const floor = { minVectorScore: 0.2, minTermCoverage: 0.5, minQueryCoverage: 0.6 };
    expect(clearsFloor({ vectorScore: 0.2, termCoverage: 0 }, floor)).toBe(true);
    expect(clearsFloor({ vectorScore: 0.19, termCoverage: 0.5 }, floor)).toBe(true);
    expect(clearsFloor({ vectorScore: 0.19, termCoverage: 0.49 }, floor)).toBe(false);
    expect(clearsFloor({ lexicalScore: 3, termCoverage: 0.49 }, floor)).toBe(false);
  });

  it('counts any shared term or a close vector as evidence for keeping a chunk of an accepted query', () => {
    const floor = { minVectorScore: 0.2, minTermCoverage: 0.5, minQueryCoverage: 0.6 };
    expect(hasEvidence({ termCoverage: 0.1 }, floor)).toBe(true);
    expect(hasEvidence({ vectorScore: 0.2, termCoverage: 0 }, floor)).toBe(true);
    expect(hasEvidence({ vectorScore: 0.19, lexicalScore: 1, termCoverage: 0 }, floor)).toBe(false);
  });
});
