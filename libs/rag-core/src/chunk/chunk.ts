import type { Chunk, PageText } from '../model.js';
import { resolveChunkOptions, type ChunkOptions, type ResolvedChunkOptions } from './chunk.defaults.js';
import { countTokens, tokenEnds } from './count-tokens.js';
import { sentenceSpans } from './sentences.js';
import { lineSpans, paragraphSpans, wordSpans, type Span } from './spans.js';

/** The smallest pieces chunks are packed from: sentences, or pieces of over-long ones. */
interface Unit extends Span {
  tokens: number;
  paragraph: number;
}

/**
 * Splits pages into overlapping, sentence-aligned chunks that never cross a page boundary.
 *
 * Per page: paragraphs (blank lines) → sentences → (over-long sentences) lines → words. Units
 * are packed greedily up to `targetTokens`; a chunk ends early at a paragraph end once it holds
 * `minTokens` and the next paragraph would not fit; it never exceeds `maxTokens`. A short page
 * tail is absorbed into the last chunk when that stays within `maxTokens`. The next chunk of the
 * same page starts with the longest run of whole trailing sentences of the previous one that
 * fits in `maxOverlap`; when that is below `minOverlap` (long sentences), it starts with
 * trailing words instead. Each chunk is one contiguous slice of its page's text:
 * `page.text.slice(charStart, charEnd) === text`. A chunk of a page read by OCR carries the
 * page's `ocrConfidence`. Pure and deterministic, so a redelivered job
 * writes the same chunks under the same keys.
 */
export function chunkPages(documentId: string, pages: readonly PageText[], options?: ChunkOptions): Chunk[] {
  const resolved = resolveChunkOptions(options);
  const chunks: Chunk[] = [];
  for (const page of pages) {
    if (!Number.isInteger(page.pageNumber) || page.pageNumber < 1) {
      throw new RangeError(`Page numbers are 1-based integers, got ${page.pageNumber}`);
    }
    for (const span of chunkSpans(page.text, resolved)) {
      const text = page.text.slice(span.start, span.end);
      chunks.push({
        documentId,
        index: chunks.length,
        pageStart: page.pageNumber,
        pageEnd: page.pageNumber,
        charStart: span.start,
        charEnd: span.end,
        text,
        tokenCount: countTokens(text),
        ...(page.source === 'ocr' && page.ocrConfidence !== undefined && { ocrConfidence: page.ocrConfidence }),
      });
    }
  }
  return chunks;
}

function chunkSpans(text: string, options: ResolvedChunkOptions): Span[] {
  const { minTokens, targetTokens, maxTokens } = options;
  const maxOverlapTokens = Math.floor(options.maxOverlap * targetTokens);
  const minOverlapTokens = Math.ceil(options.minOverlap * targetTokens);
  // A unit this small always fits after a full overlap, so every chunk stays within maxTokens.
  const units = pageUnits(text, Math.max(1, maxTokens - maxOverlapTokens));
  const n = units.length;
  const restTokens = new Array<number>(n + 1).fill(0);
  const paragraphRestTokens = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i -= 1) {
    const unit = units[i] as Unit;
    restTokens[i] = (restTokens[i + 1] as number) + unit.tokens;
    const sameParagraph = i + 1 < n && (units[i + 1] as Unit).paragraph === unit.paragraph;
    paragraphRestTokens[i] = unit.tokens + (sameParagraph ? (paragraphRestTokens[i + 1] as number) : 0);
  }

  const spans: Span[] = [];
  let overlap: { start: number; tokens: number } | undefined;
  let i = 0;
  while (i < n) {
    const first = i;
    const firstUnit = units[first] as Unit;
    const start = overlap?.start ?? firstUnit.start;
    let tokens = (overlap?.tokens ?? 0) + firstUnit.tokens;
    i += 1;
    while (i < n) {
      const unit = units[i] as Unit;
      const rest = restTokens[i] as number;
      if (rest < minTokens && tokens + rest <= maxTokens) {
        i = n;
        break;
      }
      if (tokens + unit.tokens > maxTokens) break;
      if (tokens >= minTokens) {
        if (tokens + unit.tokens > targetTokens) break;
        const opensParagraph = unit.paragraph !== (units[i - 1] as Unit).paragraph;
        if (opensParagraph && tokens + (paragraphRestTokens[i] as number) > targetTokens) break;
      }
      tokens += unit.tokens;
      i += 1;
    }
    spans.push({ start, end: (units[i - 1] as Unit).end });
    overlap = i < n ? nextOverlap(text, units, first, i, minOverlapTokens, maxOverlapTokens) : undefined;
  }
  return spans;
}

