import Type from 'typebox';
import { Id, Timestamp } from './common.js';
import { ErrorDetail } from './error.js';

export const DocumentStatus = Type.Union(
  [Type.Literal('queued'), Type.Literal('processing'), Type.Literal('ready'), Type.Literal('failed')],
  { title: 'DocumentStatus' },
);
export type DocumentStatus = Type.Static<typeof DocumentStatus>;

/** Stages of `processing`, in order. */
export const ProcessingStage = Type.Union(
  [Type.Literal('parsing'), Type.Literal('chunking'), Type.Literal('embedding'), Type.Literal('indexing')],
  { title: 'ProcessingStage' },
);
export type ProcessingStage = Type.Static<typeof ProcessingStage>;
export const processingStages: readonly ProcessingStage[] = ['parsing', 'chunking', 'embedding', 'indexing'];

/** A page that could not be read (its text layer broken, and OCR could not read it or did not reach it). */
export const PageWarning = Type.Object(
  {
    pageNumber: Type.Integer({ minimum: 1 }),
    /** Why, in a sentence, e.g. `OCR confidence 31 is below the minimum of 50.` */
    message: Type.String(),
  },
  { title: 'PageWarning', additionalProperties: false },
);
export type PageWarning = Type.Static<typeof PageWarning>;

export const DocumentInfo = Type.Object(
  {
    documentId: Id,
    sessionId: Id,
    jobId: Id,
    filename: Type.String(),
    sizeBytes: Type.Integer({ minimum: 0 }),
    status: DocumentStatus,
    stage: Type.Union([ProcessingStage, Type.Null()]),
    /** 0–100 over the whole pipeline. */
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    /** Extra progress text such as `ocr 5/23`; null when there is none. */
    detail: Type.Union([Type.String(), Type.Null()]),
    pageCount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    chunkCount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    /** Pages whose text is missing from the document, in the order they were found; `[]` until processed. */
    pageWarnings: Type.Array(PageWarning),
    /** Pages whose text was recognised by OCR; null until the document is processed. */
    ocrPageCount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    error: Type.Union([ErrorDetail, Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Document', additionalProperties: false },
);
export type DocumentInfo = Type.Static<typeof DocumentInfo>;

/** 202 body of `POST /api/sessions/:sid/documents`. */
export const UploadAccepted = Type.Object(
  { documentId: Id, jobId: Id, status: DocumentStatus },
  { title: 'UploadAccepted', additionalProperties: false },
);
export type UploadAccepted = Type.Static<typeof UploadAccepted>;
