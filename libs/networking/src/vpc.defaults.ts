import { cidrContains, cidrsOverlap, parseCidr } from './cidr.js';

/** The seed's layout, with the second data subnet RDS needs (SPEC §5 correction 3). */
export const VPC_DEFAULTS = {
  cidrBlock: '10.0.0.0/16',
  publicSubnetCidr: '10.0.0.0/24',
  privateSubnetCidr: '10.0.1.0/24',
  lambdaSubnetCidr: '10.0.2.0/24',
  dataSubnetCidrs: ['10.0.3.0/24', '10.0.4.0/24'],
} as const;

/** An RDS subnet group needs subnets in at least two AZs; Multi-AZ places the standby in the second. */
export const DATA_SUBNET_COUNT = 2;

export interface SubnetLayout {
  readonly cidrBlock: string;
  readonly publicSubnetCidr: string;
  readonly privateSubnetCidr: string;
  readonly lambdaSubnetCidr: string;
  readonly dataSubnetCidrs: readonly string[];
}

/** Throws a message naming the offending blocks if the layout cannot be built. */
export function validateSubnetLayout(layout: SubnetLayout): void {
  parseCidr(layout.cidrBlock);
  if (layout.dataSubnetCidrs.length !== DATA_SUBNET_COUNT) {
    throw new Error(`Exactly ${DATA_SUBNET_COUNT} data subnets are needed (one per AZ for RDS), got ${layout.dataSubnetCidrs.length}`);
  }
  const subnets: [string, string][] = [
    ['public', layout.publicSubnetCidr],
    ['private', layout.privateSubnetCidr],
    ['lambda', layout.lambdaSubnetCidr],
    ...layout.dataSubnetCidrs.map((c, i): [string, string] => [`data-${String.fromCharCode(97 + i)}`, c]),
  ];
  for (const [label, cidr] of subnets) {
    if (!cidrContains(layout.cidrBlock, cidr)) throw new Error(`Subnet ${label} (${cidr}) is outside the VPC block ${layout.cidrBlock}`);
  }
  for (let i = 0; i < subnets.length; i++) {
    for (let j = i + 1; j < subnets.length; j++) {
      const [a, x] = subnets[i] as [string, string];
      const [b, y] = subnets[j] as [string, string];
      if (cidrsOverlap(x, y)) throw new Error(`Subnets ${a} (${x}) and ${b} (${y}) overlap`);
    }
  }
}
