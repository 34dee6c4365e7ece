import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, JobInfo } from '@student-helper/shared-types';
import { holdsSessionToken } from '../auth/authorize.js';
import { jobNotFound } from '../errors/api-error.js';
import { errorResponses, sessionTokenSecurity } from '../schemas/route-schemas.js';

/** `GET /api/jobs/:jid`: a processing job's status, for the token of the session that owns it. */
export const jobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services } = app;
  app.get(
    '/api/jobs/:jid',
    {
      schema: {
        summary: 'Processing status of a job (token of the owning session)',
        tags: ['documents'],
        security: sessionTokenSecurity,
        params: IdParams.job,
        response: { 200: JobInfo, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const owned = await services.jobs.get(request.params.jid);
      const allowed = await holdsSessionToken(services, request, owned?.sessionId);
      if (!owned || !allowed) throw jobNotFound();
      return owned.job;
    },
  );
};
