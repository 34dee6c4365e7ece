import { describe, expect, it } from 'vitest';
import { graphOf, node } from '../graph-builder.js';
import { runPolicies } from '../policy.js';
import { noOpenIngress } from './no-open-ingress.js';

const run = (...nodes: ReturnType<typeof node>[]) => runPolicies([noOpenIngress], graphOf(...nodes)).map((v) => `${v.name}: ${v.message}`);

describe('no-open-ingress', () => {
  it('passes rules that reference security groups and open egress', () => {
    expect(
      run(
        node('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', 'db-from-api', { referencedSecurityGroupId: 'sg-1', fromPort: 5432 }, { id: 'sgr-1' }),
        node('aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule', 'api-out', { cidrIpv4: '0.0.0.0/0' }, { id: 'sgr-2' }),
        node('aws:ec2/securityGroupRule:SecurityGroupRule', 'legacy-egress', { type: 'egress', cidrBlocks: ['0.0.0.0/0'] }, { id: 'sgr-3' }),
      ),
    ).toEqual([]);
  });

  it('allows open ingress inside an edge component only', () => {
    const edge = node('student-helper:edge:Cdn', 'cdn');
    const inner = node('student-helper:internal:Thing', 'inner', {}, { parent: edge });
    expect(
      run(edge, inner, node('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', 'https-in', { cidrIpv4: '0.0.0.0/0' }, { id: 'sgr-1', parent: inner })),
    ).toEqual([]);
  });

  it('reports 0.0.0.0/0 and ::/0 ingress in every rule form', () => {
    const net = node('student-helper:networking:SecurityGroups', 'sgs');
    expect(
      run(
        net,
        node('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', 'v4', { cidrIpv4: '0.0.0.0/0' }, { id: 'a', parent: net }),
        node('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', 'v6', { cidrIpv6: '::/0' }, { id: 'b' }),
        node('aws:ec2/securityGroupRule:SecurityGroupRule', 'rule', { type: 'ingress', cidrBlocks: ['10.0.0.0/16', '0.0.0.0/0'] }, { id: 'c' }),
        node('aws:ec2/securityGroup:SecurityGroup', 'inline', { ingress: [{ cidrBlocks: ['0.0.0.0/0'], fromPort: 22, toPort: 22 }] }, { id: 'sg-1' }),
      ),
    ).toEqual([
      'v4: Ingress from 0.0.0.0/0 outside the edge',
      'v6: Ingress from ::/0 outside the edge',
      'rule: Ingress from 0.0.0.0/0 outside the edge',
      'inline: Ingress from 0.0.0.0/0 outside the edge',
    ]);
  });
});
