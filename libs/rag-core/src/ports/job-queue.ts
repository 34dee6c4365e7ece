import type { JobMessage } from '@student-helper/shared-types';

/** Producer side of the processing queue (SQS or the Postgres queue). */
export interface JobQueue {
  send(message: JobMessage): Promise<void>;
  ping(): Promise<void>;
}
