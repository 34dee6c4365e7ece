import * as pulumi from '@pulumi/pulumi';
import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpApi, type HttpApiArgs } from './http-api.js';
import { ACCESS_LOG_FORMAT, assertIntegrationUri } from './http-api.defaults.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const cloudMapService = 'arn:aws:servicediscovery:ap-southeast-2:123456789012:service/srv-0a1b2c3d4e5f6a7b';
const nlbListener = 'arn:aws:elasticloadbalancing:ap-southeast-2:123456789012:listener/net/api/50dc6c495c0c9188/f2f7dc8efc522ab2';
const base: HttpApiArgs = { integrationUri: cloudMapService, vpcLinkSubnetIds: ['subnet-private'], vpcLinkSecurityGroupIds: ['sg-vpc-link'], tags };
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('HttpApi', () => {
  it('creates exactly the API, VPC link, integration, route, access log group and stage', async () => {
    const api = new HttpApi('api', base);
    const children = await harness.descendantsOf(api);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:apigatewayv2/api:Api api',
      'aws:apigatewayv2/integration:Integration api-integration',
      'aws:apigatewayv2/route:Route api-proxy',
      'aws:apigatewayv2/stage:Stage api-stage',
      'aws:apigatewayv2/vpcLink:VpcLink api-vpc-link',
      'aws:cloudwatch/logGroup:LogGroup api-access-logs',
    ]);
  });

  it('is an HTTP API with the seed CORS, bearer-token headers named', async () => {
    await harness.descendantsOf(new HttpApi('api', base));
    expect(harness.named('api', 'aws:apigatewayv2/api:Api').inputs).toEqual({
      protocolType: 'HTTP',
      description: 'api: Student Helper API',
      corsConfiguration: {
        allowOrigins: ['*'],
        allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        allowHeaders: ['authorization', 'content-type', 'range'],
        exposeHeaders: ['accept-ranges', 'content-length', 'content-range'],
        maxAge: 86400,
      },
      tags: { ...tags, Name: 'api' },
    });
  });

  it('proxies ANY /{proxy+} over the VPC link to the Cloud Map service (HTTP_PROXY, payload 1.0, 30 s)', async () => {
    await harness.descendantsOf(new HttpApi('api', base));
    const apiId = harness.named('api', 'aws:apigatewayv2/api:Api').id;
    const vpcLink = harness.named('api-vpc-link');
    const integration = harness.named('api-integration');
    expect(vpcLink.inputs).toEqual({ subnetIds: ['subnet-private'], securityGroupIds: ['sg-vpc-link'], tags: { ...tags, Name: 'api-vpc-link' } });
    expect(integration.inputs).toEqual({
      apiId,
      integrationType: 'HTTP_PROXY',
      integrationMethod: 'ANY',
      integrationUri: cloudMapService,
      connectionType: 'VPC_LINK',
      connectionId: vpcLink.id,
      payloadFormatVersion: '1.0',
      timeoutMilliseconds: 30000,
    });
    expect(harness.named('api-proxy').inputs).toEqual({ apiId, routeKey: 'ANY /{proxy+}', target: `integrations/${integration.id}` });
  });

  it('deploys the $default stage automatically, throttled, with JSON access logs kept 30 days', async () => {
    await harness.descendantsOf(new HttpApi('api', base));
    const logGroup = harness.named('api-access-logs');
    expect(logGroup.inputs).toEqual({ name: '/aws/vendedlogs/apigateway/api', retentionInDays: 30, tags: { ...tags, Name: 'api-access-logs' } });
    expect(harness.named('api-stage').inputs).toEqual({
      apiId: harness.named('api', 'aws:apigatewayv2/api:Api').id,
      name: '$default',
      autoDeploy: true,
      accessLogSettings: { destinationArn: logGroup.state['arn'], format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
      tags: { ...tags, Name: 'api-stage' },
    });
    expect(Object.keys(JSON.parse(ACCESS_LOG_FORMAT))).not.toContain('authorization');
    expect(JSON.parse(ACCESS_LOG_FORMAT).requestId).toBe('$context.requestId');
  });

  it('exposes the endpoint, its host for the CDN, and the stage URL', async () => {
    const api = new HttpApi('api', base);
    await harness.descendantsOf(api);
    const apiId = harness.named('api', 'aws:apigatewayv2/api:Api').id;
    expect(await unwrap(api.apiId)).toBe(apiId);
    expect(await unwrap(api.apiEndpoint)).toBe(`https://${apiId}.execute-api.ap-southeast-2.amazonaws.com`);
    expect(await unwrap(api.apiDomainName)).toBe(`${apiId}.execute-api.ap-southeast-2.amazonaws.com`);
    expect(await unwrap(api.stageInvokeUrl)).toBe(`https://${apiId}.execute-api.ap-southeast-2.amazonaws.com/`);
    expect(await unwrap(api.apiExecutionArn)).toBe(`arn:aws:execute-api:ap-southeast-2:123456789012:${apiId}`);
    expect(await unwrap(api.vpcLinkId)).toBe(harness.named('api-vpc-link').id);
    expect(await unwrap(api.integrationId)).toBe(harness.named('api-integration').id);
    expect(await unwrap(api.accessLogGroupName)).toBe('/aws/vendedlogs/apigateway/api');
  });

  it('takes an NLB listener, an Output target, its own CORS and throttling, or no CORS at all', async () => {
    await harness.descendantsOf(
      new HttpApi('api', { ...base, integrationUri: nlbListener, corsAllowOrigins: ['https://d111111abcdef8.cloudfront.net'], corsMaxAge: 600, throttlingRateLimit: 10 }),
    );
    expect(harness.named('api-integration').inputs['integrationUri']).toBe(nlbListener);
    expect((harness.named('api', 'aws:apigatewayv2/api:Api').inputs['corsConfiguration'] as Record<string, unknown>)['allowOrigins']).toEqual([
      'https://d111111abcdef8.cloudfront.net',
    ]);
    expect(harness.named('api-stage').inputs['defaultRouteSettings']).toEqual({ throttlingBurstLimit: 100, throttlingRateLimit: 10 });
    harness.clear();
    await harness.descendantsOf(new HttpApi('late', { ...base, integrationUri: pulumi.output(cloudMapService), cors: false }));
    expect(harness.named('late-integration').inputs['integrationUri']).toBe(cloudMapService);
    expect(harness.named('late', 'aws:apigatewayv2/api:Api').inputs['corsConfiguration']).toBeUndefined();
  });

  it("rejects the seed's instance URL and other non-targets, naming integrationUri (correction 2)", () => {
    expect(() => new HttpApi('bad', { ...base, integrationUri: 'http://10.0.1.50:8000/{proxy}' })).toThrow(
      "integrationUri must be an ALB/NLB listener ARN or a Cloud Map service ARN (a VPC link cannot target an instance address), got 'http://10.0.1.50:8000/{proxy}'",
    );
    expect(() => assertIntegrationUri('arn:aws:elasticloadbalancing:ap-southeast-2:123456789012:targetgroup/api/50dc6c495c0c9188')).toThrow(
      'integrationUri must be an ALB/NLB listener ARN or a Cloud Map service ARN',
    );
    expect(() => assertIntegrationUri('arn:aws:servicediscovery:ap-southeast-2:123456789012:namespace/ns-abc')).toThrow('integrationUri must be');
  });

  it('rejects bad limits naming the arg', () => {
    expect(() => new HttpApi('a', { ...base, integrationTimeoutMs: 60_000 })).toThrow('integrationTimeoutMs must be an integer from 50 to 30000, got 60000');
    expect(() => new HttpApi('b', { ...base, throttlingBurstLimit: -1 })).toThrow('throttlingBurstLimit must be an integer from 0 to 5000, got -1');
    expect(() => new HttpApi('c', { ...base, accessLogRetentionInDays: 2 })).toThrow('accessLogRetentionInDays must be one of 1, 3, 5');
    expect(() => new HttpApi('d', { ...base, corsMaxAge: 100_000 })).toThrow('corsMaxAge must be an integer from 0 to 86400, got 100000');
  });

  it('passes the stack policies (log retention, tags)', async () => {
    await harness.descendantsOf(new HttpApi('api', base));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
