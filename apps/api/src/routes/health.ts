import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { HealthResponse, type HealthCheck } from '@student-helper/shared-types';
import { apiDefaults } from '../app.defaults.js';

/** `GET /api/health`: the database, the queue, the vector index and the blob store, each timed. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services } = app;
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Readiness of the database, queue, vector index and blob store',
        tags: ['health'],
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (request, reply) => {
      const [db, queue, vectors, blobs] = await Promise.all([
        check(() => sql`select 1`.execute(services.db)),
        check(() => services.queue.ping()),
        check(() => services.vectors.ping()),
        check(() => services.blobs.ping()),
      ]);
      const checks = { db, queue, vectors, blobs };
      const healthy = Object.values(checks).every((result) => result.ok);
      if (!healthy) request.log.warn({ checks }, 'health check failed');
      return reply.code(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'degraded', checks });
    },
  );
};

async function check(probe: () => Promise<unknown>): Promise<HealthCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${apiDefaults.healthCheckTimeoutMs} ms.`)), apiDefaults.healthCheckTimeoutMs);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { ok: true, latencyMs: elapsed(started) };
  } catch (error) {
    return { ok: false, latencyMs: elapsed(started), error: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
}
