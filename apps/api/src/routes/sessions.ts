import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { toSessionInfo } from '@student-helper/persistence';
import { CreateSessionRequest, CreateSessionResponse, IdParams, SessionInfo, UpdateSessionRequest } from '@student-helper/shared-types';
import { authorizeSession } from '../auth/authorize.js';
import { hashSessionToken, newSessionToken } from '../auth/session-token.js';
import { sessionNotFound } from '../errors/api-error.js';
import { errorResponses, sessionTokenSecurity } from '../schemas/route-schemas.js';

/** Study sessions: create (the token is shown once), read with documents, rename. */
export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services } = app;

  app.post(
    '/api/sessions',
    {
      schema: {
        summary: 'Start a study session',
        description: 'Returns the session id and its bearer token. The token is shown once; the server keeps only its SHA-256.',
        tags: ['sessions'],
        body: CreateSessionRequest,
        response: { 201: CreateSessionResponse, ...errorResponses(400, 413, 415, 429) },
      },
      // A POST without a body is a session without a title.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const token = newSessionToken();
      const session = await services.sessions.create({ tokenHash: hashSessionToken(token), title: request.body.title });
      request.log.info({ sessionId: session.sessionId }, 'session created');
      return reply.code(201).send({ sessionId: session.sessionId, token });
    },
  );

  app.get(
    '/api/sessions/:sid',
    {
      schema: {
        summary: 'The session with its documents and their statuses',
        tags: ['sessions'],
        security: sessionTokenSecurity,
        params: IdParams.session,
        response: { 200: SessionInfo, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const session = await authorizeSession(services, request, request.params.sid);
      return toSessionInfo(session, await services.documents.listBySession(session.sessionId));
    },
  );

  app.patch(
    '/api/sessions/:sid',
    {
      schema: {
        summary: 'Rename the session (extension)',
        tags: ['sessions'],
        security: sessionTokenSecurity,
        params: IdParams.session,
        body: UpdateSessionRequest,
        response: { 200: SessionInfo, ...errorResponses(400, 401, 404, 413, 415, 429) },
      },
    },
    async (request) => {
      const session = await authorizeSession(services, request, request.params.sid);
      const renamed = await services.sessions.rename(session.sessionId, request.body.title);
      if (!renamed) throw sessionNotFound();
      return toSessionInfo(renamed, await services.documents.listBySession(renamed.sessionId));
    },
  );
};
