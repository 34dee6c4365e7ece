/**
 * Every file in ../shared/corpus/hostile, through the upload check (inspectPdf) and the
 * processor's parse (parsePdf): each ends in its exact outcome within the time bound, and the
 * process carries on. A new file in the folder fails the first test until it gets a row here.
 */
import { describe, expect, it } from 'vitest';
import { DocumentError, inspectPdf, parsePdf, type ParsedDocument } from '../../src/index.js';
import { corpusBytes, corpusFiles } from './corpus.js';
import { rejectionOf } from './rejection.js';

/** Far below the 120 s default: every hostile file must finish well inside it. */
const timeoutMs = 20_000;

type Outcome = { error: DocumentError['code'] } | { pageCount: number };
type ParseOutcome = { error: DocumentError['code'] } | { pageCount: number; pagesWithText: number[] };

interface Row {
  inspect: Outcome;
  parse: ParseOutcome;
  why: string;
}

const expected: Record<string, Row> = {
  'GHOSTSCRIPT-698804-1-fuzzed.pdf': {
    inspect: { pageCount: 1 },
    parse: { error: 'NO_TEXT_LAYER' },
    why: 'pdf.js recovers the page tree; the page has no text and draws nothing to OCR',
  },
  'PDFBOX-3148-2-fuzzed.pdf': {
    inspect: { pageCount: 1 },
    parse: { error: 'NO_TEXT_LAYER' },
    why: 'pdf.js recovers the page tree; the page has no text and OCR finds none on it',
  },
  'empty.pdf': { inspect: { pageCount: 1 }, parse: { error: 'NO_TEXT_LAYER' }, why: 'one blank page: nothing to OCR' },
  'empty_protected.pdf': {
    inspect: { pageCount: 1 },
    parse: { error: 'NO_TEXT_LAYER' },
    why: 'AES-256 with an empty user password opens without one (as in every viewer); its one page is blank',
  },
  'issue3371.pdf': { inspect: { error: 'ENCRYPTED_PDF' }, parse: { error: 'ENCRYPTED_PDF' }, why: 'needs a user password' },
  'issue6010_1.pdf': { inspect: { error: 'ENCRYPTED_PDF' }, parse: { error: 'ENCRYPTED_PDF' }, why: 'needs the user password abc' },
  'many-pages.pdf': { inspect: { error: 'TOO_MANY_PAGES' }, parse: { error: 'TOO_MANY_PAGES' }, why: '3000 pages against the default limit of 2000' },
  'not-a-pdf.pdf': { inspect: { error: 'NOT_A_PDF' }, parse: { error: 'NOT_A_PDF' }, why: 'text without a %PDF- header' },
  'poppler-395-0-fuzzed.pdf': { inspect: { error: 'CORRUPT_PDF' }, parse: { error: 'CORRUPT_PDF' }, why: 'InvalidPDFException: Invalid Root reference.' },
  'poppler-742-0-fuzzed.pdf': { inspect: { pageCount: 1 }, parse: { error: 'CORRUPT_PDF' }, why: 'opens, but its only page fails: Illegal character: 41' },
  'poppler-90-0-fuzzed.pdf': {
    inspect: { pageCount: 16 },
    parse: { pageCount: 16, pagesWithText: [1, 3, 6, 10, 14] },
    why: 'pdf.js recovers 16 pages; 12 and 16 are unreadable, five keep (damaged) text; OCR finds no text on the others',
  },
  'poppler-937-0-fuzzed.pdf': { inspect: { pageCount: 1 }, parse: { error: 'CORRUPT_PDF' }, why: 'opens, but its only page fails: End of file inside array.' },
  'scan-bad.pdf': {
    inspect: { pageCount: 1 },
    parse: { pageCount: 1, pagesWithText: [1] },
    why: 'a scanned page whose scanner added an invisible (render mode 3) text layer: "pdf.js", which is what the image shows, so it is used without OCR',
  },
  'truncated.pdf': { inspect: { error: 'CORRUPT_PDF' }, parse: { error: 'CORRUPT_PDF' }, why: 'cut off: no xref, no trailer' },
  'zero-bytes.pdf': { inspect: { error: 'NOT_A_PDF' }, parse: { error: 'NOT_A_PDF' }, why: 'empty file' },
};

