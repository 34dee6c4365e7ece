import type { ChatStreamEvent } from '@student-helper/shared-types';

/**
 * One Server-Sent Events frame: `event:` line, one `data:` line of JSON, blank line. JSON
 * escapes line breaks, so the payload always fits one `data:` line. Hand-written: the format is
 * three lines and fastify has no SSE support in this version.
 */
export function sseFrame(event: ChatStreamEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

export const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  // Reverse proxies (nginx) must not buffer the stream.
  'x-accel-buffering': 'no',
} as const;
