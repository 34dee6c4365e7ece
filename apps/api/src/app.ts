import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AppConfig, Services } from '@student-helper/runtime';
import './app-context.js';
import { apiDefaults } from './app.defaults.js';
import { InFlightStreams, ServerShuttingDownError } from './lifecycle/in-flight-streams.js';
import { RequestDrain } from './lifecycle/request-drain.js';
import { registerErrorHandling } from './plugins/error-handling.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerSecurity } from './plugins/security.js';
import { registerWebApp } from './plugins/web-app.js';
import { chatRoutes } from './routes/chat.js';
import { documentRoutes } from './routes/documents.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { messageRoutes } from './routes/messages.js';
import { sessionRoutes } from './routes/sessions.js';

export interface BuildAppOptions {
  /** Fastify's logger: `false` to silence it, or pino options. Default: JSON logs at `config.server.logLevel`. */
  logger?: FastifyServerOptions['logger'];
  /** The built web app to serve; default `config.server.webDistDir` (nothing when neither is set). */
  webDistDir?: string;
}

/** The HTTP contract's version (SPEC §3, v1), shown in the OpenAPI document. */
export const API_VERSION = '1.0.0';

export type App = FastifyInstance;

/**
 * Builds the HTTP app over wired services, without listening (tests call `app.inject()`;
 * `main.ts` listens). Closing the app stops new requests, lets uploads and chat streams finish
 * for up to `config.server.shutdownTimeoutMs`, then stops the remaining streams (their answers
 * are stored as `stopped`). It does not close `services`: whoever created them does.
 */
export async function buildApp(services: Services, config: AppConfig = services.config, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? { level: config.server.logLevel, redact: ['req.headers.authorization'] },
    // Incoming ids are kept when they look like ids, so a proxy's id follows the request.
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers[apiDefaults.requestIdHeader];
      return typeof incoming === 'string' && apiDefaults.requestIdPattern.test(incoming) ? incoming : randomUUID();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: apiDefaults.jsonBodyLimitBytes,
    trustProxy: config.server.trustProxy,
    // Unknown properties are refused (additionalProperties: false), not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const streams = new InFlightStreams();
  app.decorate('services', services);
  app.decorate('appConfig', config);
  app.decorate('streams', streams);
  app.addHook('onRequest', async (request, reply) => {
    reply.header(apiDefaults.requestIdHeader, request.id);
  });

  const requests = new RequestDrain(app.server);
  const drainTimers: NodeJS.Timeout[] = [];
  app.addHook('preClose', async () => {
    const bound = config.server.shutdownTimeoutMs;
    app.log.info({ requests: requests.inFlight, streams: streams.size, boundMs: bound }, 'closing: draining uploads and chat streams');
    requests.startClosing();
    // Past the bound, chat streams stop (and store what they said); a moment later, connections
    // still open (a stalled upload, a client that never reads) are cut so the close completes.
    drainTimers.push(setTimeout(() => streams.abortAll(new ServerShuttingDownError()), bound).unref());
    drainTimers.push(setTimeout(() => app.server.closeAllConnections(), bound + apiDefaults.forceCloseAfterDrainMs).unref());
  });
  app.addHook('onClose', async () => {
    // Streams whose client left are still storing their answers; wait for them too.
    await streams.settled();
    for (const timer of drainTimers) clearTimeout(timer);
  });

  registerErrorHandling(app);
  await registerSecurity(app, config);
  await app.register(multipart, { limits: { fileSize: config.uploads.maxBytes, files: 1 } });
  await registerOpenApi(app, API_VERSION);

  await app.register(healthRoutes);
  await app.register(sessionRoutes);
  await app.register(documentRoutes);
  await app.register(jobRoutes);
  await app.register(chatRoutes);
  await app.register(messageRoutes);
  await registerWebApp(app, options.webDistDir ?? config.server.webDistDir);

  await app.ready();
  return app;
}
