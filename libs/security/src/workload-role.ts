import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import { assumeRolePolicy, managedPolicyArn } from './policy-document.js';

/**
 * What both workload roles are made of: a role a service assumes, one inline policy (rendered
 * by the caller from the ARNs it was given) and AWS-managed policy attachments. Child names
 * derive from `name`: the role is `name`, the inline policy `${name}-access`, each attachment
 * `${name}-${key}`.
 */
export interface WorkloadRoleParts {
  readonly service: string;
  readonly description: string;
  readonly policy: pulumi.Input<string>;
  /** Attachment suffix → managed policy path, e.g. `{ ssm: 'AmazonSSMManagedInstanceCore' }`. */
  readonly managedPolicies: Readonly<Record<string, string>>;
  readonly partition: string;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export function createWorkloadRole(name: string, parts: WorkloadRoleParts, parent: pulumi.Resource): aws.iam.Role {
  const child = { parent };
  const role = new aws.iam.Role(
    name,
    { assumeRolePolicy: JSON.stringify(assumeRolePolicy(parts.service)), description: parts.description, tags: withName(parts.tags, name) },
    child,
  );
  new aws.iam.RolePolicy(`${name}-access`, { role: role.name, policy: parts.policy }, child);
  for (const [key, path] of Object.entries(parts.managedPolicies)) {
    new aws.iam.RolePolicyAttachment(`${name}-${key}`, { role: role.name, policyArn: managedPolicyArn(parts.partition, path) }, child);
  }
  return role;
}
