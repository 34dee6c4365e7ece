import { assertIntegerInRange, assertMatches } from '@student-helper/infra-shared';

/**
 * The CloudFront VPC origin that carries streamed responses (the chat's Server-Sent Events)
 * past API Gateway, whose HTTP APIs buffer every integration response (decision 0027).
 */
export const STREAMING_ORIGIN_DEFAULTS = {
  originId: 'api-stream',
  pathPatterns: ['/api/sessions/*/chat'],
  /**
   * The API serves plain HTTP on its port, as it does to the VPC link; CloudFront reaches it
   * over ENIs inside the VPC, never the internet.
   */
  originProtocolPolicy: 'http-only',
  /** Required by the API even with `http-only`; never used. */
  httpsPort: 443,
  originSslProtocols: ['TLSv1.2'],
  /**
   * CloudFront waits this long for the first byte and between bytes (default 30 s). 60 s is
   * the most an account gets without a quota increase; a streamed answer sends tokens well
   * within it.
   */
  readTimeoutSeconds: 60,
  /** Below fastify's 72 s keep-alive, so the server never closes a connection CloudFront is about to reuse. */
  keepaliveTimeoutSeconds: 60,
} as const;

/** CloudFront path-pattern characters: a path from `/`, `*` and `?` as wildcards. */
const PATH_PATTERN = /^\/[A-Za-z0-9_\-.$/~"'@:+*?]*$/;

export interface StreamingOriginSettings {
  readonly port: number;
  readonly pathPatterns: readonly string[];
  readonly readTimeoutSeconds: number;
  readonly keepaliveTimeoutSeconds: number;
}

export function resolveStreamingOriginSettings(args: {
  port: number;
  pathPatterns?: readonly string[];
  readTimeoutSeconds?: number;
  keepaliveTimeoutSeconds?: number;
}): StreamingOriginSettings {
  const d = STREAMING_ORIGIN_DEFAULTS;
  // CloudFront's rule for VPC origin ports.
  if (!Number.isInteger(args.port) || !(args.port === 80 || args.port === 443 || (args.port >= 1024 && args.port <= 65_535))) {
    throw new Error(`streamingOrigin.port must be 80, 443 or an integer from 1024 to 65535, got ${args.port}`);
  }
  const pathPatterns = args.pathPatterns ?? d.pathPatterns;
  if (pathPatterns.length === 0) throw new Error('streamingOrigin.pathPatterns must name at least one path pattern');
  for (const pattern of pathPatterns) {
    assertMatches('streamingOrigin.pathPatterns', pattern, PATH_PATTERN, 'path patterns such as /api/sessions/*/chat');
  }
  const duplicate = pathPatterns.find((p, i) => pathPatterns.indexOf(p) !== i);
  if (duplicate !== undefined) throw new Error(`streamingOrigin.pathPatterns lists ${duplicate} twice`);
  // Above 60 s CloudFront needs a quota increase; 180 s is its hard limit.
  const readTimeoutSeconds = args.readTimeoutSeconds ?? d.readTimeoutSeconds;
  assertIntegerInRange('streamingOrigin.readTimeoutSeconds', readTimeoutSeconds, 1, 180);
  const keepaliveTimeoutSeconds = args.keepaliveTimeoutSeconds ?? d.keepaliveTimeoutSeconds;
  assertIntegerInRange('streamingOrigin.keepaliveTimeoutSeconds', keepaliveTimeoutSeconds, 1, 180);
  return { port: args.port, pathPatterns: [...pathPatterns], readTimeoutSeconds, keepaliveTimeoutSeconds };
}
