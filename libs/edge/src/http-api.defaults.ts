import { assertIntegerInRange, assertLogRetentionDays } from '@student-helper/infra-shared';

/**
 * The public API entry: one catch-all route proxied over a VPC link to the private API server
 * (SPEC correction 2: the target is a load balancer listener or a Cloud Map service, never an
 * instance URL), the `$default` stage deployed automatically, throttled, with JSON access logs.
 */
export const HTTP_API_DEFAULTS = {
  protocolType: 'HTTP',
  routeKey: 'ANY /{proxy+}',
  integrationType: 'HTTP_PROXY',
  integrationMethod: 'ANY',
  connectionType: 'VPC_LINK',
  /** HTTP_PROXY integrations only speak payload format 1.0. */
  payloadFormatVersion: '1.0',
  /** The HTTP API maximum. */
  integrationTimeoutMs: 30_000,
  stageName: '$default',
  autoDeploy: true,
  throttlingBurstLimit: 100,
  throttlingRateLimit: 50,
  accessLogRetentionInDays: 30,
  cors: {
    /** The seed's. Bearer tokens, not cookies: a foreign origin gains nothing without the token. */
    allowOrigins: ['*'],
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    /** Named: the `*` wildcard does not cover `Authorization` (Fetch standard). */
    allowHeaders: ['authorization', 'content-type', 'range'],
    exposeHeaders: ['accept-ranges', 'content-length', 'content-range'],
    maxAge: 86_400,
  },
} as const;

/** One JSON object per request; no headers, so bearer tokens never reach the logs. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/[^/\s]+\/[0-9a-f]+\/[0-9a-f]+$/;
const CLOUD_MAP_SERVICE_ARN = /^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:\d{12}:service\/srv-[a-z0-9]+$/;

/** A private integration targets an ALB/NLB listener or a Cloud Map service, by ARN. */
export function assertIntegrationUri(uri: string): void {
  if (!LISTENER_ARN.test(uri) && !CLOUD_MAP_SERVICE_ARN.test(uri)) {
    throw new Error(
      `integrationUri must be an ALB/NLB listener ARN or a Cloud Map service ARN (a VPC link cannot target an instance address), got '${uri}'`,
    );
  }
}

export interface HttpApiSettings {
  readonly integrationTimeoutMs: number;
  readonly throttlingBurstLimit: number;
  readonly throttlingRateLimit: number;
  readonly accessLogRetentionInDays: number;
  readonly corsMaxAge: number;
}

export function resolveHttpApiSettings(args: {
  integrationTimeoutMs?: number;
  throttlingBurstLimit?: number;
  throttlingRateLimit?: number;
  accessLogRetentionInDays?: number;
  corsMaxAge?: number;
}): HttpApiSettings {
  const d = HTTP_API_DEFAULTS;
  const settings = {
    integrationTimeoutMs: args.integrationTimeoutMs ?? d.integrationTimeoutMs,
    throttlingBurstLimit: args.throttlingBurstLimit ?? d.throttlingBurstLimit,
    throttlingRateLimit: args.throttlingRateLimit ?? d.throttlingRateLimit,
    accessLogRetentionInDays: args.accessLogRetentionInDays ?? d.accessLogRetentionInDays,
    corsMaxAge: args.corsMaxAge ?? d.cors.maxAge,
  };
  assertIntegerInRange('integrationTimeoutMs', settings.integrationTimeoutMs, 50, 30_000);
  assertIntegerInRange('throttlingBurstLimit', settings.throttlingBurstLimit, 0, 5000);
  assertIntegerInRange('throttlingRateLimit', settings.throttlingRateLimit, 0, 10_000);
  assertLogRetentionDays('accessLogRetentionInDays', settings.accessLogRetentionInDays);
  assertIntegerInRange('corsMaxAge', settings.corsMaxAge, 0, 86_400);
  return settings;
}
