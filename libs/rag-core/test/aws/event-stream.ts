import { EventStreamCodec } from '@smithy/core/event-streams';
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => new Uint8Array(Buffer.from(text, 'utf8')),
);

function header(value: string) {
  return { type: 'string' as const, value };
}

/** One `application/vnd.amazon.eventstream` message carrying a ConverseStream event, as Bedrock frames it. */
export function encodeEvent(event: ConverseStreamOutput): Uint8Array {
  const [eventType, payload] = Object.entries(event)[0] as [string, unknown];
  return codec.encode({
    headers: { ':message-type': header('event'), ':event-type': header(eventType), ':content-type': header('application/json') },
    body: new Uint8Array(Buffer.from(JSON.stringify(payload))),
  });
}

/** An exception message inside the stream (`:message-type: exception`). */
export function encodeException(exceptionType: string, body: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: { ':message-type': header('exception'), ':exception-type': header(exceptionType), ':content-type': header('application/json') },
    body: new Uint8Array(Buffer.from(JSON.stringify(body))),
  });
}
