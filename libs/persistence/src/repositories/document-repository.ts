import { sql, type Kysely, type Updateable } from 'kysely';
import type { DocumentInfo, DocumentStatus, ErrorCode, PageWarning, ProcessingStage } from '@student-helper/shared-types';
import { sanitizeFilename } from '../filename.js';
import { assertUuid, isUuid, newId } from '../ids.js';
import { toDocumentInfo } from '../mappers.js';
import type { AppTables, DocumentsTable } from '../tables.js';

export interface NewDocument {
  sessionId: string;
  /** As the client sent it; stored sanitised (see sanitizeFilename). */
  filename: string;
  sizeBytes: number;
  /** Where the uploaded PDF is stored (BlobStore key). */
  blobKey: string;
  /** Default: a new UUID (pass one when the blob key is derived from it). */
  documentId?: string;
  jobId?: string;
}

/** What the processor needs to know about a document before it works on it. */
export interface DocumentForProcessing {
  documentId: string;
  sessionId: string;
  jobId: string;
  status: DocumentStatus;
  blobKey: string;
  /** Chunk keys 0..n-1 that an earlier attempt may have written to the vector index. */
  indexedChunkCount: number | null;
}

/** What processing a document yielded. */
export interface ProcessingResult {
  pageCount: number;
  chunkCount: number;
  /** Pages read by OCR (default 0). */
  ocrPageCount?: number;
  /** Pages that could not be read (default none). */
  pageWarnings?: readonly PageWarning[];
}

export interface ProgressUpdate {
  stage: ProcessingStage;
  /** 0–100 over the whole pipeline. */
  progress: number;
  detail?: string | null;
}

/** What is left to remove after a document's row is deleted: its file and its chunks/vectors. */
export interface DeletedDocument {
  documentId: string;
  sessionId: string;
  blobKey: string;
  /** Keys 0..n-1 to delete from a vector index that deletes by key. */
  vectorChunkCount: number;
}

/**
 * Documents and their processing jobs. Every update returns whether the document still
 * exists, so the processor notices a document deleted under it.
 */
export class DocumentRepository {
  readonly #db: Kysely<AppTables>;

  // Kysely is invariant in its table interface: the app passes its own `Kysely<…>`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  /** Inserts the document (`queued`) and its job in one transaction. */
  async create(input: NewDocument): Promise<DocumentInfo> {
    const documentId = input.documentId ?? newId();
    const jobId = input.jobId ?? newId();
    assertUuid(input.sessionId, 'sessionId');
    assertUuid(documentId, 'documentId');
    assertUuid(jobId, 'jobId');
    if (!Number.isSafeInteger(input.sizeBytes) || input.sizeBytes < 0) {
      throw new RangeError(`sizeBytes must be a non-negative integer, got ${input.sizeBytes}.`);
    }
    const row = await this.#db.transaction().execute(async (trx) => {
      const document = await trx
        .insertInto('documents')
        .values({
          id: documentId,
          session_id: input.sessionId,
          filename: sanitizeFilename(input.filename),
          size_bytes: input.sizeBytes,
          blob_key: input.blobKey,
          status: 'queued',
          stage: null,
          detail: null,
          page_count: null,
          chunk_count: null,
          indexed_chunk_count: null,
          ocr_page_count: null,
          error_code: null,
          error_message: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.insertInto('jobs').values({ id: jobId, document_id: documentId, last_error: null, started_at: null, finished_at: null }).execute();
      return { ...document, job_id: jobId };
    });
    return toDocumentInfo(row);
  }

  /** The document, if it belongs to this session. */
  async get(sessionId: string, documentId: string): Promise<DocumentInfo | undefined> {
    if (!isUuid(sessionId) || !isUuid(documentId)) return undefined;
    const row = await this.#selectInfo().where('documents.session_id', '=', sessionId).where('documents.id', '=', documentId).executeTakeFirst();
    return row && toDocumentInfo(row);
  }

  /** The session's documents, oldest first. */
  async listBySession(sessionId: string): Promise<DocumentInfo[]> {
    if (!isUuid(sessionId)) return [];
    const rows = await this.#selectInfo()
      .where('documents.session_id', '=', sessionId)
      .orderBy('documents.created_at')
      .orderBy('documents.id')
      .execute();
    return rows.map(toDocumentInfo);
  }

  async findForProcessing(documentId: string): Promise<DocumentForProcessing | undefined> {
    if (!isUuid(documentId)) return undefined;
    const row = await this.#db
      .selectFrom('documents')
      .innerJoin('jobs', 'jobs.document_id', 'documents.id')
      .select(['documents.id', 'documents.session_id', 'jobs.id as job_id', 'documents.status', 'documents.blob_key', 'documents.indexed_chunk_count'])
      .where('documents.id', '=', documentId)
      .executeTakeFirst();
    return (
      row && {
        documentId: row.id,
        sessionId: row.session_id,
        jobId: row.job_id,
        status: row.status,
        blobKey: row.blob_key,
        indexedChunkCount: row.indexed_chunk_count,
      }
    );
  }

