export { processDocumentJob, type JobOutcome } from './process-document-job.js';
export { processorDefaults, stageProgress, processingFailedMessage, missingFileMessage } from './process-document-job.defaults.js';
export type { JobContext, ProcessorDeps, ProcessorLogger, ProcessorOptions } from './processor-deps.js';
export { DeadlineReachedError } from './job-signal.js';
export { DocumentGoneError } from './progress-reporter.js';
export { InvalidJobMessageError, parseJobMessage } from './job-message.js';
