import Type from 'typebox';
import { Id } from './common.js';
import { DocumentStatus, ProcessingStage } from './document.js';
import { ErrorDetail } from './error.js';

/** `GET /api/jobs/:jid`. A job's status is its document's status. */
export const JobInfo = Type.Object(
  {
    jobId: Id,
    documentId: Id,
    status: DocumentStatus,
    stage: Type.Union([ProcessingStage, Type.Null()]),
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    detail: Type.Union([Type.String(), Type.Null()]),
    attempts: Type.Integer({ minimum: 0 }),
    error: Type.Optional(ErrorDetail),
  },
  { title: 'Job', additionalProperties: false },
);
export type JobInfo = Type.Static<typeof JobInfo>;

/** The message the API enqueues and the processor consumes (SQS body or local queue row). */
export const JobMessage = Type.Object(
  {
    jobId: Id,
    documentId: Id,
    sessionId: Id,
    /** Blob key of the uploaded PDF. */
    key: Type.String({ minLength: 1 }),
    /** Size of the PDF in bytes. */
    size: Type.Integer({ minimum: 0 }),
  },
  { title: 'JobMessage', additionalProperties: false },
);
export type JobMessage = Type.Static<typeof JobMessage>;
