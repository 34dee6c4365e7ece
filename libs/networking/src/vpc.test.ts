import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Vpc } from './vpc.js';
import { validateSubnetLayout, VPC_DEFAULTS } from './vpc.defaults.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('Vpc', () => {
  it('creates exactly the VPC, default group, gateway, five subnets, two route tables, one route and five associations', async () => {
    const vpc = new Vpc('net', { tags });
    const children = await harness.descendantsOf(vpc);
    // Registration order follows output resolution, so compare as sets.
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:ec2/vpc:Vpc net',
      'aws:ec2/defaultSecurityGroup:DefaultSecurityGroup net-default-sg',
      'aws:ec2/internetGateway:InternetGateway net-igw',
      'aws:ec2/subnet:Subnet net-public',
      'aws:ec2/subnet:Subnet net-private',
      'aws:ec2/subnet:Subnet net-lambda',
      'aws:ec2/subnet:Subnet net-data-a',
      'aws:ec2/subnet:Subnet net-data-b',
      'aws:ec2/routeTable:RouteTable net-public-rt',
      'aws:ec2/route:Route net-public-default',
      'aws:ec2/routeTableAssociation:RouteTableAssociation net-public-rta',
      'aws:ec2/routeTable:RouteTable net-private-rt',
      'aws:ec2/routeTableAssociation:RouteTableAssociation net-private-rta',
      'aws:ec2/routeTableAssociation:RouteTableAssociation net-lambda-rta',
      'aws:ec2/routeTableAssociation:RouteTableAssociation net-data-a-rta',
      'aws:ec2/routeTableAssociation:RouteTableAssociation net-data-b-rta',
    ].sort());
    const component = harness.named('net', 'student-helper:networking:Vpc');
    expect(children.every((r) => r.parent === component.urn)).toBe(true);
  });

  it('enables DNS and tags every child with its own Name', async () => {
    const vpc = new Vpc('net', { tags });
    await harness.descendantsOf(vpc);
    const resource = harness.ofType('aws:ec2/vpc:Vpc')[0];
    expect(resource?.inputs).toEqual({
      cidrBlock: '10.0.0.0/16',
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { ...tags, Name: 'net' },
    });
    expect(harness.named('net-default-sg').inputs).toEqual({ vpcId: resource?.id, tags: { ...tags, Name: 'net-default-sg' } });
  });

  it('lays out the seed subnets and two data subnets in two AZs (correction 3)', async () => {
    const vpc = new Vpc('net', { tags });
    await harness.descendantsOf(vpc);
    const vpcId = harness.ofType('aws:ec2/vpc:Vpc')[0]?.id;
    const subnets = ['public', 'private', 'lambda', 'data-a', 'data-b'].map((s) => harness.named(`net-${s}`).inputs);
    expect(subnets).toEqual([
      { vpcId, cidrBlock: '10.0.0.0/24', availabilityZone: 'ap-southeast-2a', mapPublicIpOnLaunch: false, tags: { ...tags, Name: 'net-public' } },
      { vpcId, cidrBlock: '10.0.1.0/24', availabilityZone: 'ap-southeast-2a', mapPublicIpOnLaunch: false, tags: { ...tags, Name: 'net-private' } },
      { vpcId, cidrBlock: '10.0.2.0/24', availabilityZone: 'ap-southeast-2a', mapPublicIpOnLaunch: false, tags: { ...tags, Name: 'net-lambda' } },
      { vpcId, cidrBlock: '10.0.3.0/24', availabilityZone: 'ap-southeast-2a', mapPublicIpOnLaunch: false, tags: { ...tags, Name: 'net-data-a' } },
      { vpcId, cidrBlock: '10.0.4.0/24', availabilityZone: 'ap-southeast-2b', mapPublicIpOnLaunch: false, tags: { ...tags, Name: 'net-data-b' } },
    ]);
    expect(await unwrap(vpc.dataSubnetIds)).toEqual([harness.named('net-data-a').id, harness.named('net-data-b').id]);
    expect(await unwrap(vpc.availabilityZones)).toEqual(['ap-southeast-2a', 'ap-southeast-2b']);
  });

  it('routes only the public subnet to the internet gateway; private subnets have no default route', async () => {
    const vpc = new Vpc('net', { tags });
    await harness.descendantsOf(vpc);
    const igw = harness.named('net-igw');
    const publicRt = harness.named('net-public-rt');
    const privateRt = harness.named('net-private-rt');
    expect(harness.ofType('aws:ec2/route:Route').map((r) => r.inputs)).toEqual([
      { routeTableId: publicRt.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id },
    ]);
    expect(privateRt.inputs['routes']).toBeUndefined();
    const associations = Object.fromEntries(
      harness.ofType('aws:ec2/routeTableAssociation:RouteTableAssociation').map((a) => [a.name, a.inputs['routeTableId']]),
    );
    expect(associations).toEqual({
      'net-public-rta': publicRt.id,
      'net-private-rta': privateRt.id,
      'net-lambda-rta': privateRt.id,
      'net-data-a-rta': privateRt.id,
      'net-data-b-rta': privateRt.id,
    });
    expect(await unwrap(vpc.privateRouteTableIds)).toEqual([privateRt.id]);
    expect(await unwrap(vpc.publicRouteTableId)).toBe(publicRt.id);
    expect(await unwrap(vpc.internetGatewayId)).toBe(igw.id);
  });

  it('exposes flat outputs', async () => {
    const vpc = new Vpc('net', { tags });
    await harness.descendantsOf(vpc);
    expect(await unwrap(vpc.vpcId)).toBe(harness.ofType('aws:ec2/vpc:Vpc')[0]?.id);
    expect(await unwrap(vpc.vpcCidrBlock)).toBe('10.0.0.0/16');
    expect(await unwrap(vpc.publicSubnetIds)).toEqual([harness.named('net-public').id]);
    expect(await unwrap(vpc.privateSubnetIds)).toEqual([harness.named('net-private').id]);
    expect(await unwrap(vpc.lambdaSubnetIds)).toEqual([harness.named('net-lambda').id]);
  });

  it('uses given AZs and CIDRs, and looks up nothing then', async () => {
    const vpc = new Vpc('custom', {
      cidrBlock: '172.16.0.0/16',
      publicSubnetCidr: '172.16.0.0/24',
      privateSubnetCidr: '172.16.1.0/24',
      lambdaSubnetCidr: '172.16.2.0/24',
      dataSubnetCidrs: ['172.16.3.0/24', '172.16.4.0/24'],
      availabilityZones: ['ap-southeast-2b', 'ap-southeast-2c'],
      tags,
    });
    await harness.descendantsOf(vpc);
    expect(harness.callsMade).toEqual([]);
    expect(harness.named('custom-data-b').inputs['availabilityZone']).toBe('ap-southeast-2c');
    expect(harness.named('custom-lambda').inputs['cidrBlock']).toBe('172.16.2.0/24');
  });

  it('refuses a wrong number of AZs before creating anything', () => {
    expect(() => new Vpc('bad', { availabilityZones: ['ap-southeast-2a'] })).toThrow('availabilityZones needs exactly 2 zones, got 1');
  });

  it('passes the stack policies', async () => {
    const vpc = new Vpc('net', { tags });
    await harness.descendantsOf(vpc);
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});

describe('validateSubnetLayout', () => {
  it('accepts the defaults', () => {
    expect(() => validateSubnetLayout(VPC_DEFAULTS)).not.toThrow();
  });

  it('names overlapping, outside and missing subnets', () => {
    expect(() => validateSubnetLayout({ ...VPC_DEFAULTS, lambdaSubnetCidr: '10.0.1.128/25' })).toThrow(
      'Subnets private (10.0.1.0/24) and lambda (10.0.1.128/25) overlap',
    );
    expect(() => validateSubnetLayout({ ...VPC_DEFAULTS, publicSubnetCidr: '10.1.0.0/24' })).toThrow(
      'Subnet public (10.1.0.0/24) is outside the VPC block 10.0.0.0/16',
    );
    expect(() => validateSubnetLayout({ ...VPC_DEFAULTS, dataSubnetCidrs: ['10.0.3.0/24'] })).toThrow(
      'Exactly 2 data subnets are needed (one per AZ for RDS), got 1',
    );
  });
});
