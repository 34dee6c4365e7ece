import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { AnswerOutcome, Citation, DocumentStatus, ErrorCode, JobMessage, PageWarning, ProcessingStage } from '@student-helper/shared-types';

/** `timestamptz`: read as a Date; written as a Date (or left to its default). */
export type Timestamp = ColumnType<Date, Date | undefined, Date>;
/** `timestamptz` without a default: written explicitly. */
export type RequiredTimestamp = ColumnType<Date, Date, Date>;
/** `bigint`: both drivers return a number when it is a safe integer (see openDatabase). */
export type Int8 = ColumnType<number, number, number>;
/** `jsonb`: written as JSON text (see `jsonb()`), read parsed by both drivers. */
export type Jsonb<T> = ColumnType<T, string, string>;

export interface SessionsTable {
  id: string;
  title: string;
  /** Hash of the session's bearer token; the token itself is never stored. */
  token_hash: string;
  created_at: Timestamp;
}

export interface DocumentsTable {
  id: string;
  session_id: string;
  /** Sanitised display name. Never used as a path: the file lives under `blob_key`. */
  filename: string;
  size_bytes: Int8;
  blob_key: string;
  status: DocumentStatus;
  stage: ProcessingStage | null;
  progress: Generated<number>;
  detail: string | null;
  page_count: number | null;
  /** Chunks of the ready document (null until ready). */
  chunk_count: number | null;
  /**
   * How many chunk keys (0..n-1) may have vectors in the index: written before the processor
   * upserts any, so a redelivered job or a delete can remove every vector an attempt wrote
   * (S3 Vectors deletes by key, not by filter).
   */
  indexed_chunk_count: number | null;
  /** Pages that could not be read, in the order the parser reported them (`[]` by default). */
  page_warnings: ColumnType<PageWarning[], string | undefined, string>;
  /** Pages read by OCR (null until ready). */
  ocr_page_count: number | null;
  error_code: ErrorCode | null;
  error_message: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A processing job. Its status is its document's status (one job per document). */
export interface JobsTable {
  id: string;
  document_id: string;
  /** Processing attempts started (each delivery the processor acted on). */
  attempts: Generated<number>;
  /** Technical reason of the last failed attempt, for operators (students see the document's error). */
  last_error: string | null;
  created_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Timestamp;
}

export interface MessagesTable {
  id: string;
  session_id: string;
  /** Insertion order: two messages written in the same millisecond still list in order. */
  seq: GeneratedAlways<number>;
  role: 'user' | 'assistant';
  content: string;
  outcome: AnswerOutcome | null;
  citations: Jsonb<Citation[]>;
  created_at: Timestamp;
}

/** A message of the job queue (see PostgresJobQueue). */
export interface QueueMessagesTable {
  id: string;
  seq: GeneratedAlways<number>;
  body: Jsonb<JobMessage>;
  sent_at: RequiredTimestamp;
  /** Receivable when `visible_at <= now`. */
  visible_at: RequiredTimestamp;
  receive_count: Generated<number>;
  /** The receipt handle of the latest receive; a new one on every receive, null before the first. */
  receipt: string | null;
  first_received_at: Date | null;
}

/** Messages received more than `maxReceiveCount` times. */
export interface QueueDeadLettersTable {
  id: string;
  body: Jsonb<JobMessage>;
  sent_at: RequiredTimestamp;
  receive_count: number;
  dead_lettered_at: RequiredTimestamp;
}

/** Every table the app owns (rag-core's `chunks`, `document_terms` and `chunk_vectors` are in `ChunkStoreTables`). */
export interface AppTables {
  sessions: SessionsTable;
  documents: DocumentsTable;
  jobs: JobsTable;
  messages: MessagesTable;
  queue_messages: QueueMessagesTable;
  queue_dead_letters: QueueDeadLettersTable;
}
