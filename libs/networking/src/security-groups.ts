import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import { SECURITY_GROUP_DEFAULTS, SECURITY_GROUP_ROLES, securityGroupRules, type SecurityGroupRole } from './security-groups.defaults.js';

export interface SecurityGroupsArgs {
  readonly vpcId: pulumi.Input<string>;
  /**
   * The Region's S3 managed prefix list (`com.amazonaws.<region>.s3`), so the API and the
   * processor can reach S3 through the gateway endpoint without any CIDR egress.
   */
  readonly s3PrefixListId: pulumi.Input<string>;
  /**
   * CloudFront's origin-facing managed prefix list (`com.amazonaws.global.cloudfront.origin-facing`).
   * Given, the backend group admits the API port from it, for a CloudFront VPC origin on the API
   * server; absent, no such rule exists. The list weighs 55 against the group's rule quota.
   */
  readonly cloudFrontPrefixListId?: pulumi.Input<string>;
  /** Port the API listens on; default 8000. */
  readonly apiPort?: number;
  /** PostgreSQL port; default 5432. */
  readonly databasePort?: number;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Five security groups — VPC link, backend (EC2), lambda, database, endpoints — whose rules
 * reference each other by group id. Nothing admits a CIDR; egress is limited to the next tier,
 * the interface endpoints and S3's prefix list; the only ingress from outside the VPC is
 * CloudFront's origin-facing prefix list, when it is given.
 */
export class SecurityGroups extends pulumi.ComponentResource {
  readonly vpcLinkSecurityGroupId: pulumi.Output<string>;
  readonly backendSecurityGroupId: pulumi.Output<string>;
  readonly lambdaSecurityGroupId: pulumi.Output<string>;
  readonly databaseSecurityGroupId: pulumi.Output<string>;
  readonly endpointsSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: SecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:networking:SecurityGroups', name, {}, opts);
    const child = { parent: this };
    const ports = {
      apiPort: args.apiPort ?? SECURITY_GROUP_DEFAULTS.apiPort,
      databasePort: args.databasePort ?? SECURITY_GROUP_DEFAULTS.databasePort,
    };

    const groups = {} as Record<SecurityGroupRole, aws.ec2.SecurityGroup>;
    for (const [role, description] of Object.entries(SECURITY_GROUP_ROLES) as [SecurityGroupRole, string][]) {
      const groupName = `${name}-${kebab(role)}`;
      // No inline rules: the provider then removes AWS's default allow-all egress.
      groups[role] = new aws.ec2.SecurityGroup(groupName, { vpcId: args.vpcId, description, tags: withName(args.tags, groupName) }, child);
    }

    const cloudFrontPrefixListId = args.cloudFrontPrefixListId;
    for (const rule of securityGroupRules(ports, { cloudFrontIngress: cloudFrontPrefixListId !== undefined })) {
      const ruleName = `${name}-${rule.name}`;
      const peer =
        rule.peer === 's3'
          ? { prefixListId: args.s3PrefixListId }
          : rule.peer === 'cloudFront'
            ? { prefixListId: cloudFrontPrefixListId }
            : { referencedSecurityGroupId: groups[rule.peer].id };
      const ruleArgs = {
        securityGroupId: groups[rule.group].id,
        ipProtocol: 'tcp',
        fromPort: rule.port,
        toPort: rule.port,
        description: rule.description,
        tags: withName(args.tags, ruleName),
        ...peer,
      };
      if (rule.direction === 'ingress') new aws.vpc.SecurityGroupIngressRule(ruleName, ruleArgs, child);
      else new aws.vpc.SecurityGroupEgressRule(ruleName, ruleArgs, child);
    }

    this.vpcLinkSecurityGroupId = groups.vpcLink.id;
    this.backendSecurityGroupId = groups.backend.id;
    this.lambdaSecurityGroupId = groups.lambda.id;
    this.databaseSecurityGroupId = groups.database.id;
    this.endpointsSecurityGroupId = groups.endpoints.id;
    this.registerOutputs({
      vpcLinkSecurityGroupId: this.vpcLinkSecurityGroupId,
      backendSecurityGroupId: this.backendSecurityGroupId,
      lambdaSecurityGroupId: this.lambdaSecurityGroupId,
      databaseSecurityGroupId: this.databaseSecurityGroupId,
      endpointsSecurityGroupId: this.endpointsSecurityGroupId,
    });
  }
}

function kebab(role: string): string {
  return role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
