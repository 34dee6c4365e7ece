/**
 * The real PDFs in ../shared/corpus/real: page counts (as pdfinfo reports them), known
 * sentences on known pages (found with `pdftotext -f N -l N`), joined hyphenation, clean text.
 * This is the text layer as extracted, so OCR is off here (ocr-corpus.test.ts covers OCR).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectPdf, parsePdf, type ParsedDocument } from '../../src/index.js';
import { corpusBytes, corpusFiles } from './corpus.js';

const pageCounts: Record<string, number> = {
  '160F-2019.pdf': 1,
  'S2.pdf': 1,
  'TAMReview.pdf': 23,
  'alphatrans.pdf': 1,
  'freeculture.pdf': 352,
  'tracemonkey.pdf': 14,
};

const parsed = new Map<string, ParsedDocument>();

beforeAll(async () => {
  for (const name of Object.keys(pageCounts)) parsed.set(name, await parsePdf(corpusBytes('real', name), { ocr: false }));
}, 120_000);

function doc(name: string): ParsedDocument {
  const document = parsed.get(name);
  if (!document) throw new Error(`${name} was not parsed`);
  return document;
}

/** Pages (1-based) whose text contains `sentence`. */
function pagesContaining(name: string, sentence: string): number[] {
  return doc(name)
    .pages.filter((page) => page.text.includes(sentence))
    .map((page) => page.pageNumber);
}

describe('real corpus', () => {
  it('knows every file in the folder', () => {
    expect(corpusFiles('real')).toEqual(Object.keys(pageCounts).sort());
  });

  it.each(Object.entries(pageCounts))('%s has %i pages, every one in order', async (name, count) => {
    expect(await inspectPdf(corpusBytes('real', name))).toEqual({ pageCount: count });
    expect(doc(name).pageCount).toBe(count);
    expect(doc(name).pages.map((page) => page.pageNumber)).toEqual(Array.from({ length: count }, (_, index) => index + 1));
  });

  it('tracemonkey.pdf: known sentences on their pages, hyphenated words joined', () => {
    expect(pagesContaining('tracemonkey.pdf', 'Trace-based Just-in-Time Type Specialization for Dynamic\nLanguages')).toEqual([1]);
    // "com-\npile", "al-\nternative", "Perfor-\nmance" in the PDF.
    expect(pagesContaining('tracemonkey.pdf', 'Dynamic languages such as JavaScript are more difficult to compile than statically typed ones.')).toEqual([1]);
    expect(pagesContaining('tracemonkey.pdf', 'We present an alternative compilation technique')).toEqual([1]);
    expect(pagesContaining('tracemonkey.pdf', 'General Terms Design, Experimentation, Measurement, Performance.')).toEqual([1]);
    expect(pagesContaining('tracemonkey.pdf', 'In TraceMonkey, we support two representations for numbers:\nintegers and doubles.')).toEqual([5]);
    // A hyphen before a digit is kept: "IEEE-\n754".
    expect(pagesContaining('tracemonkey.pdf', '64-bit IEEE-\n754 floating-pointer numbers')).toEqual([5]);
    expect(pagesContaining('tracemonkey.pdf', '[17] M. Salib. Starkiller: A Static Type Inferencer and Compiler for\nPython.')).toEqual([14]);
  });

  it('freeculture.pdf: known sentences on their pages, paragraphs and hyphenation', () => {
    expect(doc('freeculture.pdf').pages[0]).toEqual({ pageNumber: 1, text: '' });
    const piracy = doc('freeculture.pdf').pages[30]?.text ?? '';
    expect(piracy.startsWith('Since the inception of the law regulating creative property, there\nhas been a war against “piracy.”')).toBe(true);
    // "cap-\nture", "effi-\ncient", "con-\ntent" in the PDF.
    expect(piracy).toContain('the animating injustice is easy to capture. As Lord Mansfield wrote');
    expect(piracy).toContain('The Internet makes possible the efficient spread of content.');
    expect(piracy).toContain('facilitate the easy spread of content in a way unimagined a generation ago.\n\n17');
    // The block quote and the next paragraph are set apart by blank lines.
    expect(piracy).toContain('include sheet music,\n\nA person may use the copy');
    expect(piracy).toContain('for his own use.1\n\nToday we are in the middle');
    expect(pagesContaining('freeculture.pdf', 'Since the inception of the law regulating creative property')).toEqual([31]);
    expect(pagesContaining('freeculture.pdf', 'LAWRENCE LESSIG (http://www.lessig.org), professor of law and a John A.')).toEqual([352]);
    expect(pagesContaining('freeculture.pdf', 'chairman of the Creative Commons (http://creativecommons.org)')).toEqual([352]);
  });

  it('one-page files: exact text', () => {
    expect(doc('alphatrans.pdf').pages).toEqual([
      { pageNumber: 1, text: 'Red: stroke=1, fill=1.\nGreen: stroke=.5, fill=.5.\nBlue: stroke=1, fill=.5\nImage: .5\nGradient: .5\n\nPowered by TCPDF (www.tcpdf.org)' },
    ]);
    expect(doc('S2.pdf').pages).toEqual([{ pageNumber: 1, text: 'a\nb\n10-7\n10-3\n\n10-7\n\n10-3\n\nc' }]);
    expect(doc('160F-2019.pdf').pages[0]?.text.startsWith("n° d'identification national\nmodèle 160 année : 2019 page : 1/1")).toBe(true);
  });

  it('TAMReview.pdf (fonts without a usable character map): no crash, debris cleaned, readable parts kept', () => {
    const pages = doc('TAMReview.pdf').pages;
    expect(pages.filter((page) => page.text.length === 0)).toEqual([]);
    expect(pagesContaining('TAMReview.pdf', 'User acceptance of technology has been an important field of study for over two decades')).toEqual([1]);
    // Headings use a font whose space glyph maps to U+0002: the control code becomes a word break.
    expect(pagesContaining('TAMReview.pdf', 'Limitations in the methodology used for testing the TAM model')).toEqual([17]);
    // Body text of pages 2–22 maps to control codes; without OCR what survives is debris.
    expect(pages[15]?.text).toBe(
      "15\n\n& 4 K +\n3 &\n% % 3\n% % ' &\n! % K + (7000) 7\n\n( # ** , -..7 K + -..8)& K + (7000)\n* 798\n+ D & 6 %\n% ' &\n\n4 E' (K +\n7000)\n\n2 %\n\n& -)\n7) %\n' ;)\n&\n\n2 Descriptions f % '\n\nSprouts - http://sprouts.aisnet.org/9-37",
    );
  });

  it('no page of any file has control characters, tabs, CRs, ligatures, doubled spaces, unjoined hyphenation or untrimmed ends', () => {
    const offending = [...parsed].flatMap(([name, document]) =>
      document.pages
        .filter(
          (page) =>
            // eslint-disable-next-line no-control-regex -- looking for control characters
            /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\uFB00-\uFB06]/.test(page.text) ||
            / {2}|\n{3}| \n|\n /.test(page.text) ||
            /\p{L}-\n\p{Ll}/u.test(page.text) ||
            page.text !== page.text.trim(),
        )
        .map((page) => `${name}#${page.pageNumber}`),
    );
    expect(offending).toEqual([]);
  });
});
