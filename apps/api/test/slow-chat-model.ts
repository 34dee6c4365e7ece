import { setTimeout as sleep } from 'node:timers/promises';
import type { AnswerEvent, AnswerRequest, ChatModel } from '@student-helper/rag-core';

/**
 * A chat model that streams `tokens` words, one per `intervalMs`, and records how far it got
 * and whether it was stopped: for disconnect and shutdown tests.
 */
export class SlowChatModel implements ChatModel {
  readonly modelId = 'slow-test-model';
  emitted = 0;
  aborted = false;
  started = 0;

  constructor(
    private readonly tokens: number,
    private readonly intervalMs: number,
  ) {}

  async *answer(request: AnswerRequest): AsyncIterable<AnswerEvent> {
    this.started += 1;
    const cite = request.sources[0] ? ` [${request.sources[0].marker}]` : '';
    try {
      for (let i = 0; i < this.tokens; i++) {
        await sleep(this.intervalMs, undefined, { signal: request.signal });
        this.emitted += 1;
        yield { type: 'token', text: i === 0 ? `word${cite} ` : `word${i} ` };
      }
    } catch (error) {
      if (request.signal?.aborted) this.aborted = true;
      throw error;
    }
    yield { type: 'done', stopReason: 'end_turn' };
  }
}
