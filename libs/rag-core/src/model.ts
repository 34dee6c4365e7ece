import type { VectorRecord } from './ports/vector-index.js';

/** Text of one PDF page. `pageNumber` is 1-based, as printed by PDF viewers. */
export interface PageText {
  pageNumber: number;
  text: string;
  /** Where `text` came from: the PDF's text layer (absent or `'text'`) or OCR of the rendered page. */
  source?: 'text' | 'ocr';
  /** For `source: 'ocr'`: tesseract's mean word confidence, 0–100. */
  ocrConfidence?: number;
}

/** A parsed PDF: every page in order (a page without text has `text: ''`). */
export interface ParsedDocument {
  pageCount: number;
  pages: PageText[];
}

/**
 * A retrievable passage. Chunks never cross a page boundary, so every citation names exactly
 * one page; `pageEnd` equals `pageStart` today and stays in the contract for formats where a
 * passage may span pages. `charStart`/`charEnd` are offsets into the page's `text`
 * (end exclusive), used to highlight the passage in the viewer.
 */
export interface Chunk {
  documentId: string;
  index: number;
  pageStart: number;
  pageEnd: number;
  charStart: number;
  charEnd: number;
  text: string;
  tokenCount: number;
  /**
   * Present only when the text was recognised by OCR (the page's text layer was empty or
   * garbage): the page's `ocrConfidence`, 0–100 — the lowest of its pages, should a chunk span several.
   */
  ocrConfidence?: number;
}

/** A chunk as stored for a session. `key` is {@link chunkKey}. */
export interface StoredChunk extends Chunk {
  key: string;
  sessionId: string;
}

/** A chunk with the score it was retrieved with (higher is better). */
export interface ScoredChunk extends StoredChunk {
  score: number;
}

/** Deterministic key of a chunk: the same job always writes the same keys, so redelivery replaces. */
export function chunkKey(documentId: string, chunkIndex: number): string {
  return `${documentId}#${chunkIndex}`;
}

/** The vector index record of `chunk` in `sessionId`, keyed by {@link chunkKey}. */
export function vectorRecord(sessionId: string, chunk: Chunk, embedding: Float32Array): VectorRecord {
  return {
    key: chunkKey(chunk.documentId, chunk.index),
    sessionId,
    documentId: chunk.documentId,
    chunkIndex: chunk.index,
    pageStart: chunk.pageStart,
    pageEnd: chunk.pageEnd,
    text: chunk.text,
    embedding,
  };
}

/** One turn of chat history. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}
