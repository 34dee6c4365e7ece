import type { GraphResource, ResourceGraph } from '../graph.js';
import type { Policy } from '../policy.js';

const ANY = ['0.0.0.0/0', '::/0'];

function routesToInternet(routeTableId: string, graph: ResourceGraph): boolean {
  const viaRoute = graph
    .referencing('aws:ec2/route:Route', 'routeTableId', routeTableId)
    .some((r) => ANY.includes(String(r.inputs['destinationCidrBlock'] ?? r.inputs['destinationIpv6CidrBlock'])) && String(r.inputs['gatewayId'] ?? '').startsWith('igw-'));
  const table = graph.byId(routeTableId);
  const inline = ((table?.inputs['routes'] as { cidrBlock?: string; ipv6CidrBlock?: string; gatewayId?: string }[] | undefined) ?? []).some(
    (r) => ANY.includes(String(r.cidrBlock ?? r.ipv6CidrBlock)) && String(r.gatewayId ?? '').startsWith('igw-'),
  );
  return viaRoute || inline;
}

/** A subnet is public when it maps public IPs or its route table routes to an internet gateway. */
export function isPublicSubnet(subnetId: string, graph: ResourceGraph): boolean {
  const subnet = graph.byId(subnetId);
  if (subnet?.inputs['mapPublicIpOnLaunch'] === true) return true;
  return graph
    .referencing('aws:ec2/routeTableAssociation:RouteTableAssociation', 'subnetId', subnetId)
    .some((a) => routesToInternet(String(a.inputs['routeTableId']), graph));
}

function check(resource: GraphResource, graph: ResourceGraph): string[] {
  const problems: string[] = [];
  if (resource.inputs['publiclyAccessible'] !== false) problems.push('RDS instance is not explicitly private (publiclyAccessible: false)');
  const groupName = resource.inputs['dbSubnetGroupName'];
  const group = graph.ofType('aws:rds/subnetGroup:SubnetGroup').find((g) => g.id === groupName || g.inputs['name'] === groupName);
  if (!group) {
    problems.push(`RDS instance's subnet group '${String(groupName)}' is not in the stack, so its subnets cannot be checked`);
    return problems;
  }
  for (const subnetId of (group.inputs['subnetIds'] as string[] | undefined) ?? []) {
    if (isPublicSubnet(subnetId, graph)) problems.push(`RDS subnet group includes public subnet ${subnetId}`);
  }
  return problems;
}

export const rdsPrivate: Policy = {
  name: 'rds-private',
  description: 'Databases are not publicly accessible and live only in subnets without a route to the internet.',
  check: (resource, graph) => (resource.type === 'aws:rds/instance:Instance' ? check(resource, graph) : []),
};
