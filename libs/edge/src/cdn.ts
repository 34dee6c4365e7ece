import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import {
  CDN_DEFAULTS,
  MANAGED_POLICY_IDS,
  SPA_REWRITE_FUNCTION,
  resolveCdnSettings,
  type PriceClass,
  type SpaFallback,
} from './cdn.defaults.js';
import { STREAMING_ORIGIN_DEFAULTS, resolveStreamingOriginSettings } from './streaming-origin.defaults.js';

/**
 * A private target CloudFront reaches through a VPC origin, for responses that must stream
 * (API Gateway HTTP APIs buffer them; decision 0027).
 */
export interface StreamingOriginArgs {
  /** An EC2 instance ARN (compute `ApiServer.instanceArn`) or an internal ALB/NLB ARN, in a VPC with an internet gateway. */
  readonly targetArn: pulumi.Input<string>;
  /** The target's private DNS name (`ApiServer.privateDns`, or the load balancer's DNS name). */
  readonly domainName: pulumi.Input<string>;
  /** The port it serves plain HTTP on (`ApiServer.apiPort`): 80, 443 or 1024-65535. */
  readonly port: number;
  /** Default `['/api/sessions/*\/chat']`; matched before `apiPathPattern`, all methods, uncached. */
  readonly pathPatterns?: readonly string[];
  /** Seconds CloudFront waits for the first byte and between bytes; default 60 (above 60 needs a quota increase). */
  readonly readTimeoutSeconds?: number;
  /** Seconds an idle origin connection stays open; default 60. */
  readonly keepaliveTimeoutSeconds?: number;
}

export interface CdnArgs {
  /** The private frontend bucket's REST endpoint (storage `FrontendBucket.bucketRegionalDomainName`), never a website endpoint. */
  readonly frontendBucketRegionalDomainName: pulumi.Input<string>;
  /** The HTTP API host (`HttpApi.apiDomainName`). */
  readonly apiDomainName: pulumi.Input<string>;
  /** Default `/api/*`. */
  readonly apiPathPattern?: string;
  /** Default `PriceClass_100`. */
  readonly priceClass?: PriceClass;
  /**
   * Default `viewerRequestFunction` (decision 0028); `errorResponses` is SPEC §5's seed and masks
   * API 403/404s — see `SPA_FALLBACKS`. Plain: it decides whether a function exists.
   */
  readonly spaFallback?: SpaFallback;
  /**
   * Paths served straight from a private target through a CloudFront VPC origin instead of the
   * HTTP API (the chat stream). The target's security group must admit the port from
   * CloudFront's origin-facing prefix list. Absent: everything under `/api/*` goes to the HTTP API.
   */
  readonly streamingOrigin?: StreamingOriginArgs;
  /** TTLs of the static behaviour in seconds; defaults 0 / 86400 / 31536000. */
  readonly minTtl?: number;
  readonly defaultTtl?: number;
  readonly maxTtl?: number;
  /** Custom domain names; need `acmCertificateArn` (us-east-1). */
  readonly aliases?: pulumi.Input<pulumi.Input<string>[]>;
  readonly acmCertificateArn?: pulumi.Input<string>;
  /** AWS WAF web ACL ARN. */
  readonly webAclId?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * CloudFront for the web app and its API: the private frontend bucket through Origin Access
 * Control (SigV4, always — decision 0014), cached with TTLs 0/86400/31536000 and compressed,
 * security headers, client-side routes to `/index.html` (decision 0028); `/api/*` to the HTTP
 * API with the managed CachingDisabled and AllViewerExceptHostHeader policies, and optionally
 * streamed paths to a private target through a VPC origin (decision 0027). PriceClass_100,
 * IPv6, HTTP/2 and 3.
 */
export class Cdn extends pulumi.ComponentResource {
  readonly distributionId: pulumi.Output<string>;
  /** Pass to `FrontendBucket.cloudFrontDistributionArn`. */
  readonly distributionArn: pulumi.Output<string>;
  readonly distributionDomainName: pulumi.Output<string>;
  readonly distributionHostedZoneId: pulumi.Output<string>;
  readonly originAccessControlId: pulumi.Output<string>;
  readonly staticCachePolicyId: pulumi.Output<string>;
  /** The streaming VPC origin, when `streamingOrigin` is given. */
  readonly streamingVpcOriginId: pulumi.Output<string> | undefined;
  readonly streamingVpcOriginArn: pulumi.Output<string> | undefined;

