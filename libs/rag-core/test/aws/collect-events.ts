import type { AnswerEvent } from '../../src/ports/chat-model.js';

/** Drains an answer stream, keeping the events before an error and the error itself. */
export async function collectEvents(events: AsyncIterable<AnswerEvent>): Promise<{ events: AnswerEvent[]; error?: unknown }> {
  const seen: AnswerEvent[] = [];
  try {
    for await (const event of events) seen.push(event);
    return { events: seen };
  } catch (error) {
    return { events: seen, error };
  }
}
