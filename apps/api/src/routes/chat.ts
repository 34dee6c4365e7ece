import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChatRequest,
  CitationsEventData,
  DoneEventData,
  ErrorEventData,
  IdParams,
  RetrievalEventData,
  TokenEventData,
  type ChatStreamEvent,
} from '@student-helper/shared-types';
import Type from 'typebox';
import { apiDefaults } from '../app.defaults.js';
import { authorizeSession } from '../auth/authorize.js';
import { runChat } from '../chat/run-chat.js';
import { sseFrame, sseHeaders } from '../chat/sse.js';
import { documentNotFound } from '../errors/api-error.js';
import { abortWhenClientGone, ClientGoneError } from '../http/client-gone.js';
import { sendStream } from '../http/send-stream.js';
import { errorResponses, sessionTokenSecurity } from '../schemas/route-schemas.js';

/** The stream's events as a client decodes them (documented; the frames are written by hand). */
const ChatEvent = Type.Union(
  [
    Type.Object({ event: Type.Literal('retrieval'), data: RetrievalEventData }),
    Type.Object({ event: Type.Literal('token'), data: TokenEventData }),
    Type.Object({ event: Type.Literal('citations'), data: CitationsEventData }),
    Type.Object({ event: Type.Literal('done'), data: DoneEventData }),
    Type.Object({ event: Type.Literal('error'), data: ErrorEventData }),
  ],
  { title: 'ChatEvent' },
);

/** `POST /api/sessions/:sid/chat`: a question answered over Server-Sent Events. */
export const chatRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services, appConfig: config, streams } = app;
  app.post(
    '/api/sessions/:sid/chat',
    {
      schema: {
        summary: 'Ask a question; the answer streams as Server-Sent Events',
        description:
          'Events in order: `retrieval` (the stand-alone query and the sources), `token` (many), `citations`, `done` ' +
          '(the stored message id and outcome), or `error` at any point. Closing the connection stops the answer; ' +
          'it is stored with outcome `stopped`.',
        tags: ['chat'],
        security: sessionTokenSecurity,
        params: IdParams.session,
        body: ChatRequest,
        produces: ['text/event-stream'],
        response: {
          200: { description: 'The answer stream.', content: { 'text/event-stream': { schema: ChatEvent } } },
          ...errorResponses(400, 401, 404, 413, 415, 429),
        },
      },
      config: { rateLimit: { max: config.rateLimit.chatMax, timeWindow: config.rateLimit.windowMs } },
    },
    async (request, reply) => {
      const session = await authorizeSession(services, request, request.params.sid);
      const documents = await services.documents.listBySession(session.sessionId);
      const documentNames = new Map(documents.map((document) => [document.documentId, document.filename]));
      if (request.body.documentIds?.some((id) => !documentNames.has(id))) throw documentNotFound();
      const history = await services.messages.history(session.sessionId, apiDefaults.chatHistoryMessages);

      const stream = new PassThrough();
      const emit = (event: ChatStreamEvent): void => {
        if (!stream.destroyed && !stream.writableEnded) stream.write(sseFrame(event));
      };
      const controller = abortWhenClientGone(reply, () => new ClientGoneError());
      void streams
        .run(controller, () =>
          runChat(
            services,
            { sessionId: session.sessionId, question: request.body.question, documentIds: request.body.documentIds, history, documentNames, signal: controller.signal },
            emit,
            request.log,
          ),
        )
        .finally(() => stream.end());
      return sendStream(reply.code(200).headers(sseHeaders), stream);
    },
  );
};
