import type { Migration } from 'kysely';
import { sessionsDocumentsJobs } from './0001-sessions-documents-jobs.js';
import { messages } from './0002-messages.js';
import { jobQueue } from './0003-job-queue.js';
import { documentPageWarnings } from './0004-document-page-warnings.js';

/** The app's migrations, applied in name order. Never rename or edit one that has shipped: add the next. */
export const appMigrations: Record<string, Migration> = {
  '0001_sessions_documents_jobs': sessionsDocumentsJobs,
  '0002_messages': messages,
  '0003_job_queue': jobQueue,
  '0004_document_page_warnings': documentPageWarnings,
};
