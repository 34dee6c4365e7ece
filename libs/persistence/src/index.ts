export type { AppTables, SessionsTable, DocumentsTable, JobsTable, MessagesTable, QueueMessagesTable, QueueDeadLettersTable } from './tables.js';
export { migrateApp, APP_MIGRATION_TABLE } from './migrate-app.js';
export { appMigrations } from './migrations/index.js';
export { SessionRepository, type NewSession } from './repositories/session-repository.js';
export { sessionRepositoryDefaults } from './repositories/session-repository.defaults.js';
export {
  DocumentRepository,
  type DeletedDocument,
  type DocumentForProcessing,
  type NewDocument,
  type ProcessingResult,
  type ProgressUpdate,
} from './repositories/document-repository.js';
export { JobRepository, type OwnedJob } from './repositories/job-repository.js';
export { MessageRepository, type AssistantMessage, type HistoryTurn } from './repositories/message-repository.js';
export { toChatMessage, toDocumentInfo, toJobInfo, toSessionInfo, type SessionRecord } from './mappers.js';
export { sanitizeFilename } from './filename.js';
export { filenameDefaults } from './filename.defaults.js';
export { isUuid, newId } from './ids.js';
export { PostgresJobQueue, type PostgresJobQueueOptions } from './queue/postgres-job-queue.js';
export { postgresJobQueueDefaults, queueLimits } from './queue/postgres-job-queue.defaults.js';
export type { DeadLetter, JobQueueConsumer, QueueCounts, ReceivedJob, ReceiveOptions } from './queue/job-queue-consumer.js';
