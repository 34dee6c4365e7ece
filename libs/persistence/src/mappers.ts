import type { Selectable } from 'kysely';
import type { ChatMessage, DocumentInfo, JobInfo, SessionInfo } from '@student-helper/shared-types';
import type { DocumentsTable, JobsTable, MessagesTable, SessionsTable } from './tables.js';

/** A session as stored: the API compares `tokenHash` with the presented token's hash. */
export interface SessionRecord {
  sessionId: string;
  title: string;
  tokenHash: string;
  createdAt: string;
}

export type DocumentRow = Selectable<DocumentsTable> & { job_id: string };
export type JobRow = Pick<Selectable<JobsTable>, 'id' | 'document_id' | 'attempts'> &
  Pick<Selectable<DocumentsTable>, 'status' | 'stage' | 'progress' | 'detail' | 'error_code' | 'error_message'>;

export function toSessionRecord(row: Selectable<SessionsTable>): SessionRecord {
  return { sessionId: row.id, title: row.title, tokenHash: row.token_hash, createdAt: row.created_at.toISOString() };
}

/** `GET /api/sessions/:sid`: the session (never its token hash) with its documents. */
export function toSessionInfo(session: SessionRecord, documents: DocumentInfo[]): SessionInfo {
  return { sessionId: session.sessionId, title: session.title, createdAt: session.createdAt, documents };
}

export function toDocumentInfo(row: DocumentRow): DocumentInfo {
  return {
    documentId: row.id,
    sessionId: row.session_id,
    jobId: row.job_id,
    filename: row.filename,
    sizeBytes: Number(row.size_bytes),
    status: row.status,
    stage: row.stage,
    progress: row.progress,
    detail: row.detail,
    pageCount: row.page_count,
    chunkCount: row.chunk_count,
    pageWarnings: row.page_warnings,
    ocrPageCount: row.ocr_page_count,
    error: row.error_code !== null && row.error_message !== null ? { code: row.error_code, message: row.error_message } : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toJobInfo(row: JobRow): JobInfo {
  const info: JobInfo = {
    jobId: row.id,
    documentId: row.document_id,
    status: row.status,
    stage: row.stage,
    progress: row.progress,
    detail: row.detail,
    attempts: row.attempts,
  };
  if (row.error_code !== null && row.error_message !== null) info.error = { code: row.error_code, message: row.error_message };
  return info;
}

export function toChatMessage(row: Pick<Selectable<MessagesTable>, 'id' | 'role' | 'content' | 'citations' | 'outcome' | 'created_at'>): ChatMessage {
  return {
    messageId: row.id,
    role: row.role,
    content: row.content,
    citations: row.citations,
    outcome: row.outcome,
    createdAt: row.created_at.toISOString(),
  };
}
