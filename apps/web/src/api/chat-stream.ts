import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ChatEventName, ChatStreamEvent } from '@student-helper/shared-types';

/** The stream broke the SSE contract (an event whose data is not JSON). */
export class ChatStreamError extends Error {
  override readonly name = 'ChatStreamError';
}

const chatEvents: ReadonlySet<string> = new Set<ChatEventName>(['retrieval', 'token', 'citations', 'done', 'error']);

function toChatEvent(message: EventSourceMessage): ChatStreamEvent | undefined {
  // Events outside the contract (and unnamed `message` events) are skipped so that a newer
  // server can add events without breaking older pages.
  if (message.event === undefined || !chatEvents.has(message.event)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    throw new ChatStreamError(`The "${message.event}" event carried data that is not JSON.`);
  }
  return { event: message.event, data } as ChatStreamEvent;
}

/**
 * Decodes the chat's `text/event-stream` body into typed events, as they arrive.
 *
 * EventSource cannot POST, so the stream is read from `fetch`. The line protocol (fields split
 * over chunks, multi-line `data`, comments, CR/LF variants, BOM) is parsed by
 * `eventsource-parser`: a maintained, dependency-free implementation of the WHATWG algorithm,
 * so this module only decodes bytes and maps event names to the contract's types.
 * An event still incomplete when the body ends is dropped, as the SSE specification says.
 */
export async function* readChatStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ChatStreamEvent> {
  const pending: ChatStreamEvent[] = [];
  let failure: Error | undefined;
  const parser = createParser({
    onEvent(message) {
      if (failure) return;
      try {
        const event = toChatEvent(message);
        if (event) pending.push(event);
      } catch (error) {
        failure = error as Error;
      }
    },
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // `stream: true` keeps a multi-byte character split across chunks for the next one.
      parser.feed(done ? decoder.decode() : decoder.decode(value, { stream: true }));
      while (pending.length > 0) yield pending.shift() as ChatStreamEvent;
      if (failure) throw failure;
      if (done) return;
    }
  } finally {
    // Leaving early (the consumer stopped, or a bad event) cancels the body so the connection closes.
    await reader.cancel().catch(() => undefined);
  }
}
