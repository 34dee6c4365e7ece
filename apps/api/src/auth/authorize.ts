import type { FastifyRequest } from 'fastify';
import type { SessionRecord } from '@student-helper/persistence';
import type { Services } from '@student-helper/runtime';
import { missingToken, sessionNotFound } from '../errors/api-error.js';
import { bearerToken, sessionTokenMatches } from './session-token.js';

/**
 * The session `sessionId` if the request carries its token. No token: 401. A wrong token, an
 * unknown session and another session's id all get the same 404, in about the same time.
 */
export async function authorizeSession(services: Services, request: FastifyRequest, sessionId: string): Promise<SessionRecord> {
  const token = bearerToken(request.headers.authorization);
  if (token === undefined) throw missingToken();
  const session = await services.sessions.find(sessionId);
  const matches = sessionTokenMatches(token, session?.tokenHash);
  if (!session || !matches) throw sessionNotFound();
  return session;
}

/**
 * Whether the request carries the token of `sessionId` (for resources found before their
 * session, like jobs). No token: 401.
 */
export async function holdsSessionToken(services: Services, request: FastifyRequest, sessionId: string | undefined): Promise<boolean> {
  const token = bearerToken(request.headers.authorization);
  if (token === undefined) throw missingToken();
  const session = sessionId === undefined ? undefined : await services.sessions.find(sessionId);
  return sessionTokenMatches(token, session?.tokenHash);
}
