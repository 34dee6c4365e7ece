import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import { DOCUMENT_PROCESSOR_MANAGED_POLICIES, documentProcessorPolicy } from './document-processor-role.defaults.js';
import { assumeRolePolicy, managedPolicyArn } from './policy-document.js';

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
    const child = { parent: this };

    const role = new aws.iam.Role(
      name,
      {
        assumeRolePolicy: JSON.stringify(assumeRolePolicy('lambda.amazonaws.com')),
        description: 'Student Helper document processor (Lambda)',
        tags: withName(args.tags, name),
      },
      child,
    );
    const policy = pulumi
      .all([args.documentsBucketArn, args.jobQueueArn, args.vectorIndexArn, args.secretArns, args.bedrockModelArns])
      .apply(([documentsBucketArn, jobQueueArn, vectorIndexArn, secretArns, bedrockModelArns]) =>
        JSON.stringify(documentProcessorPolicy({ documentsBucketArn, jobQueueArn, vectorIndexArn, secretArns, bedrockModelArns })),
      );
    new aws.iam.RolePolicy(`${name}-access`, { role: role.name, policy }, child);
    new aws.iam.RolePolicyAttachment(
      `${name}-vpc-access`,
      { role: role.name, policyArn: managedPolicyArn(args.partition ?? 'aws', DOCUMENT_PROCESSOR_MANAGED_POLICIES.vpcAccess) },
      child,
    );

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
  }
}
