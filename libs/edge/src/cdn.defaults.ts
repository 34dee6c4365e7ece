import { assertIntegerInRange, assertMatches, assertOneOf } from '@student-helper/infra-shared';

/**
 * AWS-managed CloudFront policy ids: the same in every account, documented by AWS, so they are
 * constants rather than lookups.
 */
export const MANAGED_POLICY_IDS = {
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  /** Forwards every viewer header but Host, which API Gateway must see as its own domain. */
  allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
  /** HSTS, nosniff, frame-options SAMEORIGIN, referrer-policy, XSS protection. */
  securityHeaders: '67f7725c-6f97-4210-82d7-5512b31e9d03',
} as const;

/**
 * The seed's distribution with the private-bucket origin of correction 7: PriceClass_100,
 * IPv6, HTTPS only for viewers, compression, the static TTLs 0 / 1 day / 1 year, client-side
 * routes served `/index.html` by a viewer-request function (decision 0028), and `/api/*`
 * passed to the HTTP API uncached.
 */
export const CDN_DEFAULTS = {
  priceClass: 'PriceClass_100',
  isIpv6Enabled: true,
  httpVersion: 'http2and3',
  defaultRootObject: 'index.html',
  apiPathPattern: '/api/*',
  staticOriginId: 'frontend-s3',
  apiOriginId: 'http-api',
  minTtl: 0,
  defaultTtl: 86_400,
  maxTtl: 31_536_000,
  staticAllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
  cachedMethods: ['GET', 'HEAD'],
  apiAllowedMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
  /** Browsers are redirected to HTTPS for pages; an API POST over HTTP is refused, not redirected (a redirect would drop its body). */
  staticViewerProtocolPolicy: 'redirect-to-https',
  apiViewerProtocolPolicy: 'https-only',
  originAccessControl: { originAccessControlOriginType: 's3', signingBehavior: 'always', signingProtocol: 'sigv4' },
  apiOrigin: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
  spaFallback: 'viewerRequestFunction',
  spaErrorCodes: [403, 404],
  minimumProtocolVersion: 'TLSv1.2_2021',
} as const;

export const PRICE_CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];

/**
 * How unknown paths reach the single-page app:
 * - `viewerRequestFunction` (default, decision 0028): a CloudFront Function on the static
 *   behaviour rewrites paths without a file extension to `/index.html`; API errors reach the
 *   client unchanged.
 * - `errorResponses` (SPEC §5's seed): S3's 403/404 become `/index.html` with 200. CloudFront
 *   applies custom error responses to the whole distribution, so an API 403/404 under
 *   `/api/*` is replaced by the app shell too. Only for a distribution whose API errors no
 *   client reads.
 */
export const SPA_FALLBACKS = ['errorResponses', 'viewerRequestFunction'] as const;
export type SpaFallback = (typeof SPA_FALLBACKS)[number];

/** cloudfront-js-2.0: extension-less paths are client-side routes. */
export const SPA_REWRITE_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) {
    request.uri = '/index.html';
  }
  return request;
}`;

export interface CdnSettings {
  readonly priceClass: PriceClass;
  readonly spaFallback: SpaFallback;
  readonly apiPathPattern: string;
  readonly minTtl: number;
  readonly defaultTtl: number;
  readonly maxTtl: number;
}

export function resolveCdnSettings(args: {
  priceClass?: PriceClass;
  spaFallback?: SpaFallback;
  apiPathPattern?: string;
  minTtl?: number;
  defaultTtl?: number;
  maxTtl?: number;
}): CdnSettings {
  const d = CDN_DEFAULTS;
  const priceClass = args.priceClass ?? d.priceClass;
  assertOneOf('priceClass', priceClass, PRICE_CLASSES);
  const spaFallback = args.spaFallback ?? d.spaFallback;
  assertOneOf('spaFallback', spaFallback, SPA_FALLBACKS);
  const apiPathPattern = args.apiPathPattern ?? d.apiPathPattern;
  assertMatches('apiPathPattern', apiPathPattern, /^\/[A-Za-z0-9_\-.$/~"'@:+]*\*$/, 'a path pattern such as /api/*');
  const minTtl = args.minTtl ?? d.minTtl;
  const defaultTtl = args.defaultTtl ?? d.defaultTtl;
  const maxTtl = args.maxTtl ?? d.maxTtl;
  assertIntegerInRange('maxTtl', maxTtl, 0, 31_536_000);
  assertIntegerInRange('defaultTtl', defaultTtl, 0, maxTtl);
  assertIntegerInRange('minTtl', minTtl, 0, defaultTtl);
  return { priceClass, spaFallback, apiPathPattern, minTtl, defaultTtl, maxTtl };
}
