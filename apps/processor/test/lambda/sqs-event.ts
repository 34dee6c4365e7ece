import { createHash } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

export const queueArn = 'arn:aws:sqs:ap-southeast-2:123456789012:student-helper-dev-jobs';

/**
 * One record as Lambda's SQS event source mapping delivers it (the shape of AWS's "Example
 * Amazon SQS message event"): the body is the raw message text, every attribute a string.
 */
export function sqsRecord(body: string, options: { messageId: string; receiveCount?: number; receiptHandle?: string }): SQSRecord {
  return {
    messageId: options.messageId,
    receiptHandle: options.receiptHandle ?? `AQEB${Buffer.from(options.messageId).toString('base64')}==`,
    body,
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: '1732530000000',
      SenderId: 'AROAEXAMPLE:i-0abc1234def567890',
      ApproximateFirstReceiveTimestamp: '1732530000123',
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'ap-southeast-2',
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** The receipt handle `sqsRecord` gives a message id (unless one was passed). */
export function receiptOf(messageId: string): string {
  return `AQEB${Buffer.from(messageId).toString('base64')}==`;
}

/** Records every `changeVisibility` call; `fail` makes them reject. */
export class RecordingVisibility {
  readonly calls: [receiptHandle: string, seconds: number][] = [];
  fail: Error | undefined;

  async changeVisibility(receiptHandle: string, seconds: number): Promise<void> {
    this.calls.push([receiptHandle, seconds]);
    if (this.fail) throw this.fail;
  }
}

/** A logger that keeps every entry, for exact assertions on what an operator would read. */
export class RecordingLogger {
  readonly entries: { level: 'info' | 'warn' | 'error'; message: string; fields: Record<string, unknown> }[] = [];
  info(fields: object, message: string): void {
    this.entries.push({ level: 'info', message, fields: fields as Record<string, unknown> });
  }
  warn(fields: object, message: string): void {
    this.entries.push({ level: 'warn', message, fields: fields as Record<string, unknown> });
  }
  error(fields: object, message: string): void {
    this.entries.push({ level: 'error', message, fields: fields as Record<string, unknown> });
  }
}
