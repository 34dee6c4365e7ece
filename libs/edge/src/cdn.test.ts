import { runInNewContext } from 'node:vm';
import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Cdn, type CdnArgs, type StreamingOriginArgs } from './cdn.js';
import { SPA_REWRITE_FUNCTION, resolveCdnSettings } from './cdn.defaults.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const bucketDomain = 'student-helper-dev-frontend-0f1e2d3c.s3.ap-southeast-2.amazonaws.com';
const apiDomain = 'a1b2c3d4e5.execute-api.ap-southeast-2.amazonaws.com';
const base: CdnArgs = { frontendBucketRegionalDomainName: bucketDomain, apiDomainName: apiDomain, tags };
const instanceArn = 'arn:aws:ec2:ap-southeast-2:123456789012:instance/i-0123456789abcdef0';
const instanceDns = 'ip-10-0-1-23.ap-southeast-2.compute.internal';
const streamingOrigin: StreamingOriginArgs = { targetArn: instanceArn, domainName: instanceDns, port: 8000 };
const apiBehaviour = {
  pathPattern: '/api/*',
  targetOriginId: 'http-api',
  viewerProtocolPolicy: 'https-only',
  allowedMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
  cachedMethods: ['GET', 'HEAD'],
  compress: false,
  cachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  originRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
};
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

/** Runs the CloudFront Function's handler on a viewer request for `uri`. */
function rewrite(uri: string): string {
  const handler = runInNewContext(`${SPA_REWRITE_FUNCTION}\nhandler;`) as (event: { request: { uri: string } }) => { uri: string };
  return handler({ request: { uri } }).uri;
}

