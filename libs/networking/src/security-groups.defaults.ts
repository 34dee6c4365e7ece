/** Ports of the Student Helper tiers. */
export const SECURITY_GROUP_DEFAULTS = {
  apiPort: 8000,
  databasePort: 5432,
  httpsPort: 443,
} as const;

/** The groups `SecurityGroups` creates, by role, with their (immutable) descriptions. */
export const SECURITY_GROUP_ROLES = {
  vpcLink: 'API Gateway VPC link ENIs',
  backend: 'API server (EC2)',
  lambda: 'Document processor (Lambda)',
  database: 'PostgreSQL (RDS)',
  endpoints: 'Interface VPC endpoints',
} as const;

export type SecurityGroupRole = keyof typeof SECURITY_GROUP_ROLES;

/**
 * Every rule, group to group (or to an AWS-managed prefix list). Ingress and egress are
 * written separately so each side's intent is visible; no rule admits a CIDR.
 */
export interface RuleSpec {
  readonly name: string;
  readonly direction: 'ingress' | 'egress';
  readonly group: SecurityGroupRole;
  readonly port: number;
  /** The other side: another group, or an AWS-managed prefix list (S3's, CloudFront's origin-facing servers). */
  readonly peer: SecurityGroupRole | 's3' | 'cloudFront';
  readonly description: string;
}

/**
 * `cloudFrontIngress` adds the API port from CloudFront's origin-facing prefix list, for a
 * CloudFront VPC origin on the API server (the chat stream, decision 0027).
 */
export function securityGroupRules(ports: { apiPort: number; databasePort: number }, options: { cloudFrontIngress: boolean }): RuleSpec[] {
  const https = SECURITY_GROUP_DEFAULTS.httpsPort;
  const cloudFront: RuleSpec[] = options.cloudFrontIngress
    ? [{ name: 'backend-from-cloudfront', direction: 'ingress', group: 'backend', port: ports.apiPort, peer: 'cloudFront', description: 'Streamed API requests from CloudFront (VPC origin)' }]
    : [];
  return [
    { name: 'vpc-link-to-backend', direction: 'egress', group: 'vpcLink', port: ports.apiPort, peer: 'backend', description: 'API requests to the API server' },
    { name: 'backend-from-vpc-link', direction: 'ingress', group: 'backend', port: ports.apiPort, peer: 'vpcLink', description: 'API requests from the VPC link' },
    ...cloudFront,
    { name: 'backend-to-endpoints', direction: 'egress', group: 'backend', port: https, peer: 'endpoints', description: 'AWS APIs through interface endpoints' },
    { name: 'backend-to-s3', direction: 'egress', group: 'backend', port: https, peer: 's3', description: 'S3 through the gateway endpoint' },
    { name: 'backend-to-database', direction: 'egress', group: 'backend', port: ports.databasePort, peer: 'database', description: 'PostgreSQL' },
    { name: 'lambda-to-endpoints', direction: 'egress', group: 'lambda', port: https, peer: 'endpoints', description: 'AWS APIs through interface endpoints' },
    { name: 'lambda-to-s3', direction: 'egress', group: 'lambda', port: https, peer: 's3', description: 'S3 through the gateway endpoint' },
    { name: 'lambda-to-database', direction: 'egress', group: 'lambda', port: ports.databasePort, peer: 'database', description: 'PostgreSQL' },
    { name: 'database-from-backend', direction: 'ingress', group: 'database', port: ports.databasePort, peer: 'backend', description: 'PostgreSQL from the API server' },
    { name: 'database-from-lambda', direction: 'ingress', group: 'database', port: ports.databasePort, peer: 'lambda', description: 'PostgreSQL from the processor' },
    { name: 'endpoints-from-backend', direction: 'ingress', group: 'endpoints', port: https, peer: 'backend', description: 'HTTPS from the API server' },
    { name: 'endpoints-from-lambda', direction: 'ingress', group: 'endpoints', port: https, peer: 'lambda', description: 'HTTPS from the processor' },
  ];
}
