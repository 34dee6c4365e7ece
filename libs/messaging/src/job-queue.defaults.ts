import { VISIBILITY_TIMEOUT_FACTOR, assertIntegerInRange } from '@student-helper/infra-shared';

export const JOB_QUEUE_DEFAULTS = {
  /** The consumer's (Lambda) timeout the visibility timeout is derived from. */
  consumerTimeoutSeconds: 300,
  /** AWS guidance for SQS event sources: at least 5 receives before a message is dead-lettered. */
  maxReceiveCount: 5,
  /** 14 days, the SQS maximum, on both queues. */
  messageRetentionSeconds: 1_209_600,
  /** Long polling for consumers other than Lambda (Lambda long-polls on its own). */
  receiveWaitTimeSeconds: 20,
} as const;

export interface QueueTimings {
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  readonly messageRetentionSeconds: number;
}

/**
 * Visibility defaults to 6x the consumer timeout (300 s → 1800 s), AWS's guidance for Lambda
 * event sources. A shorter explicit value (the seed's 360 s) is accepted as long as it is not
 * below the consumer timeout, which Lambda rejects.
 */
export function resolveQueueTimings(args: {
  consumerTimeoutSeconds?: number;
  visibilityTimeoutSeconds?: number;
  maxReceiveCount?: number;
  messageRetentionSeconds?: number;
}): QueueTimings {
  const consumer = args.consumerTimeoutSeconds ?? JOB_QUEUE_DEFAULTS.consumerTimeoutSeconds;
  const visibility = args.visibilityTimeoutSeconds ?? VISIBILITY_TIMEOUT_FACTOR * consumer;
  const maxReceiveCount = args.maxReceiveCount ?? JOB_QUEUE_DEFAULTS.maxReceiveCount;
  const retention = args.messageRetentionSeconds ?? JOB_QUEUE_DEFAULTS.messageRetentionSeconds;
  assertIntegerInRange('consumerTimeoutSeconds', consumer, 1, 900);
  assertIntegerInRange('visibilityTimeoutSeconds', visibility, 0, 43_200);
  assertIntegerInRange('maxReceiveCount', maxReceiveCount, 1, 1000);
  assertIntegerInRange('messageRetentionSeconds', retention, 60, 1_209_600);
  if (visibility < consumer) {
    throw new Error(`visibilityTimeoutSeconds (${visibility}) must be at least the consumer timeout (${consumer}); AWS recommends ${VISIBILITY_TIMEOUT_FACTOR * consumer}`);
  }
  return { visibilityTimeoutSeconds: visibility, maxReceiveCount, messageRetentionSeconds: retention };
}

/** Deny any access to the queue over plain HTTP (aws-solutions-constructs' HttpsOnly statement). */
export function tlsOnlyQueuePolicy(queueArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'HttpsOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sqs:*',
        Resource: queueArn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}
