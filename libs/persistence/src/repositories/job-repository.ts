import { sql, type Kysely } from 'kysely';
import type { JobInfo } from '@student-helper/shared-types';
import { isUuid } from '../ids.js';
import { toJobInfo } from '../mappers.js';
import type { AppTables } from '../tables.js';

/** A job with the session that owns it (`GET /api/jobs/:jid` checks the token of that session). */
export interface OwnedJob {
  sessionId: string;
  job: JobInfo;
}

/** Processing jobs. Status, stage and progress are the document's; the job row counts attempts. */
export class JobRepository {
  readonly #db: Kysely<AppTables>;

  // Kysely is invariant in its table interface: the app passes its own `Kysely<…>`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  async get(jobId: string): Promise<OwnedJob | undefined> {
    if (!isUuid(jobId)) return undefined;
    const row = await this.#db
      .selectFrom('jobs')
      .innerJoin('documents', 'documents.id', 'jobs.document_id')
      .select([
        'jobs.id',
        'jobs.document_id',
        'jobs.attempts',
        'documents.session_id',
        'documents.status',
        'documents.stage',
        'documents.progress',
        'documents.detail',
        'documents.error_code',
        'documents.error_message',
      ])
      .where('jobs.id', '=', jobId)
      .executeTakeFirst();
    return row && { sessionId: row.session_id, job: toJobInfo(row) };
  }

  /** Counts a new processing attempt; returns the attempt number, or undefined when the job is gone. */
  async startAttempt(jobId: string): Promise<number | undefined> {
    if (!isUuid(jobId)) return undefined;
    const row = await this.#db
      .updateTable('jobs')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        started_at: sql<Date>`coalesce(started_at, now())`,
        finished_at: null,
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', jobId)
      .returning('attempts')
      .executeTakeFirst();
    return row?.attempts;
  }

  /** The job ended (ready or failed for good). */
  async finish(jobId: string): Promise<void> {
    if (!isUuid(jobId)) return;
    await this.#db
      .updateTable('jobs')
      .set({ finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
      .where('id', '=', jobId)
      .execute();
  }

  /** Keeps the technical reason of a failed attempt for operators (never shown to students). */
  async recordFailure(jobId: string, reason: string): Promise<void> {
    if (!isUuid(jobId)) return;
    await this.#db.updateTable('jobs').set({ last_error: reason, updated_at: sql<Date>`now()` }).where('id', '=', jobId).execute();
  }

  /** The technical reason of the job's last failed attempt, if any. */
  async lastFailure(jobId: string): Promise<string | undefined> {
    if (!isUuid(jobId)) return undefined;
    const row = await this.#db.selectFrom('jobs').select('last_error').where('id', '=', jobId).executeTakeFirst();
    return row?.last_error ?? undefined;
  }
}
