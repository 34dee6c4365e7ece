import type { ReceivedJob } from '@student-helper/persistence';
import { parseJobMessage } from '../job-message.js';
import { processDocumentJob, type JobOutcome } from '../process-document-job.js';
import type { JobContext, ProcessorDeps } from '../processor-deps.js';

/** The worker's `handle` for document jobs: validates the body, then runs `processDocumentJob`. */
export function documentJobHandler(deps: ProcessorDeps): (job: ReceivedJob, context: JobContext) => Promise<JobOutcome> {
  return (job, context) => processDocumentJob(parseJobMessage(job.body), deps, context);
}
