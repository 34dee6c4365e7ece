import * as aws from '@pulumi/aws';
import { SecurityGroups, Vpc, VpcEndpoints } from '@student-helper/networking';
import type { LayerContext } from './context.js';

/** CloudFront's origin-facing servers, the only source the API port admits from outside the VPC (decision 0027). */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';

/**
 * Layer 1: VPC, security groups, and the endpoints that replace a NAT (decision 0008). The
 * backend group admits the API port from CloudFront's origin-facing prefix list for the chat
 * stream's VPC origin (decision 0027).
 */
export function networkLayer({ config, namer, tags }: LayerContext) {
  const vpc = new Vpc(namer.name('network'), { tags });
  const s3PrefixList = aws.ec2.getPrefixListOutput({ name: `com.amazonaws.${config.region}.s3` });
  const cloudFrontPrefixList = aws.ec2.getManagedPrefixListOutput({ name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST });
  const securityGroups = new SecurityGroups(namer.name('sg'), {
    vpcId: vpc.vpcId,
    s3PrefixListId: s3PrefixList.id,
    cloudFrontPrefixListId: cloudFrontPrefixList.id,
    apiPort: config.apiPort,
    tags,
  });
  const endpoints = new VpcEndpoints(namer.name('endpoints'), {
    vpcId: vpc.vpcId,
    region: config.region,
    routeTableIds: vpc.privateRouteTableIds,
    subnetIds: vpc.privateSubnetIds,
    securityGroupIds: [securityGroups.endpointsSecurityGroupId],
    tags,
  });
  return { vpc, securityGroups, endpoints };
}

export type NetworkLayer = ReturnType<typeof networkLayer>;