  /** Marks the document `processing` at `stage`. False when the document no longer exists. */
  async updateProgress(documentId: string, update: ProgressUpdate): Promise<boolean> {
    assertProgress(update.progress);
    return this.#update(documentId, { status: 'processing', stage: update.stage, progress: update.progress, detail: update.detail ?? null });
  }

  /**
   * Records how many chunk keys the processor is about to write to the vector index, before it
   * writes any. False when the document no longer exists.
   */
  async recordIndexedChunkCount(documentId: string, chunkCount: number): Promise<boolean> {
    assertCount(chunkCount, 'chunkCount');
    return this.#update(documentId, { indexed_chunk_count: chunkCount });
  }

  /** `ready` with its counts, and the pages that could not be read (`pageWarnings`, default none). */
  async markReady(documentId: string, result: ProcessingResult): Promise<boolean> {
    assertCount(result.pageCount, 'pageCount');
    assertCount(result.chunkCount, 'chunkCount');
    assertCount(result.ocrPageCount ?? 0, 'ocrPageCount');
    const pageWarnings = checkedPageWarnings(result.pageWarnings);
    return this.#update(documentId, {
      status: 'ready',
      stage: null,
      progress: 100,
      detail: null,
      page_count: result.pageCount,
      chunk_count: result.chunkCount,
      indexed_chunk_count: result.chunkCount,
      page_warnings: JSON.stringify(pageWarnings),
      ocr_page_count: result.ocrPageCount ?? 0,
      error_code: null,
      error_message: null,
    });
  }

  /**
   * `failed` with a code and a sentence for the student; the stage and progress it reached stay.
   * `pageWarnings` says which pages could not be read when that is why (`NO_TEXT_LAYER`).
   */
  async markFailed(documentId: string, error: { code: ErrorCode; message: string }, pageWarnings: readonly PageWarning[] = []): Promise<boolean> {
    return this.#update(documentId, {
      status: 'failed',
      detail: null,
      error_code: error.code,
      error_message: error.message,
      page_warnings: JSON.stringify(checkedPageWarnings(pageWarnings)),
    });
  }

  /**
   * Back to `queued` (no stage, no progress, no error) for documents whose jobs are queued
   * again (a DLQ redrive). Ready documents are left alone. Returns how many were reset.
   */
  async resetToQueued(documentIds: readonly string[]): Promise<number> {
    const ids = documentIds.filter(isUuid);
    if (ids.length === 0) return 0;
    const result = await this.#db
      .updateTable('documents')
      .set({
        status: 'queued',
        stage: null,
        progress: 0,
        detail: null,
        page_count: null,
        chunk_count: null,
        page_warnings: '[]',
        ocr_page_count: null,
        error_code: null,
        error_message: null,
        updated_at: sql<Date>`now()`,
      })
      .where('id', 'in', ids)
      .where('status', '<>', 'ready')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Deletes the document's row (and its job). The caller then removes the file, the chunks and
   * the vectors named in the result; a processor still working on it notices at its next
   * update and removes what it wrote.
   */
  async delete(sessionId: string, documentId: string): Promise<DeletedDocument | undefined> {
    if (!isUuid(sessionId) || !isUuid(documentId)) return undefined;
    const row = await this.#db
      .deleteFrom('documents')
      .where('session_id', '=', sessionId)
      .where('id', '=', documentId)
      .returning(['id', 'session_id', 'blob_key', 'indexed_chunk_count', 'chunk_count'])
      .executeTakeFirst();
    return (
      row && {
        documentId: row.id,
        sessionId: row.session_id,
        blobKey: row.blob_key,
        vectorChunkCount: row.indexed_chunk_count ?? row.chunk_count ?? 0,
      }
    );
  }

  #selectInfo() {
    return this.#db.selectFrom('documents').innerJoin('jobs', 'jobs.document_id', 'documents.id').selectAll('documents').select('jobs.id as job_id');
  }

  async #update(documentId: string, values: Updateable<DocumentsTable>): Promise<boolean> {
    if (!isUuid(documentId)) return false;
    const result = await this.#db
      .updateTable('documents')
      .set({ ...values, updated_at: sql<Date>`now()` })
      .where('id', '=', documentId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}

function assertProgress(progress: number): void {
  if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
    throw new RangeError(`progress must be an integer from 0 to 100, got ${progress}.`);
  }
}

function checkedPageWarnings(warnings: readonly PageWarning[] = []): PageWarning[] {
  return warnings.map(({ pageNumber, message }) => {
    if (!Number.isInteger(pageNumber) || pageNumber < 1) throw new RangeError(`pageNumber must be an integer from 1, got ${pageNumber}.`);
    return { pageNumber, message };
  });
}

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}.`);
}
