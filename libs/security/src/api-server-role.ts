import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import { API_SERVER_MANAGED_POLICIES, apiServerPolicy } from './api-server-role.defaults.js';
import { createWorkloadRole } from './workload-role.js';

export interface ApiServerRoleArgs {
  readonly documentsBucketArn: pulumi.Input<string>;
  readonly jobQueueArn: pulumi.Input<string>;
  readonly vectorIndexArn: pulumi.Input<string>;
  /** The app-config secret and the RDS-managed master secret (referenced, not created here). */
  readonly secretArns: pulumi.Input<pulumi.Input<string>[]>;
  /** Exact Bedrock ARNs (see `bedrockModelArns` in infra-shared). */
  readonly bedrockModelArns: pulumi.Input<pulumi.Input<string>[]>;
  /** The API's CloudWatch log group, for the CloudWatch agent. */
  readonly logGroupArn?: pulumi.Input<string>;
  /** Object ARN pattern of release bundles (`arn:aws:s3:::bucket/api/*`). */
  readonly releaseArtifactsArn?: pulumi.Input<string>;
  /** Attach AmazonSSMManagedInstanceCore for the SSM deploy path; default true. */
  readonly ssmManaged?: boolean;
  /** IAM partition for managed policy ARNs; default `aws`. */
  readonly partition?: string;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The API server's EC2 role and instance profile, with an inline policy scoped to the given ARNs. */
export class ApiServerRole extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  readonly instanceProfileArn: pulumi.Output<string>;
  readonly instanceProfileName: pulumi.Output<string>;

  constructor(name: string, args: ApiServerRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:security:ApiServerRole', name, {}, opts);
    const policy = pulumi
      .all([args.documentsBucketArn, args.jobQueueArn, args.vectorIndexArn, args.secretArns, args.bedrockModelArns, args.logGroupArn, args.releaseArtifactsArn])
      .apply(([documentsBucketArn, jobQueueArn, vectorIndexArn, secretArns, bedrockModelArns, logGroupArn, releaseArtifactsArn]) =>
        JSON.stringify(apiServerPolicy({ documentsBucketArn, jobQueueArn, vectorIndexArn, secretArns, bedrockModelArns, logGroupArn, releaseArtifactsArn })),
      );
    const role = createWorkloadRole(
      name,
      {
        service: 'ec2.amazonaws.com',
        description: 'Student Helper API server (EC2)',
        policy,
        managedPolicies: (args.ssmManaged ?? true) ? { ssm: API_SERVER_MANAGED_POLICIES.ssm } : {},
        partition: args.partition ?? 'aws',
        tags: args.tags,
      },
      this,
    );
    const profile = new aws.iam.InstanceProfile(`${name}-profile`, { role: role.name, tags: withName(args.tags, `${name}-profile`) }, { parent: this });

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.instanceProfileArn = profile.arn;
    this.instanceProfileName = profile.name;
    this.registerOutputs({
      roleArn: this.roleArn,
      roleName: this.roleName,
      instanceProfileArn: this.instanceProfileArn,
      instanceProfileName: this.instanceProfileName,
    });
  }
}
