import * as pulumi from '@pulumi/pulumi';
import { Cdn, HttpApi } from '@student-helper/edge';
import { FrontendBucket } from '@student-helper/storage';
import type { ComputeLayer } from './compute.js';
import type { LayerContext } from './context.js';
import type { NetworkLayer } from './network.js';

/**
 * Layer 5, the only internet-facing one: the HTTP API reaching the API server through a VPC
 * link to its Cloud Map service (decision 0009), and CloudFront serving the private frontend
 * bucket through OAC plus `/api/*` (decision 0014). The chat's event stream bypasses the
 * HTTP API, which would buffer it: CloudFront reaches the API instance through a VPC origin
 * (decision 0027). Client-side routes are rewritten by the Cdn's default viewer-request
 * function, so API errors keep their status (decision 0028). The bucket policy names the
 * distribution and the distribution names the bucket, so the distribution ARN is deferred.
 */
export function edgeLayer({ config, namer, tags }: LayerContext, network: NetworkLayer, compute: ComputeLayer) {
  const target = compute.api.serviceDiscoveryServiceArn;
  if (!target) throw new Error('The API server must register in Cloud Map: the HTTP API integrates with its service');
  const httpApi = new HttpApi(namer.name('http-api'), {
    integrationUri: target,
    vpcLinkSubnetIds: network.vpc.privateSubnetIds,
    vpcLinkSecurityGroupIds: [network.securityGroups.vpcLinkSecurityGroupId],
    accessLogRetentionInDays: config.logRetentionDays,
    tags,
  });

  const [distributionArn, resolveDistributionArn] = pulumi.deferredOutput<string>();
  const frontend = new FrontendBucket(namer.name('frontend'), {
    bucketName: namer.bucketName('frontend'),
    cloudFrontDistributionArn: distributionArn,
    tags,
  });
  const cdn = new Cdn(namer.name('cdn'), {
    frontendBucketRegionalDomainName: frontend.bucketRegionalDomainName,
    apiDomainName: httpApi.apiDomainName,
    streamingOrigin: { targetArn: compute.api.instanceArn, domainName: compute.api.privateDns, port: compute.api.apiPort },
    tags,
  });
  resolveDistributionArn(cdn.distributionArn);
  return { httpApi, frontend, cdn };
}

export type EdgeLayer = ReturnType<typeof edgeLayer>;
