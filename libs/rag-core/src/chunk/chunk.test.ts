import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Chunk, PageText } from '../model.js';
import { parsePdf } from '../parse/parse-pdf.js';
import { chunkPages } from './chunk.js';
import { chunkDefaults, resolveChunkOptions } from './chunk.defaults.js';
import { countTokens } from './count-tokens.js';

/** min 20, target 30, max 40 tokens; overlap 3–6 tokens; units of at most 34 tokens. */
const small = { minTokens: 20, targetTokens: 30, maxTokens: 40, minOverlap: 0.1, maxOverlap: 0.2 };

function word(n: number): string {
  let s = '';
  for (let v = n; ; v = Math.floor(v / 26) - 1) {
    s = String.fromCharCode(97 + (v % 26)) + s;
    if (v < 26) break;
  }
  return s;
}

/** A sentence of exactly `tokens` tokens: capitalised words and a final period. */
function sentence(id: number, tokens: number): string {
  const words = Array.from({ length: tokens - 1 }, (_, j) => word(id * 100 + j));
  const text = `${words.join(' ')}.`;
  return text[0]?.toUpperCase() + text.slice(1);
}

/** Offsets of the sentences of `text` that `parts` were joined from. */
function locate(text: string, parts: string[]): { start: number; end: number }[] {
  let from = 0;
  return parts.map((part) => {
    const start = text.indexOf(part, from);
    from = start + part.length;
    return { start, end: from };
  });
}

const summary = (chunks: Chunk[]) => chunks.map((c) => [c.index, c.pageStart, c.charStart, c.charEnd, c.tokenCount]);

