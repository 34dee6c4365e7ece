import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from '@student-helper/shared-types';
import { toErrorReply } from '../errors/to-error-reply.js';

/** One error handler for every route and plugin; `{ error: { code, message } }` for everything. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toErrorReply(error);
    if (mapped.serverFault) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: mapped.body.error.code, statusCode: mapped.statusCode, reason: (error as Error).message }, 'request refused');
    // Headers meant for a successful response must not describe the error body.
    reply.removeHeader('content-disposition');
    reply.removeHeader('content-length');
    return reply.code(mapped.statusCode).type('application/json; charset=utf-8').send(mapped.body);
  });
}

export const routeNotFound: ErrorBody = { error: { code: 'NOT_FOUND', message: 'No such API route.' } };
