import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JobMessage } from '@student-helper/shared-types';
import { parseJobMessage, type JobOutcome, type JobContext, type ProcessorLogger, retryDelaySeconds } from '@student-helper/ingestion';
import { finalVisibilitySeconds, lambdaDefaults } from './lambda.defaults.js';

/** Gives a received message back to SQS sooner than its visibility timeout (`SqsJobQueue` implements it). */
export interface MessageVisibility {
  changeVisibility(receiptHandle: string, seconds: number): Promise<void>;
}

export interface SqsBatchOptions {
  /** `processDocumentJob` bound to its dependencies. */
  process(message: JobMessage, context: JobContext): Promise<JobOutcome>;
  /** The queue's redrive setting: the receive with `receiveCount >= maxReceiveCount` is the last. */
  maxReceiveCount: number;
  /** Sets when a failed message comes back; without it, it returns after the queue's visibility timeout. */
  visibility?: MessageVisibility;
  log: ProcessorLogger;
  /** Default {@link lambdaDefaults.deadlineMarginMs}. */
  deadlineMarginMs?: number;
  /** When a message that failed on receive `n` comes back. Default: the worker loop's backoff (30 s, 60 s, … ≤ 15 min). */
  retryDelaySeconds?: (receiveCount: number) => number;
  now?: () => number;
}

/** A record that can never be processed: its body is not a JobMessage, or SQS's attributes are missing. */
class PoisonRecordError extends Error {
  override readonly name = 'PoisonRecordError';
}

/**
 * Handles one SQS event for the processor Lambda, record by record, and answers with a partial
 * batch response (the event source mapping has `ReportBatchItemFailures`): a record listed in
 * `batchItemFailures` stays on the queue, every other one is deleted.
 *
 * - Processed (ready, failed for good as a bad PDF, or skipped): not listed — deleted.
 * - `processDocumentJob` threw (a transient fault, or the deadline): listed, and made visible
 *   again after the retry delay for its receive count — or at once on the last receive, whose
 *   document `processDocumentJob` has already marked failed, so SQS moves it to the DLQ now.
 * - Poison (body not JSON or not a `JobMessage`, no receive count): listed and made visible at
 *   once. It can never succeed, but it is not dropped: after `maxReceiveCount` quick receives SQS
 *   moves it to the DLQ, where it stays for inspection and redrive.
 *
 * The deadline is `now + remainingTimeMs − deadlineMarginMs`; `processDocumentJob` checks it
 * before every step and aborts the parse and the embedding calls when it passes, so the job
 * stops between writes and the message comes back instead of Lambda killing the container
 * mid-write. Records are processed one after another (the mapping's batch size is 1; several
 * documents at once would share the memory the parser needs). Never throws: a throw would make
 * Lambda retry the whole batch.
 */
export async function handleSqsBatch(event: SQSEvent, remainingTimeMs: number, options: SqsBatchOptions): Promise<SQSBatchResponse> {
  const now = options.now ?? Date.now;
  const deadline = now() + remainingTimeMs - (options.deadlineMarginMs ?? lambdaDefaults.deadlineMarginMs);
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    const giveBack = await handleRecord(record, deadline, options);
    if (giveBack !== undefined) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      await changeVisibility(record, giveBack, options);
    }
  }
  return { batchItemFailures };
}

/** Resolves with the visibility (seconds) to give the record back with, or undefined when it is done. */
async function handleRecord(record: SQSRecord, deadline: number, options: SqsBatchOptions): Promise<number | undefined> {
  const { log, maxReceiveCount } = options;
  const fields = { messageId: record.messageId };
  let message: JobMessage;
  let receiveCount: number;
  try {
    message = parseJobMessage(record.body);
    receiveCount = parseReceiveCount(record.attributes?.ApproximateReceiveCount);
  } catch (error) {
    // InvalidJobMessageError or PoisonRecordError: nothing about this record will change on a retry.
    log.error({ ...fields, err: error, body: String(record.body).slice(0, 500) }, 'poison message: it can never be processed; it goes to the dead-letter queue');
    return finalVisibilitySeconds;
  }
  const context = { ...fields, jobId: message.jobId, documentId: message.documentId, receiveCount };
  try {
    const outcome = await options.process(message, { receiveCount, maxReceiveCount, deadline });
    log.info({ ...context, outcome }, 'message processed');
    return undefined;
  } catch (error) {
    const lastAttempt = receiveCount >= maxReceiveCount;
    const seconds = lastAttempt ? finalVisibilitySeconds : (options.retryDelaySeconds ?? retryDelaySeconds)(receiveCount);
    log.warn({ ...context, err: error, lastAttempt, visibleAgainInSeconds: seconds }, 'message given back to the queue');
    return seconds;
  }
}

function parseReceiveCount(value: string | undefined): number {
  const count = value !== undefined && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new PoisonRecordError(`The record has no ApproximateReceiveCount attribute (got ${JSON.stringify(value)}): is it an SQS event?`);
  }
  return count;
}

async function changeVisibility(record: SQSRecord, seconds: number, options: SqsBatchOptions): Promise<void> {
  if (!options.visibility) return;
  try {
    await options.visibility.changeVisibility(record.receiptHandle, seconds);
  } catch (error) {
    // The record is still reported as failed: it only comes back later, after the visibility timeout.
    options.log.warn({ messageId: record.messageId, err: error, seconds }, 'could not change the message visibility');
  }
}
