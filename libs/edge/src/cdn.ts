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

export interface CdnArgs {
  /** The private frontend bucket's REST endpoint (storage `FrontendBucket.bucketRegionalDomainName`), never a website endpoint. */
  readonly frontendBucketRegionalDomainName: pulumi.Input<string>;
  /** The HTTP API host (`HttpApi.apiDomainName`). */
  readonly apiDomainName: pulumi.Input<string>;
  /** Default `/api/*`. */
  readonly apiPathPattern?: string;
  /** Default `PriceClass_100`. */
  readonly priceClass?: PriceClass;
  /** Default `errorResponses` (SPEC); see `SPA_FALLBACKS` for the trade-off. Plain: it decides whether a function exists. */
  readonly spaFallback?: SpaFallback;
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
 * security headers, SPA fallback to `/index.html`; `/api/*` to the HTTP API with the managed
 * CachingDisabled and AllViewerExceptHostHeader policies. PriceClass_100, IPv6, HTTP/2 and 3.
 */
export class Cdn extends pulumi.ComponentResource {
  readonly distributionId: pulumi.Output<string>;
  /** Pass to `FrontendBucket.cloudFrontDistributionArn`. */
  readonly distributionArn: pulumi.Output<string>;
  readonly distributionDomainName: pulumi.Output<string>;
  readonly distributionHostedZoneId: pulumi.Output<string>;
  readonly originAccessControlId: pulumi.Output<string>;
  readonly staticCachePolicyId: pulumi.Output<string>;

  constructor(name: string, args: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:edge:Cdn', name, {}, opts);
    const settings = resolveCdnSettings(args);
    if ((args.aliases === undefined) !== (args.acmCertificateArn === undefined)) {
      throw new Error('aliases and acmCertificateArn go together: CloudFront serves a custom domain only with its certificate');
    }
    const d = CDN_DEFAULTS;
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
            { runtime: 'cloudfront-js-2.0', comment: `${name}: client-side routes to /index.html`, code: SPA_REWRITE_FUNCTION, publish: true },
            child,
          )
        : undefined;

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
        orderedCacheBehaviors: [
          {
            pathPattern: settings.apiPathPattern,
            targetOriginId: d.apiOriginId,
            viewerProtocolPolicy: d.apiViewerProtocolPolicy,
            allowedMethods: [...d.apiAllowedMethods],
            cachedMethods: [...d.cachedMethods],
            // CachingDisabled turns compression off at the edge; the API compresses itself.
            compress: false,
            cachePolicyId: MANAGED_POLICY_IDS.cachingDisabled,
            originRequestPolicyId: MANAGED_POLICY_IDS.allViewerExceptHostHeader,
          },
        ],
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
    this.registerOutputs({
      distributionId: this.distributionId,
      distributionArn: this.distributionArn,
      distributionDomainName: this.distributionDomainName,
      distributionHostedZoneId: this.distributionHostedZoneId,
      originAccessControlId: this.originAccessControlId,
      staticCachePolicyId: this.staticCachePolicyId,
    });
  }
}
