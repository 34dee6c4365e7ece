import type { GraphResource, ResourceGraph } from '../graph.js';
import type { Policy } from '../policy.js';

/** Components of this type prefix face the internet on purpose (CloudFront, API Gateway). */
export const EDGE_COMPONENT_PREFIX = 'student-helper:edge:';

const ANY_V4 = '0.0.0.0/0';
const ANY_V6 = '::/0';

function openCidrs(resource: GraphResource): string[] {
  const i = resource.inputs;
  switch (resource.type) {
    case 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule':
      return [i['cidrIpv4'], i['cidrIpv6']].filter((c): c is string => c === ANY_V4 || c === ANY_V6);
    case 'aws:ec2/securityGroupRule:SecurityGroupRule':
      if (i['type'] !== 'ingress') return [];
      return [...((i['cidrBlocks'] as string[] | undefined) ?? []), ...((i['ipv6CidrBlocks'] as string[] | undefined) ?? [])].filter(
        (c) => c === ANY_V4 || c === ANY_V6,
      );
    case 'aws:ec2/securityGroup:SecurityGroup':
      return ((i['ingress'] as { cidrBlocks?: string[]; ipv6CidrBlocks?: string[] }[] | undefined) ?? []).flatMap((rule) =>
        [...(rule.cidrBlocks ?? []), ...(rule.ipv6CidrBlocks ?? [])].filter((c) => c === ANY_V4 || c === ANY_V6),
      );
    default:
      return [];
  }
}

function insideEdge(resource: GraphResource, graph: ResourceGraph): boolean {
  return graph.ancestors(resource).some((a) => a.type.startsWith(EDGE_COMPONENT_PREFIX));
}

export const noOpenIngress: Policy = {
  name: 'no-open-ingress',
  description: 'No security group admits 0.0.0.0/0 or ::/0 unless it belongs to an edge component.',
  check(resource, graph) {
    const open = openCidrs(resource);
    if (open.length === 0 || insideEdge(resource, graph)) return [];
    return open.map((cidr) => `Ingress from ${cidr} outside the edge`);
  },
};
