import { describe, expect, it } from 'vitest';
import { corpusBytes, type CorpusKind } from '../../test/parse/corpus.js';
import { openPdf } from './open-pdf.js';
import { readTextLayer } from './page-text.js';
import { assessPageText, type PageTextVerdict } from './page-usability.js';

/** The verdict on every page's text layer, read in this thread. */
async function verdicts(kind: CorpusKind, name: string): Promise<PageTextVerdict[]> {
  const doc = await openPdf(corpusBytes(kind, name));
  try {
    const result: PageTextVerdict[] = [];
    for (let pageNumber = 1; pageNumber <= doc.numPages; pageNumber++) {
      const page = await doc.getPage(pageNumber);
      const { text, raw } = await readTextLayer(page);
      result.push(assessPageText(text, raw));
      page.cleanup();
    }
    return result;
  } finally {
    await doc.loadingTask.destroy();
  }
}

/** Page numbers per verdict reason (`usable` for a usable page). */
function byVerdict(all: readonly PageTextVerdict[]): Record<string, number[]> {
  const groups: Record<string, number[]> = {};
  all.forEach((verdict, index) => (groups[verdict.usable ? 'usable' : verdict.reason] ??= []).push(index + 1));
  return groups;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('assessPageText on real pages', () => {
  it('tracemonkey.pdf: every page usable', async () => {
    expect(byVerdict(await verdicts('real', 'tracemonkey.pdf'))).toEqual({ usable: range(1, 14) });
  });

  it('freeculture.pdf: every page usable but the image-only cover', async () => {
    expect(byVerdict(await verdicts('real', 'freeculture.pdf'))).toEqual({ empty: [1], usable: range(2, 352) });
  }, 60_000);

  it('TAMReview.pdf: pages 2–22 are garbage (their body font has no character map); the cover and the back page are usable', async () => {
    const all = await verdicts('real', 'TAMReview.pdf');
    expect(byVerdict(all)).toEqual({ usable: [1, 23], garbage: range(2, 22) });
    expect(all[1]).toEqual({ usable: false, reason: 'garbage', evidence: '83% of the characters are unmapped glyphs' });
    expect(all[21]).toEqual({ usable: false, reason: 'garbage', evidence: '74% of the characters are unmapped glyphs' });
  });

  it('scan-bad.pdf: the scanner’s one-word text layer is usable — the page image shows exactly "pdf.js"', async () => {
    expect(await verdicts('hostile', 'scan-bad.pdf')).toEqual([{ usable: true }]);
  });

  it('empty.pdf: empty', async () => {
    expect(await verdicts('hostile', 'empty.pdf')).toEqual([{ usable: false, reason: 'empty' }]);
  });
});

describe('assessPageText', () => {
  it('accepts a short label and a page of prose', () => {
    expect(assessPageText('pdf.js')).toEqual({ usable: true });
    expect(assessPageText('Dynamic languages such as JavaScript are more difficult to compile than statically typed ones.')).toEqual({ usable: true });
  });

  it('rejects an empty or blank page as empty, also when its raw text held only control characters', () => {
    expect(assessPageText('')).toEqual({ usable: false, reason: 'empty' });
    expect(assessPageText(' \n\n ')).toEqual({ usable: false, reason: 'empty' });
    expect(assessPageText('', '\u0002\u0003')).toEqual({ usable: false, reason: 'empty' });
  });

  it('rejects unmapped glyphs found in the raw text even when the normalised text looks short and harmless', () => {
    expect(assessPageText('14 Descriptions', '\u0002\u0003\u0004\u0005 14 \u0006\u0007 Descriptions \u0008')).toEqual({
      usable: false,
      reason: 'garbage',
      evidence: '33% of the characters are unmapped glyphs',
    });
  });

  it('rejects text that hardly forms words or numbers, once there is enough of it to judge', () => {
    // Debris of TAMReview.pdf's pages once the unmapped glyphs are gone: "of the" and "(7000)" are all that read.
    const debris = '% & ! ( -.4.) 700;)& K + % & " % & ! % & & \' & \' % % K + D D & 6 % 2 f % \' of the (7000)';
    expect(assessPageText(debris)).toEqual({ usable: false, reason: 'garbage', evidence: 'only 25% of the characters form words or numbers' });
    expect(assessPageText('% & ! K +')).toEqual({ usable: true });
  });

  it('rejects words that run together (a font that lost its spaces)', () => {
    const glued = 'Applicationsandpracticalissuesofthisschemeare discussedinthefollowingsectionindetail';
    expect(assessPageText(glued)).toEqual({ usable: false, reason: 'garbage', evidence: 'words average 41.5 letters' });
  });

  it('keeps a page with a few unmapped bullets (4% in the American Express filing)', () => {
    const raw = `\u0007 ${'Card Member loans and receivables are reported net of reserves. '.repeat(2)}`;
    expect(assessPageText(raw.trim().replace('\u0007', ' ').trim(), raw)).toEqual({ usable: true });
  });
});
