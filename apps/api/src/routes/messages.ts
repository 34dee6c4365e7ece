import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, MessageList } from '@student-helper/shared-types';
import { authorizeSession } from '../auth/authorize.js';
import { errorResponses, sessionTokenSecurity } from '../schemas/route-schemas.js';

/** `GET /api/sessions/:sid/messages`: the chat history with citations, oldest first. */
export const messageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services } = app;
  app.get(
    '/api/sessions/:sid/messages',
    {
      schema: {
        summary: 'Chat history with citations, oldest first',
        tags: ['chat'],
        security: sessionTokenSecurity,
        params: IdParams.session,
        response: { 200: MessageList, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const session = await authorizeSession(services, request, request.params.sid);
      return { messages: await services.messages.list(session.sessionId) };
    },
  );
};
