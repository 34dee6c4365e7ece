import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ChatRequest, CitationsEventData, CreateSessionRequest, DocumentInfo, ErrorBody, JobMessage, processingStages } from './index.js';

const uuid = '0b6f3f5e-2f7c-4c1e-9a51-8f7f0c1d2e3a';

describe('JobMessage', () => {
  it('accepts the queue message the pipeline specifies', () => {
    expect(Value.Check(JobMessage, { jobId: uuid, documentId: uuid, sessionId: uuid, key: 'sessions/a/b.pdf', size: 10 })).toBe(true);
  });
  it('rejects unknown fields, missing keys, negative sizes and non-uuid ids', () => {
    expect(Value.Check(JobMessage, { jobId: uuid, documentId: uuid, sessionId: uuid, key: 'k', size: 1, extra: 1 })).toBe(false);
    expect(Value.Check(JobMessage, { jobId: uuid, documentId: uuid, sessionId: uuid, size: 1 })).toBe(false);
    expect(Value.Check(JobMessage, { jobId: uuid, documentId: uuid, sessionId: uuid, key: 'k', size: -1 })).toBe(false);
    expect(Value.Check(JobMessage, { jobId: 'x', documentId: uuid, sessionId: uuid, key: 'k', size: 1 })).toBe(false);
  });
});

describe('ChatRequest', () => {
  it('requires a non-empty question and allows a document filter', () => {
    expect(Value.Check(ChatRequest, { question: 'What is TraceMonkey?' })).toBe(true);
    expect(Value.Check(ChatRequest, { question: 'q', documentIds: [uuid] })).toBe(true);
    expect(Value.Check(ChatRequest, { question: '' })).toBe(false);
    expect(Value.Check(ChatRequest, { question: 'x'.repeat(4001) })).toBe(false);
  });
});

describe('ErrorBody', () => {
  it('only carries a known code and a message', () => {
    expect(Value.Check(ErrorBody, { error: { code: 'ENCRYPTED_PDF', message: 'This PDF is password-protected.' } })).toBe(true);
    expect(Value.Check(ErrorBody, { error: { code: 'TEAPOT', message: 'no' } })).toBe(false);
  });
});

describe('CreateSessionRequest', () => {
  it('accepts an empty body and bounds the title', () => {
    expect(Value.Check(CreateSessionRequest, {})).toBe(true);
    expect(Value.Check(CreateSessionRequest, { title: '' })).toBe(false);
    expect(Value.Check(CreateSessionRequest, { title: 'a'.repeat(201) })).toBe(false);
  });
});

describe('DocumentInfo', () => {
  it('describes a failed document with its error', () => {
    const failed = {
      documentId: uuid, sessionId: uuid, jobId: uuid, filename: 'scan.pdf', sizeBytes: 100,
      status: 'failed', stage: null, progress: 0, detail: null, pageCount: 1, chunkCount: null,
      pageWarnings: [{ pageNumber: 1, message: 'OCR found no text.' }], ocrPageCount: 0,
      error: { code: 'NO_TEXT_LAYER', message: 'This looks like a scanned image with no text.' },
      createdAt: '2026-11-25T10:00:00.000Z', updatedAt: '2026-11-25T10:00:01.000Z',
    };
    expect(Value.Check(DocumentInfo, failed)).toBe(true);
    expect(Value.Check(DocumentInfo, { ...failed, status: 'done' })).toBe(false);
  });
  it('names each unreadable page from 1, and requires the warnings and the OCR page count', () => {
    const ready = {
      documentId: uuid, sessionId: uuid, jobId: uuid, filename: 'TAMReview.pdf', sizeBytes: 100,
      status: 'ready', stage: null, progress: 100, detail: null, pageCount: 23, chunkCount: 70,
      pageWarnings: [], ocrPageCount: 21, error: null,
      createdAt: '2026-11-25T10:00:00.000Z', updatedAt: '2026-11-25T10:00:01.000Z',
    };
    expect(Value.Check(DocumentInfo, ready)).toBe(true);
    expect(Value.Check(DocumentInfo, { ...ready, pageWarnings: [{ pageNumber: 0, message: 'OCR found no text.' }] })).toBe(false);
    expect(Value.Check(DocumentInfo, { ...ready, pageWarnings: [{ pageNumber: 2 }] })).toBe(false);
    const { ocrPageCount: _omitted, ...withoutCount } = ready;
    expect(Value.Check(DocumentInfo, withoutCount)).toBe(false);
  });
  it('lists the processing stages in pipeline order', () => {
    expect(processingStages).toEqual(['parsing', 'chunking', 'embedding', 'indexing']);
  });
});

describe('CitationsEventData', () => {
  it('is an array of page citations', () => {
    const citation = { marker: 1, documentId: uuid, documentName: 'tracemonkey.pdf', page: 3, quote: 'Trace trees', score: 0.8 };
    expect(Value.Check(CitationsEventData, [citation])).toBe(true);
    expect(Value.Check(CitationsEventData, [{ ...citation, page: 0 }])).toBe(false);
  });
  it('carries an OCR confidence from 0 to 100 only for a passage recognised by OCR', () => {
    const citation = { marker: 1, documentId: uuid, documentName: 'TAMReview.pdf', page: 6, quote: 'Perceived ease of use', score: 0.8 };
    expect(Value.Check(CitationsEventData, [{ ...citation, ocrConfidence: 94 }])).toBe(true);
    expect(Value.Check(CitationsEventData, [{ ...citation, ocrConfidence: 101 }])).toBe(false);
    expect(Value.Check(CitationsEventData, [{ ...citation, ocrConfidence: null }])).toBe(false);
  });
});
