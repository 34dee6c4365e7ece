import * as pulumi from '@pulumi/pulumi';
import { DOCUMENT_PROCESSOR_MANAGED_POLICIES, documentProcessorPolicy } from './document-processor-role.defaults.js';
import { createWorkloadRole } from './workload-role.js';

export interface DocumentProcessorRoleArgs {
  readonly documentsBucketArn: pulumi.Input<string>;
  readonly jobQueueArn: pulumi.Input<string>;
  readonly vectorIndexArn: pulumi.Input<string>;
  /** The RDS-managed master secret (and any other secret the processor reads). */
  readonly secretArns: pulumi.Input<pulumi.Input<string>[]>;
  /** Exact ARNs of the embedding model. */
  readonly bedrockModelArns: pulumi.Input<pulumi.Input<string>[]>;
  readonly partition?: string;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The processor Lambda's execution role: AWSLambdaVPCAccessExecutionRole plus a scoped inline policy. */
export class DocumentProcessorRole extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;

  constructor(name: string, args: DocumentProcessorRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:security:DocumentProcessorRole', name, {}, opts);
    const policy = pulumi
      .all([args.documentsBucketArn, args.jobQueueArn, args.vectorIndexArn, args.secretArns, args.bedrockModelArns])
      .apply(([documentsBucketArn, jobQueueArn, vectorIndexArn, secretArns, bedrockModelArns]) =>
        JSON.stringify(documentProcessorPolicy({ documentsBucketArn, jobQueueArn, vectorIndexArn, secretArns, bedrockModelArns })),
      );
    const role = createWorkloadRole(
      name,
      {
        service: 'lambda.amazonaws.com',
        description: 'Student Helper document processor (Lambda)',
        policy,
        managedPolicies: { 'vpc-access': DOCUMENT_PROCESSOR_MANAGED_POLICIES.vpcAccess },
        partition: args.partition ?? 'aws',
        tags: args.tags,
      },
      this,
    );

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
  }
}
