import type { FastifyReply } from 'fastify';

/**
 * An AbortController that aborts when the client goes away before the response finished (the
 * response closed early). Pass it to work the request started (PDF inspection, answer
 * generation) so that work stops with the client.
 */
export function abortWhenClientGone(reply: FastifyReply, reason: () => unknown): AbortController {
  const controller = new AbortController();
  const response = reply.raw;
  const onClose = (): void => {
    if (!response.writableFinished) controller.abort(reason());
  };
  response.once('close', onClose);
  controller.signal.addEventListener('abort', () => response.off('close', onClose), { once: true });
  return controller;
}

/** The reason work stops with when the client disconnected. */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  constructor() {
    super('The client closed the connection.');
  }
}
