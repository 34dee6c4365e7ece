import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness, type RecordedResource } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SecurityGroups } from './security-groups.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

async function build(args: Partial<ConstructorParameters<typeof SecurityGroups>[1]> = {}) {
  const groups = new SecurityGroups('sg', { vpcId: 'vpc-0123', s3PrefixListId: 'pl-6ca54005', tags, ...args });
  await harness.descendantsOf(groups);
  const ids = {
    vpcLink: harness.named('sg-vpc-link').id,
    backend: harness.named('sg-backend').id,
    lambda: harness.named('sg-lambda').id,
    database: harness.named('sg-database').id,
    endpoints: harness.named('sg-endpoints').id,
  };
  return { groups, ids };
}

/** `group:direction port peer` with ids translated back to group names. */
function describeRules(rules: RecordedResource[], ids: Record<string, string | undefined>): string[] {
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return rules.map((r) => {
    const i = r.inputs;
    const peer = i['referencedSecurityGroupId'] ? byId[String(i['referencedSecurityGroupId'])] : `prefix-list ${String(i['prefixListId'])}`;
    const direction = r.type.endsWith('IngressRule') ? 'in' : 'out';
    return `${byId[String(i['securityGroupId'])]} ${direction} ${String(i['ipProtocol'])}/${String(i['fromPort'])}-${String(i['toPort'])} ${peer}`;
  });
}

describe('SecurityGroups', () => {
  it('creates five groups with fixed descriptions and no inline rules', async () => {
    await build();
    expect(harness.ofType('aws:ec2/securityGroup:SecurityGroup').map((g) => [g.name, g.inputs])).toEqual([
      ['sg-vpc-link', { vpcId: 'vpc-0123', description: 'API Gateway VPC link ENIs', tags: { ...tags, Name: 'sg-vpc-link' } }],
      ['sg-backend', { vpcId: 'vpc-0123', description: 'API server (EC2)', tags: { ...tags, Name: 'sg-backend' } }],
      ['sg-lambda', { vpcId: 'vpc-0123', description: 'Document processor (Lambda)', tags: { ...tags, Name: 'sg-lambda' } }],
      ['sg-database', { vpcId: 'vpc-0123', description: 'PostgreSQL (RDS)', tags: { ...tags, Name: 'sg-database' } }],
      ['sg-endpoints', { vpcId: 'vpc-0123', description: 'Interface VPC endpoints', tags: { ...tags, Name: 'sg-endpoints' } }],
    ]);
  });

  it('wires exactly twelve rules, group to group by id, plus S3 through its prefix list', async () => {
    const { ids } = await build();
    const rules = [
      ...harness.ofType('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule'),
      ...harness.ofType('aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule'),
    ];
    expect(rules).toHaveLength(12);
    expect(describeRules(rules, ids).sort()).toEqual(
      [
        'vpcLink out tcp/8000-8000 backend',
        'backend in tcp/8000-8000 vpcLink',
        'backend out tcp/443-443 endpoints',
        'backend out tcp/443-443 prefix-list pl-6ca54005',
        'backend out tcp/5432-5432 database',
        'lambda out tcp/443-443 endpoints',
        'lambda out tcp/443-443 prefix-list pl-6ca54005',
        'lambda out tcp/5432-5432 database',
        'database in tcp/5432-5432 backend',
        'database in tcp/5432-5432 lambda',
        'endpoints in tcp/443-443 backend',
        'endpoints in tcp/443-443 lambda',
      ].sort(),
    );
    expect(rules.some((r) => 'cidrIpv4' in r.inputs || 'cidrIpv6' in r.inputs)).toBe(false);
    expect(harness.named('sg-backend-from-vpc-link').inputs).toEqual({
      securityGroupId: ids.backend,
      ipProtocol: 'tcp',
      fromPort: 8000,
      toPort: 8000,
      description: 'API requests from the VPC link',
      referencedSecurityGroupId: ids.vpcLink,
      tags: { ...tags, Name: 'sg-backend-from-vpc-link' },
    });
  });

  it('admits the API port from CloudFront’s origin-facing prefix list only when that list is given', async () => {
    const { ids } = await build({ cloudFrontPrefixListId: 'pl-b8a742d1', apiPort: 3000 });
    const ingress = harness.ofType('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule');
    expect(describeRules(ingress, ids).sort()).toEqual(
      [
        'backend in tcp/3000-3000 vpcLink',
        'backend in tcp/3000-3000 prefix-list pl-b8a742d1',
        'database in tcp/5432-5432 backend',
        'database in tcp/5432-5432 lambda',
        'endpoints in tcp/443-443 backend',
        'endpoints in tcp/443-443 lambda',
      ].sort(),
    );
    expect(harness.ofType('aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule')).toHaveLength(7);
    expect(harness.named('sg-backend-from-cloudfront').inputs).toEqual({
      securityGroupId: ids.backend,
      ipProtocol: 'tcp',
      fromPort: 3000,
      toPort: 3000,
      description: 'Streamed API requests from CloudFront (VPC origin)',
      prefixListId: 'pl-b8a742d1',
      tags: { ...tags, Name: 'sg-backend-from-cloudfront' },
    });
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });

  it('uses the configured API and database ports', async () => {
    const { ids } = await build({ apiPort: 3000, databasePort: 6432 });
    const rules = [
      ...harness.ofType('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule'),
      ...harness.ofType('aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule'),
    ];
    expect(describeRules(rules, ids)).toContain('backend in tcp/3000-3000 vpcLink');
    expect(describeRules(rules, ids)).toContain('database in tcp/6432-6432 lambda');
  });

  it('exposes the group ids', async () => {
    const { groups, ids } = await build();
    expect(await unwrap(groups.vpcLinkSecurityGroupId)).toBe(ids.vpcLink);
    expect(await unwrap(groups.backendSecurityGroupId)).toBe(ids.backend);
    expect(await unwrap(groups.lambdaSecurityGroupId)).toBe(ids.lambda);
    expect(await unwrap(groups.databaseSecurityGroupId)).toBe(ids.database);
    expect(await unwrap(groups.endpointsSecurityGroupId)).toBe(ids.endpoints);
  });

  it('passes the stack policies (no open ingress, tags)', async () => {
    await build();
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
