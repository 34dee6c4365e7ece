import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import { DATA_SUBNET_COUNT, VPC_DEFAULTS, validateSubnetLayout } from './vpc.defaults.js';

export interface VpcArgs {
  /** VPC block; default `10.0.0.0/16`. Plain strings: the layout is validated before creation. */
  readonly cidrBlock?: string;
  /** Reserved public subnet (behind the internet gateway); default `10.0.0.0/24`. */
  readonly publicSubnetCidr?: string;
  /** API subnet; default `10.0.1.0/24`. */
  readonly privateSubnetCidr?: string;
  /** Lambda subnet; default `10.0.2.0/24`. */
  readonly lambdaSubnetCidr?: string;
  /** Two database subnets, one per AZ; default `10.0.3.0/24`, `10.0.4.0/24`. */
  readonly dataSubnetCidrs?: readonly string[];
  /**
   * Two AZs: the first holds every subnet, the second the second data subnet. Default: the
   * first two available AZs of the Region.
   */
  readonly availabilityZones?: readonly pulumi.Input<string>[];
  /** Tags for every child; each also gets `Name` = its own name. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The Student Helper network: a VPC with DNS, an internet gateway and a public subnet routed
 * to it (reserved), and private API, Lambda and data subnets on a route table with no default
 * route — private workloads reach AWS only through VPC endpoints.
 */
export class Vpc extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly vpcCidrBlock: pulumi.Output<string>;
  readonly internetGatewayId: pulumi.Output<string>;
  readonly publicSubnetIds: pulumi.Output<string[]>;
  /** The API subnet. */
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly lambdaSubnetIds: pulumi.Output<string[]>;
  /** Two subnets in two AZs, for the RDS subnet group. */
  readonly dataSubnetIds: pulumi.Output<string[]>;
  readonly publicRouteTableId: pulumi.Output<string>;
  /** The route table of every private subnet (for the S3 gateway endpoint). */
  readonly privateRouteTableIds: pulumi.Output<string[]>;
  readonly availabilityZones: pulumi.Output<string[]>;

  constructor(name: string, args: VpcArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:networking:Vpc', name, {}, opts);

    const layout = {
      cidrBlock: args.cidrBlock ?? VPC_DEFAULTS.cidrBlock,
      publicSubnetCidr: args.publicSubnetCidr ?? VPC_DEFAULTS.publicSubnetCidr,
      privateSubnetCidr: args.privateSubnetCidr ?? VPC_DEFAULTS.privateSubnetCidr,
      lambdaSubnetCidr: args.lambdaSubnetCidr ?? VPC_DEFAULTS.lambdaSubnetCidr,
      dataSubnetCidrs: args.dataSubnetCidrs ?? VPC_DEFAULTS.dataSubnetCidrs,
    };
    validateSubnetLayout(layout);
    if (args.availabilityZones && args.availabilityZones.length !== DATA_SUBNET_COUNT) {
      throw new Error(`availabilityZones needs exactly ${DATA_SUBNET_COUNT} zones, got ${args.availabilityZones.length}`);
    }
    const zones: pulumi.Input<string>[] = args.availabilityZones
      ? [...args.availabilityZones]
      : (() => {
          const available = aws.getAvailabilityZonesOutput({ state: 'available' }, { parent: this });
          return [0, 1].map((i) =>
            available.names.apply((names) => {
              const zone = names[i];
              if (!zone) throw new Error(`The Region has fewer than ${DATA_SUBNET_COUNT} available AZs`);
              return zone;
            }),
          );
        })();
    const [primaryZone, secondaryZone] = zones as [pulumi.Input<string>, pulumi.Input<string>];
    const child = { parent: this };

    const vpc = new aws.ec2.Vpc(
      name,
      { cidrBlock: layout.cidrBlock, enableDnsHostnames: true, enableDnsSupport: true, tags: withName(args.tags, name) },
      child,
    );
    // Strip the rules of the VPC's default group so nothing can use it by accident.
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: withName(args.tags, `${name}-default-sg`) }, child);
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: withName(args.tags, `${name}-igw`) }, child);

    const subnet = (suffix: string, cidrBlock: string, availabilityZone: pulumi.Input<string>) =>
      new aws.ec2.Subnet(
        `${name}-${suffix}`,
        { vpcId: vpc.id, cidrBlock, availabilityZone, mapPublicIpOnLaunch: false, tags: withName(args.tags, `${name}-${suffix}`) },
        child,
      );
    const publicSubnet = subnet('public', layout.publicSubnetCidr, primaryZone);
    const privateSubnet = subnet('private', layout.privateSubnetCidr, primaryZone);
    const lambdaSubnet = subnet('lambda', layout.lambdaSubnetCidr, primaryZone);
    const dataSubnets = layout.dataSubnetCidrs.map((cidr, i) =>
      subnet(`data-${String.fromCharCode(97 + i)}`, cidr, i === 0 ? primaryZone : secondaryZone),
    );

    const publicRouteTable = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId: vpc.id, tags: withName(args.tags, `${name}-public-rt`) }, child);
    new aws.ec2.Route(`${name}-public-default`, { routeTableId: publicRouteTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id }, child);
    new aws.ec2.RouteTableAssociation(`${name}-public-rta`, { subnetId: publicSubnet.id, routeTableId: publicRouteTable.id }, child);

    // No default route: the only ways out are the VPC endpoints.
    const privateRouteTable = new aws.ec2.RouteTable(`${name}-private-rt`, { vpcId: vpc.id, tags: withName(args.tags, `${name}-private-rt`) }, child);
    const privateSubnets: [string, aws.ec2.Subnet][] = [
      ['private', privateSubnet],
      ['lambda', lambdaSubnet],
      ...dataSubnets.map((s, i): [string, aws.ec2.Subnet] => [`data-${String.fromCharCode(97 + i)}`, s]),
    ];
    for (const [suffix, s] of privateSubnets) {
      new aws.ec2.RouteTableAssociation(`${name}-${suffix}-rta`, { subnetId: s.id, routeTableId: privateRouteTable.id }, child);
    }

    this.vpcId = vpc.id;
    this.vpcCidrBlock = vpc.cidrBlock;
    this.internetGatewayId = igw.id;
    this.publicSubnetIds = pulumi.all([publicSubnet.id]);
    this.privateSubnetIds = pulumi.all([privateSubnet.id]);
    this.lambdaSubnetIds = pulumi.all([lambdaSubnet.id]);
    this.dataSubnetIds = pulumi.all(dataSubnets.map((s) => s.id));
    this.publicRouteTableId = publicRouteTable.id;
    this.privateRouteTableIds = pulumi.all([privateRouteTable.id]);
    this.availabilityZones = pulumi.all([primaryZone, secondaryZone]);

    this.registerOutputs({
      vpcId: this.vpcId,
      vpcCidrBlock: this.vpcCidrBlock,
      internetGatewayId: this.internetGatewayId,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      lambdaSubnetIds: this.lambdaSubnetIds,
      dataSubnetIds: this.dataSubnetIds,
      publicRouteTableId: this.publicRouteTableId,
      privateRouteTableIds: this.privateRouteTableIds,
      availabilityZones: this.availabilityZones,
    });
  }
}