/** Where the chunk after `units[first..end)` starts, and how many tokens it repeats. */
function nextOverlap(
  text: string,
  units: readonly Unit[],
  first: number,
  end: number,
  minOverlapTokens: number,
  maxOverlapTokens: number,
): { start: number; tokens: number } | undefined {
  let j = end;
  let tokens = 0;
  while (j - 1 > first && tokens + (units[j - 1] as Unit).tokens <= maxOverlapTokens) {
    j -= 1;
    tokens += (units[j] as Unit).tokens;
  }
  if (tokens > 0 && tokens >= minOverlapTokens) return { start: (units[j] as Unit).start, tokens };

  const words = wordSpans(text, { start: (units[first] as Unit).start, end: (units[end - 1] as Unit).end });
  let k = words.length;
  tokens = 0;
  while (k - 1 > 0) {
    const word = words[k - 1] as Span;
    const wordTokens = countTokens(text.slice(word.start, word.end));
    if (tokens + wordTokens > maxOverlapTokens) break;
    tokens += wordTokens;
    k -= 1;
  }
  return tokens > 0 ? { start: (words[k] as Span).start, tokens } : undefined;
}

function pageUnits(text: string, unitMaxTokens: number): Unit[] {
  const units: Unit[] = [];
  const push = (span: Span, paragraph: number, level: 'sentence' | 'line' | 'word'): void => {
    const tokens = countTokens(text.slice(span.start, span.end));
    if (tokens <= unitMaxTokens) {
      units.push({ ...span, tokens, paragraph });
    } else if (level === 'sentence') {
      for (const line of lineSpans(text, span)) push(line, paragraph, 'line');
    } else {
      for (const piece of wordWindows(text, span, unitMaxTokens)) units.push({ ...piece, paragraph });
    }
  };
  paragraphSpans(text).forEach((paragraph, index) => {
    for (const sentence of sentenceSpans(text, paragraph)) push(sentence, index, 'sentence');
  });
  return units;
}

/** Greedy runs of whole words of at most `maxTokens`; a single longer word is cut between tokens. */
function wordWindows(text: string, within: Span, maxTokens: number): (Span & { tokens: number })[] {
  const windows: (Span & { tokens: number })[] = [];
  let current: (Span & { tokens: number }) | undefined;
  for (const word of wordSpans(text, within)) {
    const tokens = countTokens(text.slice(word.start, word.end));
    if (current !== undefined && current.tokens + tokens <= maxTokens) {
      current.end = word.end;
      current.tokens += tokens;
      continue;
    }
    if (current !== undefined) windows.push(current);
    current = undefined;
    if (tokens <= maxTokens) {
      current = { ...word, tokens };
      continue;
    }
    const ends = tokenEnds(text.slice(word.start, word.end));
    for (let from = 0; from < ends.length; from += maxTokens) {
      const pieceStart = from === 0 ? word.start : word.start + (ends[from - 1] as number);
      const pieceEnd = word.start + (ends[Math.min(from + maxTokens, ends.length) - 1] as number);
      windows.push({ start: pieceStart, end: pieceEnd, tokens: Math.min(maxTokens, ends.length - from) });
    }
  }
  if (current !== undefined) windows.push(current);
  return windows;
}