describe('Cdn', () => {
  it('creates exactly an origin access control, the static cache policy, the SPA rewrite function and the distribution', async () => {
    const cdn = new Cdn('cdn', base);
    const children = await harness.descendantsOf(cdn);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:cloudfront/cachePolicy:CachePolicy cdn-static',
      'aws:cloudfront/distribution:Distribution cdn',
      'aws:cloudfront/function:Function cdn-spa-rewrite',
      'aws:cloudfront/originAccessControl:OriginAccessControl cdn-oac',
    ]);
    expect(cdn.streamingVpcOriginId).toBeUndefined();
    expect(cdn.streamingVpcOriginArn).toBeUndefined();
  });

  it('signs every request to the bucket with SigV4 (OAC, not OAI) and caches statics 0 / 1 day / 1 year, compressed', async () => {
    await harness.descendantsOf(new Cdn('cdn', base));
    expect(harness.named('cdn-oac').inputs).toEqual({
      description: 'cdn: frontend bucket',
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    expect(harness.ofType('aws:cloudfront/originAccessIdentity:OriginAccessIdentity')).toEqual([]);
    expect(harness.named('cdn-static').inputs).toEqual({
      comment: 'cdn: static web assets',
      minTtl: 0,
      defaultTtl: 86400,
      maxTtl: 31536000,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: 'none' },
        headersConfig: { headerBehavior: 'none' },
        queryStringsConfig: { queryStringBehavior: 'none' },
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      },
    });
  });

  it('builds the distribution exactly: PriceClass_100, IPv6, HTTPS, SPA rewrite on statics only, /api/* uncached to the HTTP API', async () => {
    await harness.descendantsOf(new Cdn('cdn', base));
    const oacId = harness.named('cdn-oac').id;
    const staticPolicyId = harness.named('cdn-static').id;
    const rewriteArn = harness.named('cdn-spa-rewrite').state['arn'];
    expect(harness.named('cdn', 'aws:cloudfront/distribution:Distribution').inputs).toEqual({
      enabled: true,
      comment: 'cdn: Student Helper',
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      priceClass: 'PriceClass_100',
      defaultRootObject: 'index.html',
      origins: [
        { originId: 'frontend-s3', domainName: bucketDomain, originAccessControlId: oacId },
        {
          originId: 'http-api',
          domainName: apiDomain,
          customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: 'frontend-s3',
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: staticPolicyId,
        responseHeadersPolicyId: '67f7725c-6f97-4210-82d7-5512b31e9d03',
        functionAssociations: [{ eventType: 'viewer-request', functionArn: rewriteArn }],
      },
      orderedCacheBehaviors: [apiBehaviour],
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
      tags: { ...tags, Name: 'cdn' },
    });
  });

  it('exposes the distribution id, ARN (for the bucket policy), domain and hosted zone', async () => {
    const cdn = new Cdn('cdn', base);
    await harness.descendantsOf(cdn);
    const distribution = harness.named('cdn', 'aws:cloudfront/distribution:Distribution');
    expect(await unwrap(cdn.distributionId)).toBe(distribution.id);
    expect(await unwrap(cdn.distributionArn)).toBe(`arn:aws:cloudfront::123456789012:distribution/${distribution.id}`);
    expect(await unwrap(cdn.distributionDomainName)).toMatch(/^d[0-9a-f]{13}\.cloudfront\.net$/);
    expect(await unwrap(cdn.distributionHostedZoneId)).toBe('Z2FDTNDATAQYW2');
    expect(await unwrap(cdn.originAccessControlId)).toBe(harness.named('cdn-oac').id);
    expect(await unwrap(cdn.staticCachePolicyId)).toBe(harness.named('cdn-static').id);
  });

  it('routes the SPA with a published cloudfront-js-2.0 viewer-request function by default, so API errors reach the client', async () => {
    await harness.descendantsOf(new Cdn('cdn', base));
    expect(harness.named('cdn-spa-rewrite').inputs).toEqual({
      runtime: 'cloudfront-js-2.0',
      comment: 'cdn: client-side routes to /index.html',
      code: SPA_REWRITE_FUNCTION,
      publish: true,
      tags: { ...tags, Name: 'cdn-spa-rewrite' },
    });
    const inputs = harness.named('cdn', 'aws:cloudfront/distribution:Distribution').inputs;
    expect(inputs['customErrorResponses']).toBeUndefined();
    expect((inputs['orderedCacheBehaviors'] as Record<string, unknown>[]).map((b) => b['functionAssociations'])).toEqual([undefined]);
  });

  it('keeps SPEC §5’s 403/404 → /index.html error responses as an option, with no function', async () => {
    const cdn = new Cdn('cdn', { ...base, spaFallback: 'errorResponses' });
    const children = await harness.descendantsOf(cdn);
    expect(children.map((r) => r.type)).not.toContain('aws:cloudfront/function:Function');
    const inputs = harness.named('cdn', 'aws:cloudfront/distribution:Distribution').inputs;
    expect(inputs['customErrorResponses']).toEqual([
      { errorCode: 403, responseCode: 200, responsePagePath: '/index.html', errorCachingMinTtl: 0 },
      { errorCode: 404, responseCode: 200, responsePagePath: '/index.html', errorCachingMinTtl: 0 },
    ]);
    expect((inputs['defaultCacheBehavior'] as Record<string, unknown>)['functionAssociations']).toBeUndefined();
  });

  it('streams the chat path from the API instance through a VPC origin, ahead of /api/*', async () => {
    const cdn = new Cdn('cdn', { ...base, streamingOrigin });
    const children = await harness.descendantsOf(cdn);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:cloudfront/cachePolicy:CachePolicy cdn-static',
      'aws:cloudfront/distribution:Distribution cdn',
      'aws:cloudfront/function:Function cdn-spa-rewrite',
      'aws:cloudfront/originAccessControl:OriginAccessControl cdn-oac',
      'aws:cloudfront/vpcOrigin:VpcOrigin cdn-stream',
    ]);
    const vpcOrigin = harness.named('cdn-stream');
    expect(vpcOrigin.inputs).toEqual({
      vpcOriginEndpointConfig: {
        name: 'cdn-stream',
        arn: instanceArn,
        httpPort: 8000,
        httpsPort: 443,
        originProtocolPolicy: 'http-only',
        originSslProtocols: { items: ['TLSv1.2'], quantity: 1 },
      },
      tags: { ...tags, Name: 'cdn-stream' },
    });
    const inputs = harness.named('cdn', 'aws:cloudfront/distribution:Distribution').inputs;
    expect((inputs['origins'] as unknown[])[2]).toEqual({
      originId: 'api-stream',
      domainName: instanceDns,
      vpcOriginConfig: { vpcOriginId: vpcOrigin.id, originReadTimeout: 60, originKeepaliveTimeout: 60 },
    });
    // The chat behaviour differs from /api/* only in its path and origin.
    expect(inputs['orderedCacheBehaviors']).toEqual([{ ...apiBehaviour, pathPattern: '/api/sessions/*/chat', targetOriginId: 'api-stream' }, apiBehaviour]);
    expect(await unwrap(cdn.streamingVpcOriginId)).toBe(vpcOrigin.id);
    expect(await unwrap(cdn.streamingVpcOriginArn)).toBe(`arn:aws:cloudfront::123456789012:vpcorigin/${vpcOrigin.id}`);
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });

  it('takes other streamed paths and timeouts, one behaviour each in order', async () => {
    await harness.descendantsOf(
      new Cdn('cdn', {
        ...base,
        streamingOrigin: { ...streamingOrigin, port: 443, pathPatterns: ['/api/sessions/*/chat', '/api/events*'], readTimeoutSeconds: 120, keepaliveTimeoutSeconds: 5 },
      }),
    );
    const inputs = harness.named('cdn', 'aws:cloudfront/distribution:Distribution').inputs;
    const behaviours = inputs['orderedCacheBehaviors'] as Record<string, unknown>[];
    expect(behaviours.map((b) => `${String(b['pathPattern'])} → ${String(b['targetOriginId'])}`)).toEqual([
      '/api/sessions/*/chat → api-stream',
      '/api/events* → api-stream',
      '/api/* → http-api',
    ]);
    expect((inputs['origins'] as Record<string, unknown>[])[2]?.['vpcOriginConfig']).toMatchObject({ originReadTimeout: 120, originKeepaliveTimeout: 5 });
    expect((harness.named('cdn-stream').inputs['vpcOriginEndpointConfig'] as Record<string, unknown>)['httpPort']).toBe(443);
  });

  it('rejects streaming origin args CloudFront would refuse, naming them', () => {
    const bad = (overrides: Partial<StreamingOriginArgs>) => () => new Cdn('s', { ...base, streamingOrigin: { ...streamingOrigin, ...overrides } });
    expect(bad({ port: 8080.5 })).toThrow('streamingOrigin.port must be 80, 443 or an integer from 1024 to 65535, got 8080.5');
    expect(bad({ port: 1023 })).toThrow('streamingOrigin.port must be 80, 443 or an integer from 1024 to 65535, got 1023');
    expect(bad({ port: 65_536 })).toThrow('streamingOrigin.port must be 80, 443 or an integer from 1024 to 65535, got 65536');
    expect(bad({ pathPatterns: [] })).toThrow('streamingOrigin.pathPatterns must name at least one path pattern');
    expect(bad({ pathPatterns: ['api/sessions/*/chat'] })).toThrow(
      'streamingOrigin.pathPatterns must be path patterns such as /api/sessions/*/chat, got "api/sessions/*/chat"',
    );
    expect(bad({ pathPatterns: ['/api/chat', '/api/chat'] })).toThrow('streamingOrigin.pathPatterns lists /api/chat twice');
    expect(bad({ readTimeoutSeconds: 181 })).toThrow('streamingOrigin.readTimeoutSeconds must be an integer from 1 to 180, got 181');
    expect(bad({ keepaliveTimeoutSeconds: 0 })).toThrow('streamingOrigin.keepaliveTimeoutSeconds must be an integer from 1 to 180, got 0');
  });

  it('rewrites client-side routes but not files', () => {
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/sessions/abc123')).toBe('/index.html');
    expect(rewrite('/sessions/v1.2/chat')).toBe('/index.html');
    expect(rewrite('/assets/index-3f2c1ab.js')).toBe('/assets/index-3f2c1ab.js');
    expect(rewrite('/favicon.ico')).toBe('/favicon.ico');
  });

  it('serves a custom domain with its certificate and TLS 1.2, another price class and a WAF', async () => {
    const acmCertificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abcd';
    const webAclId = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/sh/1234';
    await harness.descendantsOf(new Cdn('cdn', { ...base, aliases: ['study.example.com'], acmCertificateArn, webAclId, priceClass: 'PriceClass_All' }));
    const inputs = harness.named('cdn', 'aws:cloudfront/distribution:Distribution').inputs;
    expect([inputs['aliases'], inputs['webAclId'], inputs['priceClass']]).toEqual([['study.example.com'], webAclId, 'PriceClass_All']);
    expect(inputs['viewerCertificate']).toEqual({ acmCertificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' });
  });

  it('rejects bad args naming them', () => {
    expect(() => new Cdn('a', { ...base, aliases: ['study.example.com'] })).toThrow(
      'aliases and acmCertificateArn go together: CloudFront serves a custom domain only with its certificate',
    );
    expect(() => new Cdn('b', { ...base, priceClass: 'PriceClass_50' as 'PriceClass_100' })).toThrow(
      'priceClass must be one of PriceClass_100, PriceClass_200, PriceClass_All, got "PriceClass_50"',
    );
    expect(() => new Cdn('c', { ...base, spaFallback: 'website' as 'viewerRequestFunction' })).toThrow(
      'spaFallback must be one of errorResponses, viewerRequestFunction, got "website"',
    );
    expect(() => new Cdn('d', { ...base, apiPathPattern: 'api/*' })).toThrow('apiPathPattern must be a path pattern such as /api/*, got "api/*"');
    expect(() => resolveCdnSettings({ defaultTtl: 10, minTtl: 20 })).toThrow('minTtl must be an integer from 0 to 10, got 20');
    expect(() => resolveCdnSettings({ maxTtl: 100 })).toThrow('defaultTtl must be an integer from 0 to 100, got 86400');
  });

  it('passes the stack policies', async () => {
    await harness.descendantsOf(new Cdn('cdn', base));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
