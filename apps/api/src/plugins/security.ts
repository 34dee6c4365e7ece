import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '@student-helper/runtime';
import { ApiError } from '../errors/api-error.js';

/**
 * The content security policy of the SPA and its pdf.js viewer: everything from this origin;
 * pdf.js runs its worker from a same-origin file or a blob URL, renders pages into canvases
 * whose images may be blob/data URLs, and compiles its WebAssembly image decoders. Inline
 * styles are allowed (React sets style attributes; pdf.js positions its text layer with them).
 * No `upgrade-insecure-requests`: the local app is plain http://localhost.
 */
export const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    workerSrc: ["'self'", 'blob:'],
  },
};

/** Security headers, CORS from configuration, and per-client rate limits (stricter for chat and uploads). */
export async function registerSecurity(app: FastifyInstance, config: AppConfig): Promise<void> {
  await app.register(helmet, { contentSecurityPolicy, crossOriginResourcePolicy: { policy: 'same-origin' } });
  const origins = config.server.corsOrigins;
  await app.register(cors, {
    // Same origin only unless origins are configured (the web app is served by this server).
    origin: origins === '*' ? true : origins.length === 0 ? false : [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'range', 'x-request-id'],
    exposedHeaders: ['content-range', 'accept-ranges', 'content-disposition', 'location', 'x-request-id', 'retry-after'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'RATE_LIMITED', `Too many requests. Try again in ${Math.max(1, Math.ceil(context.ttl / 1000))} s.`),
  });
}
