import { describe, expect, it } from 'vitest';
import { graphOf, node } from './graph-builder.js';
import { inputAt } from './graph.js';
import { formatViolations, runPolicies, type Policy } from './policy.js';

const root = node('student-helper:networking:Vpc', 'net');
const subnet = node('aws:ec2/subnet:Subnet', 'net-a', { vpcId: 'vpc-1', tags: { Name: 'a' } }, { id: 'subnet-1', parent: root });
const assoc = node('aws:ec2/routeTableAssociation:RouteTableAssociation', 'net-a-assoc', { subnetId: 'subnet-1' }, { id: 'x', parent: subnet });
const graph = graphOf(root, subnet, assoc);

describe('ResourceGraph', () => {
  it('indexes by urn and id, and walks parents and children', () => {
    expect(graph.byUrn(subnet.urn)).toBe(subnet);
    expect(graph.byId('subnet-1')).toBe(subnet);
    expect(graph.byId(42)).toBeUndefined();
    expect(graph.ancestors(assoc)).toEqual([subnet, root]);
    expect(graph.children(root)).toEqual([subnet]);
    expect(graph.descendants(root)).toEqual([subnet, assoc]);
    expect(graph.referencing('aws:ec2/routeTableAssociation:RouteTableAssociation', 'subnetId', 'subnet-1')).toEqual([assoc]);
    expect(graph.referencing('aws:ec2/routeTableAssociation:RouteTableAssociation', 'subnetId', undefined)).toEqual([]);
  });

  it('reads nested inputs by path', () => {
    expect(inputAt(subnet, 'tags.Name')).toBe('a');
    expect(inputAt(subnet, 'tags.Missing.Deeper')).toBeUndefined();
  });
});

describe('runPolicies', () => {
  it('attributes each message to its policy and resource', () => {
    const noSubnets: Policy = { name: 'no-subnets', description: 'test', check: (r) => (r.type === 'aws:ec2/subnet:Subnet' ? ['subnet!'] : []) };
    const violations = runPolicies([noSubnets], graph);
    expect(violations).toEqual([{ policy: 'no-subnets', type: 'aws:ec2/subnet:Subnet', name: 'net-a', urn: subnet.urn, message: 'subnet!' }]);
    expect(formatViolations(violations)).toBe('[no-subnets] aws:ec2/subnet:Subnet net-a: subnet!');
  });
});
