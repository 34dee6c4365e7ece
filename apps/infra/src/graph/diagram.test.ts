import type { RecordedResource } from '@student-helper/infra-testing';
import { describe, expect, it } from 'vitest';
import { mermaidDiagram, traceWiring } from './diagram.js';

function record(partial: Partial<RecordedResource> & Pick<RecordedResource, 'urn' | 'type' | 'name'>): RecordedResource {
  return { custom: true, inputs: {}, state: {}, ...partial };
}

const resources: RecordedResource[] = [
  record({ urn: 'u:vpc', type: 'student-helper:networking:Vpc', name: 'net', custom: false }),
  record({ urn: 'u:vpc/vpc', type: 'aws:ec2/vpc:Vpc', name: 'net', parent: 'u:vpc', id: 'vpc-0abc', state: { arn: 'arn:aws:ec2:r:1:vpc/vpc-0abc' } }),
  record({ urn: 'u:q', type: 'student-helper:messaging:JobQueue', name: 'jobs', custom: false }),
  record({ urn: 'u:q/q', type: 'aws:sqs/queue:Queue', name: 'jobs', parent: 'u:q', id: 'https://sqs/1/jobs', state: { arn: 'arn:aws:sqs:r:1:jobs', name: 'jobs-123' } }),
  record({ urn: 'u:sg', type: 'student-helper:networking:SecurityGroups', name: 'sg', custom: false }),
  record({
    urn: 'u:sg/g',
    type: 'aws:ec2/securityGroup:SecurityGroup',
    name: 'sg-a',
    parent: 'u:sg',
    id: 'sg-0def',
    inputs: { vpcId: 'vpc-0abc', tags: { Name: 'vpc-0abc' } },
    state: { vpcId: 'vpc-0abc', arn: 'arn:aws:ec2:r:1:security-group/sg-0def' },
  }),
  record({ urn: 'u:role', type: 'student-helper:security:ApiServerRole', name: 'api', custom: false }),
  record({
    urn: 'u:role/p',
    type: 'aws:iam/rolePolicy:RolePolicy',
    name: 'api-access',
    parent: 'u:role',
    id: 'x',
    inputs: { policy: JSON.stringify({ Statement: [{ Resource: 'arn:aws:sqs:r:1:jobs' }] }), region: 'ap-southeast-2' },
  }),
  record({ urn: 'u:r2', type: 'aws:ec2/subnet:Subnet', name: 'loose', id: 'subnet-0', inputs: { vpcId: 'vpc-0abc' } }),
];

describe('traceWiring', () => {
  it('finds exact id references and ARNs inside policy JSON, ignoring tags and top-level custom resources', () => {
    const { components, wires } = traceWiring(resources);
    expect(components.map((c) => `${c.layer}/${c.kind}/${c.name}`)).toEqual([
      'networking/Vpc/net',
      'messaging/JobQueue/jobs',
      'networking/SecurityGroups/sg',
      'security/ApiServerRole/api',
    ]);
    expect(wires).toEqual([
      { from: 'u:vpc', to: 'u:sg', inputs: ['vpcId'] },
      { from: 'u:q', to: 'u:role', inputs: ['policy'] },
    ]);
  });
});

describe('mermaidDiagram', () => {
  it('groups components by layer and labels wires with the inputs they feed', () => {
    expect(mermaidDiagram(resources)).toBe(
      [
        'flowchart LR',
        '  subgraph networking',
        '    c1["Vpc<br/>net"]',
        '    c2["SecurityGroups<br/>sg"]',
        '  end',
        '  subgraph security',
        '    c3["ApiServerRole<br/>api"]',
        '  end',
        '  subgraph messaging',
        '    c4["JobQueue<br/>jobs"]',
        '  end',
        '  c1 -->|vpcId| c2',
        '  c4 -->|policy| c3',
      ].join('\n'),
    );
  });
});
