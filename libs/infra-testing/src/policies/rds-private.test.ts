import { describe, expect, it } from 'vitest';
import { graphOf, node } from '../graph-builder.js';
import { runPolicies } from '../policy.js';
import { rdsPrivate } from './rds-private.js';

const run = (...nodes: ReturnType<typeof node>[]) => runPolicies([rdsPrivate], graphOf(...nodes)).map((v) => `${v.name}: ${v.message}`);

const network = [
  node('aws:ec2/internetGateway:InternetGateway', 'igw', {}, { id: 'igw-1' }),
  node('aws:ec2/routeTable:RouteTable', 'public-rt', {}, { id: 'rtb-public' }),
  node('aws:ec2/route:Route', 'public-default', { routeTableId: 'rtb-public', destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-1' }, { id: 'r-1' }),
  node('aws:ec2/routeTable:RouteTable', 'private-rt', {}, { id: 'rtb-private' }),
  node('aws:ec2/routeTable:RouteTable', 'inline-rt', { routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: 'igw-1' }] }, { id: 'rtb-inline' }),
  node('aws:ec2/subnet:Subnet', 'public', { cidrBlock: '10.0.0.0/24' }, { id: 'subnet-public' }),
  node('aws:ec2/subnet:Subnet', 'data-a', { cidrBlock: '10.0.3.0/24' }, { id: 'subnet-a' }),
  node('aws:ec2/subnet:Subnet', 'data-b', { cidrBlock: '10.0.4.0/24' }, { id: 'subnet-b' }),
  node('aws:ec2/subnet:Subnet', 'inline', { cidrBlock: '10.0.5.0/24' }, { id: 'subnet-inline' }),
  node('aws:ec2/subnet:Subnet', 'mapped', { cidrBlock: '10.0.6.0/24', mapPublicIpOnLaunch: true }, { id: 'subnet-mapped' }),
  node('aws:ec2/routeTableAssociation:RouteTableAssociation', 'a1', { subnetId: 'subnet-public', routeTableId: 'rtb-public' }, { id: 'x1' }),
  node('aws:ec2/routeTableAssociation:RouteTableAssociation', 'a2', { subnetId: 'subnet-a', routeTableId: 'rtb-private' }, { id: 'x2' }),
  node('aws:ec2/routeTableAssociation:RouteTableAssociation', 'a3', { subnetId: 'subnet-b', routeTableId: 'rtb-private' }, { id: 'x3' }),
  node('aws:ec2/routeTableAssociation:RouteTableAssociation', 'a4', { subnetId: 'subnet-inline', routeTableId: 'rtb-inline' }, { id: 'x4' }),
];

describe('rds-private', () => {
  it('passes a private instance in subnets without an internet route', () => {
    expect(
      run(
        ...network,
        node('aws:rds/subnetGroup:SubnetGroup', 'group', { subnetIds: ['subnet-a', 'subnet-b'] }, { id: 'group-1' }),
        node('aws:rds/instance:Instance', 'db', { publiclyAccessible: false, dbSubnetGroupName: 'group-1' }, { id: 'db-1' }),
      ),
    ).toEqual([]);
  });

  it('reports public access, public subnets (route, inline route, public IPs) and unknown groups', () => {
    expect(
      run(
        ...network,
        node('aws:rds/subnetGroup:SubnetGroup', 'group', { name: 'g', subnetIds: ['subnet-a', 'subnet-public', 'subnet-inline', 'subnet-mapped'] }, { id: 'g' }),
        node('aws:rds/instance:Instance', 'db', { dbSubnetGroupName: 'g' }, { id: 'db-1' }),
        node('aws:rds/instance:Instance', 'orphan', { publiclyAccessible: false, dbSubnetGroupName: 'elsewhere' }, { id: 'db-2' }),
      ),
    ).toEqual([
      'db: RDS instance is not explicitly private (publiclyAccessible: false)',
      'db: RDS subnet group includes public subnet subnet-public',
      'db: RDS subnet group includes public subnet subnet-inline',
      'db: RDS subnet group includes public subnet subnet-mapped',
      "orphan: RDS instance's subnet group 'elsewhere' is not in the stack, so its subnets cannot be checked",
    ]);
  });
});
