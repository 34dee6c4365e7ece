/**
 * Interface endpoints the private workloads need when there is no NAT (decision 0008):
 * SQS, Secrets Manager, Bedrock Runtime, CloudWatch Logs, and SSM for the API deploy path.
 */
export const DEFAULT_INTERFACE_SERVICES = ['sqs', 'secretsmanager', 'bedrock-runtime', 'logs', 'ssm', 'ssmmessages', 'ec2messages'] as const;

export const S3_VECTORS_SERVICE = 's3vectors';

/**
 * Regions where S3 Vectors (and its PrivateLink endpoint) was confirmed when this was written:
 * the launch Regions. Pass `s3VectorsEndpoint: true` for a Region added later.
 */
export const S3_VECTORS_REGIONS: readonly string[] = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-central-1', 'ap-southeast-2'];

export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

/** The interface services for a Region: the defaults (or `override`) plus S3 Vectors if wanted. */
export function interfaceServices(region: string, options: { s3VectorsEndpoint?: boolean; override?: readonly string[] } = {}): string[] {
  const base = [...(options.override ?? DEFAULT_INTERFACE_SERVICES)];
  const vectors = options.s3VectorsEndpoint ?? S3_VECTORS_REGIONS.includes(region);
  if (vectors && !base.includes(S3_VECTORS_SERVICE)) base.push(S3_VECTORS_SERVICE);
  if (!vectors) return base.filter((s) => s !== S3_VECTORS_SERVICE);
  return base;
}
