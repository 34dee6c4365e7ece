import { ChangeMessageVisibilityCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { JobMessage } from '@student-helper/shared-types';
import { Value } from 'typebox/value';
import type { JobQueue } from '../ports/job-queue.js';
import { nonEmpty } from '../adapter-support/arguments.js';
import { requireRegion } from './options.js';

export interface SqsJobQueueOptions {
  /** Region of the queue. Required unless `client` is given. */
  region?: string;
  /** A pre-built client (tests, another endpoint). */
  client?: SQSClient;
  queueUrl: string;
}

/**
 * Producer side of the processing queue on SQS: `send` checks the message against the
 * shared `JobMessage` schema (a malformed job would only fail later, in the processor, as a
 * poison message) and sends it as the JSON body the Lambda handler parses.
 */
export class SqsJobQueue implements JobQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(options: SqsJobQueueOptions) {
    this.#queueUrl = nonEmpty(options.queueUrl, 'queueUrl');
    this.#client = options.client ?? new SQSClient({ region: requireRegion(options.region) });
  }

  async send(message: JobMessage): Promise<void> {
    const errors = Value.Errors(JobMessage, message);
    // `additionalProperties: false` also reports each extra key as "schema is false": name the rule instead.
    const problem = errors.find((error) => error.keyword !== 'boolean') ?? errors[0];
    if (problem) {
      const extra = problem.keyword === 'additionalProperties' ? ` (${(problem.params as { additionalProperties?: string[] }).additionalProperties?.join(', ')})` : '';
      throw new TypeError(`Not a JobMessage: ${problem.instancePath || '/'} ${problem.message}${extra}.`);
    }
    await this.#client.send(new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: JSON.stringify(message) }));
  }

  /**
   * Consumer side, for the processor Lambda: makes a received message visible again after
   * `seconds` (0 = at once) instead of after the rest of the queue's visibility timeout.
   * `receiptHandle` is the SQS record's; SQS rejects a stale one (`ReceiptHandleIsInvalid`).
   */
  async changeVisibility(receiptHandle: string, seconds: number): Promise<void> {
    nonEmpty(receiptHandle, 'receiptHandle');
    // SQS's limit: 12 hours from the receive.
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43_200) throw new RangeError(`seconds must be an integer from 0 to 43200, got ${seconds}.`);
    await this.#client.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.#queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
  }

  /** Resolves when the queue exists and this role may read its attributes. */
  async ping(): Promise<void> {
    await this.#client.send(new GetQueueAttributesCommand({ QueueUrl: this.#queueUrl, AttributeNames: ['QueueArn'] }));
  }
}
