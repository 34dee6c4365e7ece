import type { DocumentInfo, ProcessingStage } from '@student-helper/shared-types';
import { describeError } from '../errors/error-messages';

export const stageLabels: Record<ProcessingStage, string> = {
  parsing: 'Reading pages',
  chunking: 'Splitting into passages',
  embedding: 'Embedding passages',
  indexing: 'Indexing',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line saying where a document is, e.g. "Reading pages · 40% · ocr 5/23" or "Ready · 23 pages · 21 read by OCR". */
export function documentStatusText(doc: DocumentInfo): string {
  switch (doc.status) {
    case 'queued':
      return 'Waiting to be processed';
    case 'processing':
      return [doc.stage ? stageLabels[doc.stage] : 'Processing', `${doc.progress}%`, doc.detail].filter(Boolean).join(' · ');
    case 'ready':
      return [
        'Ready',
        doc.pageCount !== null ? plural(doc.pageCount, 'page') : undefined,
        doc.ocrPageCount ? `${doc.ocrPageCount} read by OCR` : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'failed':
      return doc.error ? describeError(doc.error) : 'Processing failed.';
  }
}

/** The heading of a document's unreadable pages, e.g. "2 pages could not be read". */
export function pageWarningsTitle(count: number): string {
  return `${plural(count, 'page')} could not be read`;
}

/** Bytes as a short size for a file list, e.g. "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
