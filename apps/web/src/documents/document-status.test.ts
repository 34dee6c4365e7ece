import { describe, expect, it } from 'vitest';
import { documentInfo } from '../testing/fake-api';
import { documentStatusText, formatBytes } from './document-status';

const base = documentInfo({ documentId: 'd', filename: 'a.pdf', status: 'queued', progress: 0, pageCount: null });

describe('documentStatusText', () => {
  it('describes each status in plain words', () => {
    expect(documentStatusText(base)).toBe('Waiting to be processed');
    expect(documentStatusText({ ...base, status: 'processing', stage: 'parsing', progress: 40, detail: 'ocr 5/23' })).toBe(
      'Reading pages · 40% · ocr 5/23',
    );
    expect(documentStatusText({ ...base, status: 'processing', stage: 'embedding', progress: 75 })).toBe('Embedding passages · 75%');
    expect(documentStatusText({ ...base, status: 'processing', progress: 5 })).toBe('Processing · 5%');
    expect(documentStatusText({ ...base, status: 'ready', pageCount: 14 })).toBe('Ready · 14 pages');
    expect(documentStatusText({ ...base, status: 'ready', pageCount: 1 })).toBe('Ready · 1 page');
    expect(documentStatusText({ ...base, status: 'ready', pageCount: null })).toBe('Ready');
    expect(documentStatusText({ ...base, status: 'ready', pageCount: 23, ocrPageCount: 21 })).toBe('Ready · 23 pages · 21 read by OCR');
    expect(documentStatusText({ ...base, status: 'ready', pageCount: 23, ocrPageCount: 0 })).toBe('Ready · 23 pages');
    expect(documentStatusText({ ...base, status: 'failed', error: { code: 'ENCRYPTED_PDF', message: 'x' } })).toBe(
      'This PDF is password-protected.',
    );
    expect(documentStatusText({ ...base, status: 'failed', error: null })).toBe('Processing failed.');
  });
});

describe('formatBytes', () => {
  it('uses B, KB and MB', () => {
    expect([formatBytes(900), formatBytes(2048), formatBytes(1_258_291)]).toEqual(['900 B', '2 KB', '1.2 MB']);
  });
});
