import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze.js';

describe('analyzeText', () => {
  it('lower-cases, drops stop words and single letters, and Porter-stems words', () => {
    expect(analyzeText('What were the Capital Expenditures of a company?')).toEqual(['capit', 'expenditur', 'compani']);
  });

  it('keeps amounts whole without thousands separators or a zero fraction', () => {
    expect(analyzeText('$1,577.00 and 3.5% in 2018')).toEqual(['1577', '3.5', '2018']);
  });

  it('keeps compounds whole and adds their letter and digit parts', () => {
    expect(analyzeText("The company's FY2018 year-end PP&E; it didn't grow.")).toEqual([
      'compani',
      'fy2018',
      'fy',
      '2018',
      'yearend',
      'year',
      'end',
      'pp&e',
      'pp',
      'didnt',
      'grow',
    ]);
  });

  it('can leave out the whole form of compounds and keep only their parts', () => {
    expect(analyzeText('FY2018 year-end PP&E', { wholeCompounds: false })).toEqual(['fy', '2018', 'year', 'end', 'pp']);
  });

  it('normalises compatibility characters (NFKC) before matching', () => {
    expect(analyzeText('ﬁnancial ＲＥＶＥＮＵＥ')).toEqual(analyzeText('financial revenue'));
  });

  it('returns nothing for text without meaningful words', () => {
    expect(analyzeText('')).toEqual([]);
    expect(analyzeText('What is it? -- a, I, the $ %')).toEqual([]);
  });
});
