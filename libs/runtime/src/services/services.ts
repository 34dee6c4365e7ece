import type { Kysely } from 'kysely';
import type {
  AppTables,
  DocumentRepository,
  JobRepository,
  MessageRepository,
  PostgresJobQueue,
  SessionRepository,
} from '@student-helper/persistence';
import type { BlobStore, ChatModel, ChunkStore, Embedder, JobQueue, QueryRewriter, Retriever, VectorIndex } from '@student-helper/rag-core';
import type { Database, DatabaseConfig } from '@student-helper/rag-core/postgres';
import type { AppConfig } from '../config/app-config.js';

/**
 * The wired application: repositories over the migrated database, and one adapter per port as
 * the configuration chose. Built once per process by `createServices`; the API and the worker
 * share it. `close()` releases the database (and with it the queue and the pgvector index).
 */
export interface Services {
  readonly config: AppConfig;
  readonly database: Database<AppTables>;
  readonly db: Kysely<AppTables>;
  readonly sessions: SessionRepository;
  readonly documents: DocumentRepository;
  readonly jobs: JobRepository;
  readonly messages: MessageRepository;
  readonly blobs: BlobStore;
  /** Producer side of the processing queue. */
  readonly queue: JobQueue;
  /** The local Postgres queue's consumer side; undefined with SQS (the processor Lambda consumes it). */
  readonly queueConsumer: PostgresJobQueue | undefined;
  readonly chunks: ChunkStore;
  readonly vectors: VectorIndex;
  readonly embedder: Embedder;
  readonly chatModel: ChatModel;
  readonly rewriter: QueryRewriter;
  readonly retriever: Retriever;
  close(): Promise<void>;
}

/**
 * Replacements for what the configuration would build, for tests and tools: a db-testing
 * database, an in-memory vector index where the server has no pgvector, a scripted model.
 */
export interface ServiceOverrides {
  database?: DatabaseConfig;
  blobs?: BlobStore;
  vectors?: VectorIndex;
  embedder?: Embedder;
  chatModel?: ChatModel;
  rewriter?: QueryRewriter;
  /** The Postgres queue's clock (tests move it instead of sleeping). */
  queueClock?: () => Date;
}