async function outcomeOf<T>(action: Promise<T>, describeResult: (result: T) => Outcome | ParseOutcome): Promise<Outcome | ParseOutcome> {
  try {
    return describeResult(await action);
  } catch (error) {
    if (error instanceof DocumentError) return { error: error.code };
    throw error;
  }
}

const parseOutcome = (document: ParsedDocument): ParseOutcome => ({
  pageCount: document.pageCount,
  pagesWithText: document.pages.filter((page) => page.text.length > 0).map((page) => page.pageNumber),
});

describe('hostile corpus', () => {
  it('has an expected outcome for every file in the folder', () => {
    expect(corpusFiles('hostile')).toEqual(Object.keys(expected).sort());
  });

  describe.each(Object.entries(expected))('%s', (name, row) => {
    it(`inspectPdf → ${JSON.stringify(row.inspect)} (${row.why})`, async () => {
      expect(await outcomeOf(inspectPdf(corpusBytes('hostile', name), { timeoutMs }), (info) => info)).toEqual(row.inspect);
    });
    it(`parsePdf → ${JSON.stringify(row.parse)}`, async () => {
      expect(await outcomeOf(parsePdf(corpusBytes('hostile', name), { timeoutMs }), parseOutcome)).toEqual(row.parse);
    });
  });

  it('scan-bad.pdf yields exactly its invisible text layer, without OCR: the page image shows just "pdf.js"', async () => {
    const ocrProgress: [number, number][] = [];
    const document = await parsePdf(corpusBytes('hostile', 'scan-bad.pdf'), { onOcrProgress: (done, total) => ocrProgress.push([done, total]) });
    expect(document.pages).toEqual([{ pageNumber: 1, text: 'pdf.js' }]);
    expect(ocrProgress).toEqual([]);
  });

  it('PDFBOX-3148-2-fuzzed.pdf: OCR finds no text on its one page, which is reported before NO_TEXT_LAYER', async () => {
    const pageErrors: [number, string][] = [];
    const outcome = await outcomeOf(
      parsePdf(corpusBytes('hostile', 'PDFBOX-3148-2-fuzzed.pdf'), { timeoutMs, onPageError: (pageNumber, reason) => pageErrors.push([pageNumber, reason]) }),
      parseOutcome,
    );
    expect(outcome).toEqual({ error: 'NO_TEXT_LAYER' });
    expect(pageErrors).toEqual([[1, 'OCR found no text.']]);
  });

  it('keeps the damaged text of poppler-90-0-fuzzed.pdf free of control characters', async () => {
    const document = await parsePdf(corpusBytes('hostile', 'poppler-90-0-fuzzed.pdf'));
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(document.pages.filter((page) => /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(page.text))).toEqual([]);
    expect(document.pages[2]?.text).toBe('4 Review ofPrvious Key Distribution\nSchemes\n4.1 Set ing\nIn broadcasKk');
  });

  it('many-pages.pdf: the limit is the only obstacle — raised, it opens with 3000 pages and parses them all', async () => {
    expect(await rejectionOf(inspectPdf(corpusBytes('hostile', 'many-pages.pdf')))).toMatchObject({ message: 'This PDF has 3000 pages; the limit is 2000.' });
    expect(await inspectPdf(corpusBytes('hostile', 'many-pages.pdf'), { maxPages: 3000 })).toEqual({ pageCount: 3000 });
    let pagesDone = 0;
    const outcome = await outcomeOf(
      parsePdf(corpusBytes('hostile', 'many-pages.pdf'), { maxPages: 3000, timeoutMs, onProgress: (done) => (pagesDone = done) }),
      parseOutcome,
    );
    // Every page was read; all 3000 are blank.
    expect(pagesDone).toBe(3000);
    expect(outcome).toEqual({ error: 'NO_TEXT_LAYER' });
  });

  it('the process is still fine afterwards: a good file parses', async () => {
    expect((await parsePdf(corpusBytes('real', 'alphatrans.pdf'))).pageCount).toBe(1);
  });
});
