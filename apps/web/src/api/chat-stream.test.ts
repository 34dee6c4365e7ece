import type { ChatStreamEvent } from '@student-helper/shared-types';
import { describe, expect, it } from 'vitest';
import { ChatStreamError, readChatStream } from './chat-stream';

const encoder = new TextEncoder();

function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of readChatStream(stream)) events.push(event);
  return events;
}

const messageId = '0b6f3f5e-2f7c-4c1e-9a51-8f7f0c1d2e3a';
const body =
  'event: retrieval\ndata: {"query":"what is a trace tree?","sources":[]}\n\n' +
  'event: token\ndata: {"text":"Trace trees "}\n\n' +
  'event: token\ndata: {"text":"grow — naïvely [1]."}\n\n' +
  `event: done\ndata: {"messageId":"${messageId}","outcome":"answered"}\n\n`;
const expected: ChatStreamEvent[] = [
  { event: 'retrieval', data: { query: 'what is a trace tree?', sources: [] } },
  { event: 'token', data: { text: 'Trace trees ' } },
  { event: 'token', data: { text: 'grow — naïvely [1].' } },
  { event: 'done', data: { messageId, outcome: 'answered' } },
];

describe('readChatStream', () => {
  it('decodes the contract events in order', async () => {
    expect(await collect(streamOf([body]))).toEqual(expected);
  });

  it('gives the same events however the bytes are split, inside fields and inside UTF-8 characters', async () => {
    const bytes = encoder.encode(body);
    for (const size of [1, 2, 3, 5, 7, 13, 64]) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.slice(at, at + size));
      expect(await collect(streamOf(chunks))).toEqual(expected);
    }
  });

  it('joins multi-line data with newlines before parsing it', async () => {
    const events = await collect(streamOf(['event: token\ndata: {"text":\ndata: "two\\nlines"}\n\n']));
    expect(events).toEqual([{ event: 'token', data: { text: 'two\nlines' } }]);
  });

  it('ignores comments, heartbeats, unnamed and unknown events, and accepts CRLF', async () => {
    const events = await collect(
      streamOf([
        ': connected\r\n\r\n',
        'data: {"text":"unnamed"}\r\n\r\n',
        'event: telemetry\r\ndata: {"x":1}\r\n\r\n',
        ':ping\r\n',
        'event: citations\r\ndata: []\r\n\r\n',
      ]),
    );
    expect(events).toEqual([{ event: 'citations', data: [] }]);
  });

  it('passes an error event through', async () => {
    const events = await collect(streamOf(['event: error\ndata: {"code":"MODEL_THROTTLED","message":"busy"}\n\n']));
    expect(events).toEqual([{ event: 'error', data: { code: 'MODEL_THROTTLED', message: 'busy' } }]);
  });

  it('drops an event the stream ended before finishing', async () => {
    const events = await collect(streamOf(['event: token\ndata: {"text":"a"}\n\nevent: token\ndata: {"text":"b"}\n']));
    expect(events).toEqual([{ event: 'token', data: { text: 'a' } }]);
  });

  it('fails with ChatStreamError on data that is not JSON, after the good events before it', async () => {
    const seen: ChatStreamEvent[] = [];
    const run = async () => {
      for await (const event of readChatStream(streamOf(['event: token\ndata: {"text":"ok"}\n\nevent: token\ndata: {oops\n\n'])))
        seen.push(event);
    };
    await expect(run()).rejects.toThrow(new ChatStreamError('The "token" event carried data that is not JSON.'));
    expect(seen).toEqual([{ event: 'token', data: { text: 'ok' } }]);
  });

  it('cancels the body when the consumer stops reading early', async () => {
    let cancelled: unknown = 'not cancelled';
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('event: token\ndata: {"text":"a"}\n\n'));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    for await (const event of readChatStream(stream)) {
      expect(event).toEqual({ event: 'token', data: { text: 'a' } });
      break;
    }
    expect(cancelled).toBeUndefined();
  });
});
