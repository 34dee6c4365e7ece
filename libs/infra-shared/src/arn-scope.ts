/**
 * Whether an IAM resource ARN reaches beyond one resource of the stack. Too broad: `*`,
 * `arn:aws:s3:::*`, `arn:aws:sqs:*:*:*`, `…:secret:*`, any wildcard in partition, service,
 * Region or account. Scoped enough: objects inside one bucket (`arn:aws:s3:::docs/*`) and
 * streams inside one log group (`…:log-group:/ec2/api:*`).
 */
export function isWildcardResource(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return resource.includes('*');
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  if ([partition, service, region, account].some((p) => p.includes('*'))) return true;
  const rest = parts.slice(5).join(':');
  if (service === 's3') {
    const [bucket = ''] = rest.split('/');
    return bucket === '' || bucket.includes('*');
  }
  if (service === 'logs') return !/^log-group:[^:*]+(:.*)?$/.test(rest);
  return rest.includes('*');
}

/** Throws naming `what` if any ARN is a wildcard (used by components that build IAM policies). */
export function assertScopedArns(what: string, arns: readonly string[]): void {
  const broad = arns.filter(isWildcardResource);
  if (broad.length > 0) throw new Error(`${what} must name specific resources, not wildcards: ${broad.join(', ')}`);
  const malformed = arns.filter((a) => !a.startsWith('arn:'));
  if (malformed.length > 0) throw new Error(`${what} must be ARNs: ${malformed.join(', ')}`);
}
