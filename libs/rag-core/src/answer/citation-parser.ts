import type { Citation } from '@student-helper/shared-types';
import type { NumberedSource } from '../ports/chat-model.js';
import { bestSupportingQuote, defaultMaxQuoteChars } from './best-quote.js';
import { citationMarkerPattern, markerNumbers, partialMarkerStart, stripCitationMarkers } from './citation-markers.js';
import { saysNotFound } from './not-found.js';

/** What an answer cited, once it is complete. */
export interface ParsedAnswer {
  /** The answer text exactly as streamed, markers included. */
  text: string;
  /** One citation per cited source, in order of first citation. */
  citations: Citation[];
  /** Marker numbers that name no source (e.g. `[7]` with 3 sources), distinct, in order of appearance. */
  invalidMarkers: number[];
  /** The answer says the documents do not contain the answer ({@link NOT_FOUND_ANSWER}). */
  notFound: boolean;
}

export interface CitationParserOptions {
  maxQuoteChars?: number;
}

// How far back a claim may reach before its marker.
const maxClaimChars = 1000;

/**
 * Reads an answer as it streams and maps its `[n]` markers back to the numbered sources.
 * Markers may arrive split over tokens (`[`, `1`, `]`); text is scanned once, and a possible
 * marker at the end waits for the next token.
 */
export class CitationParser {
  private buffer = '';
  private scanFrom = 0;
  private readonly sources = new Map<number, NumberedSource>();
  /** Cited sources in order of first citation, each with the sentences that cited it. */
  private readonly cited = new Map<number, { source: NumberedSource; claims: string[] }>();
  private readonly leadingMarkers = new Map<number, number[]>();
  private readonly invalid = new Set<number>();

  constructor(
    sources: readonly NumberedSource[],
    private readonly options: CitationParserOptions = {},
  ) {
    for (const source of sources) this.sources.set(source.marker, source);
  }

  /** The text consumed so far. */
  get text(): string {
    return this.buffer;
  }

  /** Consumes the next piece of streamed text; returns the markers cited for the first time in it. */
  push(token: string): number[] {
    this.buffer += token;
    return this.scan(false);
  }

  /** Ends the stream (an unfinished marker at the end is ignored) and builds the citations. */
  finish(): ParsedAnswer {
    this.scan(true);
    const citations: Citation[] = [];
    for (const [marker, { source, claims }] of this.cited) {
      const supporting = claims.filter((claim) => claim !== '');
      for (const end of this.leadingMarkers.get(marker) ?? []) supporting.push(sentenceAfter(this.buffer, end));
      const quote = bestSupportingQuote(source.text, supporting, this.options.maxQuoteChars ?? defaultMaxQuoteChars);
      citations.push({
        marker,
        documentId: source.documentId,
        documentName: source.documentName,
        page: source.pageStart,
        quote: quote.text,
        score: source.score,
        chunkIndex: source.chunkIndex,
        charStart: source.charStart + quote.start,
        charEnd: source.charStart + quote.end,
        ...(source.ocrConfidence !== undefined && { ocrConfidence: source.ocrConfidence }),
      });
    }
    return { text: this.buffer, citations, invalidMarkers: [...this.invalid], notFound: saysNotFound(this.buffer) };
  }

  private scan(final: boolean): number[] {
    const fresh: number[] = [];
    const pattern = new RegExp(citationMarkerPattern.source, 'gi');
    pattern.lastIndex = this.scanFrom;
    let resumeAt = this.scanFrom;
    for (let match = pattern.exec(this.buffer); match; match = pattern.exec(this.buffer)) {
      resumeAt = match.index + match[0].length;
      const claim = claimBefore(this.buffer, match.index);
      for (const marker of markerNumbers(match[1] ?? '')) {
        const source = this.sources.get(marker);
        if (!source) {
          this.invalid.add(marker);
          continue;
        }
        let entry = this.cited.get(marker);
        if (!entry) {
          entry = { source, claims: [] };
          this.cited.set(marker, entry);
          fresh.push(marker);
        }
        entry.claims.push(claim);
        if (claim === '') this.leadingMarkers.set(marker, [...(this.leadingMarkers.get(marker) ?? []), resumeAt]);
      }
    }
    const pending = final ? -1 : partialMarkerStart(this.buffer);
    this.scanFrom = pending >= 0 ? pending : this.buffer.length;
    return fresh;
  }
}

/** Parses a complete answer at once. */
export function parseCitations(text: string, sources: readonly NumberedSource[], options?: CitationParserOptions): ParsedAnswer {
  const parser = new CitationParser(sources, options);
  parser.push(text);
  return parser.finish();
}

/** The sentence a marker at `index` closes: "A is B [1]." and "A is B. [1]" both cite "A is B". */
function claimBefore(text: string, index: number): string {
  const before = stripCitationMarkers(text.slice(Math.max(0, index - maxClaimChars), index))
    .trimEnd()
    .replace(/[.!?:;,]+["'”’)]*$/, '');
  const boundary = Math.max(lastSentenceBoundary(before), before.lastIndexOf('\n'));
  return before.slice(boundary + 1).replace(/^[\s*•-]+/, '').trim();
}

/** For a marker that opens a sentence ("[2] A is B."), the sentence after it. */
function sentenceAfter(text: string, index: number): string {
  const after = stripCitationMarkers(text.slice(index, index + maxClaimChars));
  const end = after.search(/[.!?](?:\s|$)|\n/);
  return (end < 0 ? after : after.slice(0, end)).trim();
}

function lastSentenceBoundary(text: string): number {
  let last = -1;
  for (const match of text.matchAll(/[.!?]["'”’)]*\s/g)) last = match.index + match[0].length - 1;
  return last;
}
