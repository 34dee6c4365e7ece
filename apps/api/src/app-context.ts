import type { AppConfig, Services } from '@student-helper/runtime';
import type { InFlightStreams } from './lifecycle/in-flight-streams.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The wired ports and repositories (see `@student-helper/runtime`). */
    services: Services;
    appConfig: AppConfig;
    /** Chat streams in progress (drained on shutdown). */
    streams: InFlightStreams;
  }
}