  constructor(name: string, args: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:edge:Cdn', name, {}, opts);
    const settings = resolveCdnSettings(args);
    if ((args.aliases === undefined) !== (args.acmCertificateArn === undefined)) {
      throw new Error('aliases and acmCertificateArn go together: CloudFront serves a custom domain only with its certificate');
    }
    const streaming = args.streamingOrigin && { ...args.streamingOrigin, ...resolveStreamingOriginSettings(args.streamingOrigin) };
    const d = CDN_DEFAULTS;
    const s = STREAMING_ORIGIN_DEFAULTS;
    const child = { parent: this };

    const oac = new aws.cloudfront.OriginAccessControl(
      `${name}-oac`,
      { description: `${name}: frontend bucket`, ...d.originAccessControl },
      child,
    );
    const staticPolicy = new aws.cloudfront.CachePolicy(
      `${name}-static`,
      {
        comment: `${name}: static web assets`,
        minTtl: settings.minTtl,
        defaultTtl: settings.defaultTtl,
        maxTtl: settings.maxTtl,
        parametersInCacheKeyAndForwardedToOrigin: {
          cookiesConfig: { cookieBehavior: 'none' },
          headersConfig: { headerBehavior: 'none' },
          queryStringsConfig: { queryStringBehavior: 'none' },
          enableAcceptEncodingGzip: true,
          enableAcceptEncodingBrotli: true,
        },
      },
      child,
    );
    const rewrite =
      settings.spaFallback === 'viewerRequestFunction'
        ? new aws.cloudfront.Function(
            `${name}-spa-rewrite`,
            {
              runtime: 'cloudfront-js-2.0',
              comment: `${name}: client-side routes to /index.html`,
              code: SPA_REWRITE_FUNCTION,
              publish: true,
              tags: withName(args.tags, `${name}-spa-rewrite`),
            },
            child,
          )
        : undefined;

    const streamName = `${name}-stream`;
    const vpcOrigin =
      streaming &&
      new aws.cloudfront.VpcOrigin(
        streamName,
        {
          vpcOriginEndpointConfig: {
            name: streamName,
            arn: streaming.targetArn,
            httpPort: streaming.port,
            httpsPort: s.httpsPort,
            originProtocolPolicy: s.originProtocolPolicy,
            originSslProtocols: { items: [...s.originSslProtocols], quantity: s.originSslProtocols.length },
          },
          tags: withName(args.tags, streamName),
        },
        child,
      );
    const streamingOrigins =
      streaming && vpcOrigin
        ? [
            {
              originId: s.originId,
              domainName: streaming.domainName,
              vpcOriginConfig: {
                vpcOriginId: vpcOrigin.id,
                originReadTimeout: streaming.readTimeoutSeconds,
                originKeepaliveTimeout: streaming.keepaliveTimeoutSeconds,
              },
            },
          ]
        : [];
    // CloudFront takes the first matching behaviour, so the streamed paths precede `/api/*`.
    const streamingBehaviours = (streaming?.pathPatterns ?? []).map((pattern) => uncachedBehaviour(pattern, s.originId));

    const distribution = new aws.cloudfront.Distribution(
      name,
      {
        enabled: true,
        comment: `${name}: Student Helper`,
        isIpv6Enabled: d.isIpv6Enabled,
        httpVersion: d.httpVersion,
        priceClass: settings.priceClass,
        defaultRootObject: d.defaultRootObject,
        aliases: args.aliases,
        webAclId: args.webAclId,
        origins: [
          { originId: d.staticOriginId, domainName: args.frontendBucketRegionalDomainName, originAccessControlId: oac.id },
          { originId: d.apiOriginId, domainName: args.apiDomainName, customOriginConfig: { ...d.apiOrigin, originSslProtocols: [...d.apiOrigin.originSslProtocols] } },
          ...streamingOrigins,
        ],
        defaultCacheBehavior: {
          targetOriginId: d.staticOriginId,
          viewerProtocolPolicy: d.staticViewerProtocolPolicy,
          allowedMethods: [...d.staticAllowedMethods],
          cachedMethods: [...d.cachedMethods],
          compress: true,
          cachePolicyId: staticPolicy.id,
          responseHeadersPolicyId: MANAGED_POLICY_IDS.securityHeaders,
          functionAssociations: rewrite ? [{ eventType: 'viewer-request', functionArn: rewrite.arn }] : undefined,
        },
        orderedCacheBehaviors: [...streamingBehaviours, uncachedBehaviour(settings.apiPathPattern, d.apiOriginId)],
        customErrorResponses:
          settings.spaFallback === 'errorResponses'
            ? d.spaErrorCodes.map((errorCode) => ({ errorCode, responseCode: 200, responsePagePath: `/${d.defaultRootObject}`, errorCachingMinTtl: 0 }))
            : undefined,
        restrictions: { geoRestriction: { restrictionType: 'none' } },
        viewerCertificate:
          args.acmCertificateArn === undefined
            ? { cloudfrontDefaultCertificate: true }
            : { acmCertificateArn: args.acmCertificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: d.minimumProtocolVersion },
        tags: withName(args.tags, name),
      },
      child,
    );

    this.distributionId = distribution.id;
    this.distributionArn = distribution.arn;
    this.distributionDomainName = distribution.domainName;
    this.distributionHostedZoneId = distribution.hostedZoneId;
    this.originAccessControlId = oac.id;
    this.staticCachePolicyId = staticPolicy.id;
    this.streamingVpcOriginId = vpcOrigin?.id;
    this.streamingVpcOriginArn = vpcOrigin?.arn;
    this.registerOutputs({
      distributionId: this.distributionId,
      distributionArn: this.distributionArn,
      distributionDomainName: this.distributionDomainName,
      distributionHostedZoneId: this.distributionHostedZoneId,
      originAccessControlId: this.originAccessControlId,
      staticCachePolicyId: this.staticCachePolicyId,
      streamingVpcOriginId: this.streamingVpcOriginId,
      streamingVpcOriginArn: this.streamingVpcOriginArn,
    });
  }
}

/**
 * An API path: all methods, HTTPS only, nothing cached, every viewer header but Host
 * forwarded. `compress: false` states what CachingDisabled implies (CloudFront compresses only
 * when the cache policy enables gzip or brotli, and this one enables neither); an event stream
 * must stay uncompressed anyway, since a compressor holds tokens back until its block fills.
 */
function uncachedBehaviour(pathPattern: string, targetOriginId: string) {
  const d = CDN_DEFAULTS;
  return {
    pathPattern,
    targetOriginId,
    viewerProtocolPolicy: d.apiViewerProtocolPolicy,
    allowedMethods: [...d.apiAllowedMethods],
    cachedMethods: [...d.cachedMethods],
    compress: false,
    cachePolicyId: MANAGED_POLICY_IDS.cachingDisabled,
    originRequestPolicyId: MANAGED_POLICY_IDS.allViewerExceptHostHeader,
  };
}
