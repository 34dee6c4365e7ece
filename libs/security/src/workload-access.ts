import { assertScopedArns } from '@student-helper/infra-shared';

/** The stack resources both workloads reach, resolved to ARNs. */
export interface WorkloadAccess {
  readonly documentsBucketArn: string;
  readonly jobQueueArn: string;
  readonly vectorIndexArn: string;
  readonly secretArns: readonly string[];
  readonly bedrockModelArns: readonly string[];
}

/** Refuses wildcards and non-ARNs before they can reach a policy (decision 0013). */
export function assertWorkloadAccess(access: WorkloadAccess): void {
  assertScopedArns('documentsBucketArn', [access.documentsBucketArn]);
  assertScopedArns('jobQueueArn', [access.jobQueueArn]);
  assertScopedArns('vectorIndexArn', [access.vectorIndexArn]);
  assertScopedArns('secretArns', access.secretArns);
  assertScopedArns('bedrockModelArns', access.bedrockModelArns);
}