describe('chunkPages', () => {
  it('packs sentences up to the target with one trailing sentence of overlap and absorbs a short tail', () => {
    const parts = Array.from({ length: 20 }, (_, i) => sentence(i, 5));
    const text = parts.join(' ');
    const s = locate(text, parts);
    const chunks = chunkPages('doc', [{ pageNumber: 1, text }], small);
    expect(summary(chunks)).toEqual([
      [0, 1, s[0]?.start, s[5]?.end, 30],
      [1, 1, s[5]?.start, s[10]?.end, 30],
      [2, 1, s[10]?.start, s[15]?.end, 30],
      [3, 1, s[15]?.start, s[19]?.end, 25],
    ]);
    // The overlap is exactly one 5-token sentence: within 10–20 % of the 30-token target.
    expect(countTokens(text.slice(chunks[1]?.charStart, chunks[0]?.charEnd))).toBe(5);
  });

  it('ends chunks at paragraph ends once they hold minTokens', () => {
    const paragraphs = [5, 4, 4].map((count, p) => Array.from({ length: count }, (_, i) => sentence(p * 10 + i, 5)));
    const text = paragraphs.map((p) => p.join(' ')).join('\n\n');
    const s = locate(text, paragraphs.flat());
    const chunks = chunkPages('doc', [{ pageNumber: 3, text }], small);
    expect(summary(chunks)).toEqual([
      [0, 3, s[0]?.start, s[4]?.end, 25],
      [1, 3, s[4]?.start, s[8]?.end, 25],
      [2, 3, s[8]?.start, s[12]?.end, 25],
    ]);
    expect(chunks[1]?.text).toBe(`${paragraphs[0]?.[4]}\n\n${paragraphs[1]?.join(' ')}`);
  });

  it('splits a sentence longer than allowed between words and overlaps by trailing words', () => {
    const parts = sentence(0, 80).split(' ');
    const text = parts.join(' ');
    const w = locate(text, parts);
    const chunks = chunkPages('doc', [{ pageNumber: 1, text }], small);
    expect(summary(chunks)).toEqual([
      [0, 1, w[0]?.start, w[33]?.end, 34],
      [1, 1, w[28]?.start, w[67]?.end, 40],
      [2, 1, w[62]?.start, w[78]?.end, 18],
    ]);
  });

  it('splits an over-long sentence at line breaks before splitting between words', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `Row ${word(i)} ${word(i + 50)} ${word(i + 90)}`);
    const text = lines.join('\n');
    const l = locate(text, lines);
    const chunks = chunkPages('doc', [{ pageNumber: 1, text }], small);
    expect(summary(chunks)).toEqual([
      [0, 1, l[0]?.start, l[6]?.end, 28],
      [1, 1, l[6]?.start, l[11]?.end, 24],
    ]);
  });

  it('cuts a single word longer than allowed between tokens, without overlap', () => {
    const text = 'a,'.repeat(50);
    const chunks = chunkPages('doc', [{ pageNumber: 1, text }], small);
    expect(summary(chunks)).toEqual([
      [0, 1, 0, 34, 34],
      [1, 1, 34, 68, 34],
      [2, 1, 68, 100, 32],
    ]);
  });

  it('never crosses pages, numbers chunks across the document and skips pages without text', () => {
    const pages: PageText[] = [
      { pageNumber: 1, text: 'Page one has one sentence.' },
      { pageNumber: 2, text: '' },
      { pageNumber: 3, text: ' \n\n \t' },
      { pageNumber: 4, text: `${sentence(1, 25)} ${sentence(2, 25)}` },
    ];
    const chunks = chunkPages('doc-7', pages, small);
    expect(chunks.map((c) => [c.documentId, c.index, c.pageStart, c.pageEnd, c.text])).toEqual([
      ['doc-7', 0, 1, 1, 'Page one has one sentence.'],
      ['doc-7', 1, 4, 4, sentence(1, 25)],
      ['doc-7', 2, 4, 4, `${sentence(1, 25).split(' ').slice(-5).join(' ')} ${sentence(2, 25)}`],
    ]);
    expect(chunks[2]?.tokenCount).toBe(31);
  });

  it('marks every chunk of a page read by OCR with the page’s confidence, and no other chunk', () => {
    const pages: PageText[] = [
      { pageNumber: 1, text: 'The cover has a good text layer.' },
      { pageNumber: 2, text: `${sentence(1, 25)} ${sentence(2, 25)}`, source: 'ocr', ocrConfidence: 87 },
      { pageNumber: 3, text: 'A text layer page.', source: 'text' },
    ];
    const chunks = chunkPages('scan', pages, small);
    expect(chunks.map((c) => [c.pageStart, c.ocrConfidence])).toEqual([
      [1, undefined],
      [2, 87],
      [2, 87],
      [3, undefined],
    ]);
    expect(chunks.filter((c) => 'ocrConfidence' in c).map((c) => c.index)).toEqual([1, 2]);
  });

  it('is deterministic', () => {
    const pages = [{ pageNumber: 1, text: Array.from({ length: 40 }, (_, i) => sentence(i, 7)).join(' ') }];
    expect(chunkPages('d', pages, small)).toEqual(chunkPages('d', pages, small));
  });

  it('rejects page numbers that are not 1-based integers', () => {
    expect(() => chunkPages('d', [{ pageNumber: 0, text: 'x' }])).toThrow(
      new RangeError('Page numbers are 1-based integers, got 0'),
    );
    expect(() => chunkPages('d', [{ pageNumber: 1.5, text: 'x' }])).toThrow(RangeError);
  });

  it('validates options and names the bad ones', () => {
    expect(resolveChunkOptions()).toEqual(chunkDefaults);
    expect(resolveChunkOptions({ targetTokens: 300, maxOverlap: undefined })).toEqual({ ...chunkDefaults, targetTokens: 300 });
    expect(() => resolveChunkOptions({ maxTokens: 0 })).toThrow('Chunk option maxTokens must be a positive integer, got 0');
    expect(() => resolveChunkOptions({ minTokens: 500 })).toThrow(
      'Chunk options need minTokens <= targetTokens <= maxTokens, got 500, 360, 450',
    );
    expect(() => resolveChunkOptions({ minOverlap: 0.3 })).toThrow(
      'Chunk options need 0 <= minOverlap <= maxOverlap < 0.5, got 0.3, 0.2',
    );
    expect(() => resolveChunkOptions({ maxOverlap: 0.5 })).toThrow(RangeError);
  });

  const book = fileURLToPath(new URL('../../../../../shared/corpus/real/freeculture.pdf', import.meta.url));

  function expectInvariants(pages: PageText[]): void {
    const chunks = chunkPages('book', pages);
    expect(chunks.length).toBeGreaterThan(pages.length);
    const overlaps: number[] = [];
    chunks.forEach((chunk, i) => {
      const page = pages[chunk.pageStart - 1] as PageText;
      expect(chunk.index).toBe(i);
      expect(chunk.pageEnd).toBe(chunk.pageStart);
      expect(page.text.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
      expect(chunk.tokenCount).toBe(countTokens(chunk.text));
      expect(chunk.tokenCount).toBeLessThanOrEqual(450);
      const previous = chunks[i - 1];
      if (previous?.pageStart === chunk.pageStart) {
        overlaps.push(countTokens(page.text.slice(chunk.charStart, previous.charEnd)));
      }
    });
    expect(Math.max(...overlaps)).toBeLessThanOrEqual(72);
    expect(overlaps.filter((tokens) => tokens >= 36).length / overlaps.length).toBeGreaterThan(0.99);
    expect(chunkPages('book', pages)).toEqual(chunks);
  }

  it('keeps every invariant on the 352-page book as our parser reads it', async () => {
    // OCR included: the image-only cover is recognised. Time bounds far above the ~20 s it takes alone, for a busy machine.
    const parsed = await parsePdf(new Uint8Array(await readFile(book)), { timeoutMs: 600_000 });
    expect(parsed.pages).toHaveLength(352);
    expect(parsed.pages.filter((page) => page.source === 'ocr').map((page) => page.pageNumber)).toEqual([1]);
    expectInvariants(parsed.pages);
  }, 600_000);

  it('keeps every invariant on the 352-page book as pdftotext reads it', () => {
    const pages = execFileSync('pdftotext', [book, '-'], { maxBuffer: 64 << 20 })
      .toString('utf8')
      .split('\f')
      .slice(0, -1)
      .map((text, i) => ({ pageNumber: i + 1, text }));
    expectInvariants(pages);
  });
});
