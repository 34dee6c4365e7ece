import type { JobMessage } from '@student-helper/shared-types';

/** A message handed to one consumer until its visibility timeout ends. */
export interface ReceivedJob {
  messageId: string;
  /**
   * Proof of this receive, for `delete` and `changeVisibility`. Every receive issues a new one,
   * so a consumer whose message was redelivered to another cannot delete it.
   */
  receipt: string;
  body: JobMessage;
  /** How many times the message has been received, this time included (1 on the first). */
  receiveCount: number;
  sentAt: Date;
  firstReceivedAt: Date;
}

export interface ReceiveOptions {
  /** At most this many messages (1–10). */
  max?: number;
  /** How long the messages stay hidden from other receives (0–43,200 s). */
  visibilityTimeoutSeconds?: number;
}

/** The consumer side of a queue with SQS semantics, as the worker loop uses it. */
export interface JobQueueConsumer {
  /** Receives beyond this move a message to the dead-letter queue. */
  readonly maxReceiveCount: number;
  receive(options?: ReceiveOptions): Promise<ReceivedJob[]>;
  /** Removes the message; false when the receipt is stale (redelivered since) or already used. */
  delete(receipt: string): Promise<boolean>;
  /** Hides the message for `seconds` from now (0 releases it); false when the receipt is stale. */
  changeVisibility(receipt: string, seconds: number): Promise<boolean>;
}

/** A message that was received `maxReceiveCount` times without being deleted. */
export interface DeadLetter {
  messageId: string;
  body: JobMessage;
  sentAt: Date;
  receiveCount: number;
  deadLetteredAt: Date;
}

export interface QueueCounts {
  /** Receivable now. */
  visible: number;
  /** Received and still hidden (or delayed). */
  hidden: number;
  deadLetters: number;
}
