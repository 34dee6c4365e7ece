import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Sends a stream as the body. The route's response schemas describe what the stream carries
 * (a PDF, SSE frames) for the OpenAPI document, so the typed `send` would expect that content
 * instead of a stream; fastify pipes streams without serialising them.
 */
export function sendStream(reply: { send(payload?: unknown): unknown }, stream: Readable): FastifyReply {
  return (reply as FastifyReply).send(stream);
}
