export { type JobQueueArgs, JobQueue } from './job-queue.js';
export { type QueueTimings, JOB_QUEUE_DEFAULTS, resolveQueueTimings, tlsOnlyQueuePolicy } from './job-queue.defaults.js';
