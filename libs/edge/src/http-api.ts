import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import { ACCESS_LOG_FORMAT, HTTP_API_DEFAULTS, assertIntegrationUri, resolveHttpApiSettings } from './http-api.defaults.js';

export interface HttpApiArgs {
  /**
   * The private target: a Cloud Map service ARN (compute `ApiServer.serviceDiscoveryServiceArn`,
   * decision 0019) or an ALB/NLB listener ARN. A plain value is validated here.
   */
  readonly integrationUri: pulumi.Input<string>;
  /** Subnets for the VPC link ENIs (where the target is reachable). */
  readonly vpcLinkSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The VPC link group (networking `SecurityGroups.vpcLinkSecurityGroupId`). */
  readonly vpcLinkSecurityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Answer CORS preflights at the gateway; default true. */
  readonly cors?: boolean;
  /** Default `['*']` (the seed's); the web app itself is same-origin through CloudFront. */
  readonly corsAllowOrigins?: pulumi.Input<pulumi.Input<string>[]>;
  readonly corsAllowMethods?: pulumi.Input<pulumi.Input<string>[]>;
  readonly corsAllowHeaders?: pulumi.Input<pulumi.Input<string>[]>;
  readonly corsExposeHeaders?: pulumi.Input<pulumi.Input<string>[]>;
  /** Seconds a browser may cache a preflight; default 86400. */
  readonly corsMaxAge?: number;
  /** Default 30000 ms, the HTTP API maximum. */
  readonly integrationTimeoutMs?: number;
  /** Stage-wide request throttling; defaults 100 burst, 50 requests/s. */
  readonly throttlingBurstLimit?: number;
  readonly throttlingRateLimit?: number;
  /** Default `/aws/vendedlogs/apigateway/<name>` (the vendedlogs prefix keeps the CloudWatch resource policy small). */
  readonly accessLogGroupName?: string;
  /** Default 30 days. */
  readonly accessLogRetentionInDays?: number;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * API Gateway HTTP API in front of the private API server: `ANY /{proxy+}` → HTTP_PROXY
 * private integration over a VPC link; `$default` stage with auto-deploy, throttling and JSON
 * access logs into a log group with retention; CORS answered at the gateway.
 */
export class HttpApi extends pulumi.ComponentResource {
  readonly apiId: pulumi.Output<string>;
  /** `https://<id>.execute-api.<region>.amazonaws.com` (the `$default` stage has no path). */
  readonly apiEndpoint: pulumi.Output<string>;
  /** The endpoint's host name: the CDN's API origin. */
  readonly apiDomainName: pulumi.Output<string>;
  readonly apiExecutionArn: pulumi.Output<string>;
  readonly stageInvokeUrl: pulumi.Output<string>;
  readonly vpcLinkId: pulumi.Output<string>;
  readonly integrationId: pulumi.Output<string>;
  readonly accessLogGroupName: pulumi.Output<string>;
  readonly accessLogGroupArn: pulumi.Output<string>;

  constructor(name: string, args: HttpApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:edge:HttpApi', name, {}, opts);
    const settings = resolveHttpApiSettings(args);
    if (typeof args.integrationUri === 'string') assertIntegrationUri(args.integrationUri);
    const d = HTTP_API_DEFAULTS;
    const child = { parent: this };

    const api = new aws.apigatewayv2.Api(
      name,
      {
        protocolType: d.protocolType,
        description: `${name}: Student Helper API`,
        corsConfiguration:
          args.cors === false
            ? undefined
            : {
                allowOrigins: args.corsAllowOrigins ?? [...d.cors.allowOrigins],
                allowMethods: args.corsAllowMethods ?? [...d.cors.allowMethods],
                allowHeaders: args.corsAllowHeaders ?? [...d.cors.allowHeaders],
                exposeHeaders: args.corsExposeHeaders ?? [...d.cors.exposeHeaders],
                maxAge: settings.corsMaxAge,
              },
        tags: withName(args.tags, name),
      },
      child,
    );
    const vpcLink = new aws.apigatewayv2.VpcLink(
      `${name}-vpc-link`,
      { subnetIds: args.vpcLinkSubnetIds, securityGroupIds: args.vpcLinkSecurityGroupIds, tags: withName(args.tags, `${name}-vpc-link`) },
      child,
    );
    const integration = new aws.apigatewayv2.Integration(
      `${name}-integration`,
      {
        apiId: api.id,
        integrationType: d.integrationType,
        integrationMethod: d.integrationMethod,
        integrationUri: args.integrationUri,
        connectionType: d.connectionType,
        connectionId: vpcLink.id,
        payloadFormatVersion: d.payloadFormatVersion,
        timeoutMilliseconds: settings.integrationTimeoutMs,
      },
      child,
    );
    new aws.apigatewayv2.Route(
      `${name}-proxy`,
      { apiId: api.id, routeKey: d.routeKey, target: pulumi.interpolate`integrations/${integration.id}` },
      child,
    );
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-access-logs`,
      {
        name: args.accessLogGroupName ?? `/aws/vendedlogs/apigateway/${name}`,
        retentionInDays: settings.accessLogRetentionInDays,
        tags: withName(args.tags, `${name}-access-logs`),
      },
      child,
    );
    const stage = new aws.apigatewayv2.Stage(
      `${name}-stage`,
      {
        apiId: api.id,
        name: d.stageName,
        autoDeploy: d.autoDeploy,
        accessLogSettings: { destinationArn: logGroup.arn, format: ACCESS_LOG_FORMAT },
        defaultRouteSettings: { throttlingBurstLimit: settings.throttlingBurstLimit, throttlingRateLimit: settings.throttlingRateLimit },
        tags: withName(args.tags, `${name}-stage`),
      },
      child,
    );

    this.apiId = api.id;
    this.apiEndpoint = api.apiEndpoint;
    this.apiDomainName = api.apiEndpoint.apply((endpoint) => new URL(endpoint).host);
    this.apiExecutionArn = api.executionArn;
    this.stageInvokeUrl = stage.invokeUrl;
    this.vpcLinkId = vpcLink.id;
    this.integrationId = integration.id;
    this.accessLogGroupName = logGroup.name;
    this.accessLogGroupArn = logGroup.arn;
    this.registerOutputs({
      apiId: this.apiId,
      apiEndpoint: this.apiEndpoint,
      apiDomainName: this.apiDomainName,
      apiExecutionArn: this.apiExecutionArn,
      stageInvokeUrl: this.stageInvokeUrl,
      vpcLinkId: this.vpcLinkId,
      integrationId: this.integrationId,
      accessLogGroupName: this.accessLogGroupName,
      accessLogGroupArn: this.accessLogGroupArn,
    });
  }
}
