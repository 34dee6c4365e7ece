import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import { JOB_QUEUE_DEFAULTS, resolveQueueTimings, tlsOnlyQueuePolicy } from './job-queue.defaults.js';

export interface JobQueueArgs {
  /** Timeout of the consumer (the processor Lambda); default 300 s. Plain: it sizes the queue. */
  readonly consumerTimeoutSeconds?: number;
  /** Default 6 × consumerTimeoutSeconds (1800 s). Must be ≥ the consumer timeout. */
  readonly visibilityTimeoutSeconds?: number;
  /** Receives before a message moves to the DLQ; default 5. */
  readonly maxReceiveCount?: number;
  /** Retention of both queues; default 14 days. */
  readonly messageRetentionSeconds?: number;
  /** Customer-managed KMS key; default SQS-managed encryption (SSE-SQS). */
  readonly kmsMasterKeyId?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The document job queue: main queue + dead-letter queue, both encrypted, TLS-only, kept 14
 * days. The main queue redrives to the DLQ after `maxReceiveCount` receives; the DLQ accepts
 * redrives from this queue only, and an operator can redrive back (`aws sqs start-message-move-task`).
 */
export class JobQueue extends pulumi.ComponentResource {
  readonly queueArn: pulumi.Output<string>;
  readonly queueUrl: pulumi.Output<string>;
  readonly queueName: pulumi.Output<string>;
  readonly dlqArn: pulumi.Output<string>;
  readonly dlqUrl: pulumi.Output<string>;
  readonly dlqName: pulumi.Output<string>;
  /** The resolved visibility timeout, for wiring the consumer. */
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;

  constructor(name: string, args: JobQueueArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:messaging:JobQueue', name, {}, opts);
    const timings = resolveQueueTimings(args);
    const child = { parent: this };
    const encryption = args.kmsMasterKeyId !== undefined ? { kmsMasterKeyId: args.kmsMasterKeyId } : { sqsManagedSseEnabled: true };

    const dlq = new aws.sqs.Queue(
      `${name}-dlq`,
      { messageRetentionSeconds: timings.messageRetentionSeconds, ...encryption, tags: withName(args.tags, `${name}-dlq`) },
      child,
    );
    const queue = new aws.sqs.Queue(
      name,
      {
        visibilityTimeoutSeconds: timings.visibilityTimeoutSeconds,
        messageRetentionSeconds: timings.messageRetentionSeconds,
        receiveWaitTimeSeconds: JOB_QUEUE_DEFAULTS.receiveWaitTimeSeconds,
        redrivePolicy: dlq.arn.apply((deadLetterTargetArn) => JSON.stringify({ deadLetterTargetArn, maxReceiveCount: timings.maxReceiveCount })),
        ...encryption,
        tags: withName(args.tags, name),
      },
      child,
    );
    // Separate resource: the DLQ's allow-policy names the main queue, which itself names the DLQ.
    new aws.sqs.RedriveAllowPolicy(
      `${name}-dlq-redrive-allow`,
      {
        queueUrl: dlq.url,
        redriveAllowPolicy: queue.arn.apply((arn) => JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [arn] })),
      },
      child,
    );
    new aws.sqs.QueuePolicy(`${name}-tls-only`, { queueUrl: queue.url, policy: queue.arn.apply(tlsOnlyQueuePolicy) }, child);
    new aws.sqs.QueuePolicy(`${name}-dlq-tls-only`, { queueUrl: dlq.url, policy: dlq.arn.apply(tlsOnlyQueuePolicy) }, child);

    this.queueArn = queue.arn;
    this.queueUrl = queue.url;
    this.queueName = queue.name;
    this.dlqArn = dlq.arn;
    this.dlqUrl = dlq.url;
    this.dlqName = dlq.name;
    this.visibilityTimeoutSeconds = timings.visibilityTimeoutSeconds;
    this.maxReceiveCount = timings.maxReceiveCount;
    this.registerOutputs({
      queueArn: this.queueArn,
      queueUrl: this.queueUrl,
      queueName: this.queueName,
      dlqArn: this.dlqArn,
      dlqUrl: this.dlqUrl,
      dlqName: this.dlqName,
    });
  }
}
