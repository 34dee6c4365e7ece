import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  ModelStreamErrorException,
  ThrottlingException,
  ValidationException,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { numberedSource, scoredChunk } from '../../test/answer/fixtures.js';
import { answeredStream, answeredTokens, brokenStreamPrefix, maxTokensStream } from '../../test/aws/converse-stream-recordings.js';
import { answerQuestion, collectAnswer } from '../answer/answer-question.js';
import { buildAnswerPrompt } from '../answer/prompt.js';
import { answerSystemPrompt } from '../answer/prompt.defaults.js';
import { ModelError } from '../errors.js';
import type { AnswerEvent, AnswerRequest } from '../ports/chat-model.js';
import { LlmQueryRewriter } from '../rewrite/llm-query-rewriter.js';
import { ClaudeChatModel } from './claude-chat-model.js';
import { collectEvents } from '../../test/aws/collect-events.js';

const client = new BedrockRuntimeClient({ region: 'ap-southeast-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const bedrock = mockClient(client);
const modelId = 'apac.anthropic.claude-3-5-sonnet-20241022-v2:0';

async function* replay(events: readonly ConverseStreamOutput[], then?: Error | 'hang'): AsyncGenerator<ConverseStreamOutput> {
  for (const event of events) yield event;
  if (then === 'hang') await new Promise(() => undefined);
  if (then instanceof Error) throw then;
}

const request: AnswerRequest = {
  question: 'What do the light reactions produce?',
  history: [
    { role: 'user', content: 'What is photosynthesis?' },
    { role: 'assistant', content: 'It turns light into chemical energy [2].' },
  ],
  sources: [numberedSource(1, 'The light reactions produce ATP and NADPH.', { documentName: 'Biology.pdf', pageStart: 12, pageEnd: 12 })],
};


beforeEach(() => {
  bedrock.reset();
});

describe('ClaudeChatModel.answer', () => {
  it('sends the buildAnswerPrompt prompt to the configured inference profile with a low temperature', async () => {
    bedrock.on(ConverseStreamCommand).resolves({ stream: replay(answeredStream) });
    const model = new ClaudeChatModel({ client, modelId });
    await collectEvents(model.answer(request));
    const prompt = buildAnswerPrompt(request);
    expect(bedrock.commandCalls(ConverseStreamCommand).map((call) => call.args[0].input)).toEqual([
      {
        modelId,
        system: [{ text: answerSystemPrompt }],
        messages: prompt.messages.map((turn) => ({ role: turn.role, content: [{ text: turn.content }] })),
        inferenceConfig: { maxTokens: 1024, temperature: 0 },
      },
    ]);
    // history markers are stripped by the prompt builder: the last user turn holds the sources
    expect(prompt.messages.map((turn) => turn.role)).toEqual(['user', 'assistant', 'user']);
    expect(model.modelId).toBe(modelId);
  });

  it('streams each text delta as a token, then done with stop reason and usage', async () => {
    bedrock.on(ConverseStreamCommand).resolves({ stream: replay(answeredStream) });
    const { events, error } = await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request));
    expect(error).toBeUndefined();
    expect(events).toEqual([
      ...answeredTokens.map((text) => ({ type: 'token', text })),
      { type: 'done', stopReason: 'end_turn', usage: { inputTokens: 812, outputTokens: 23 } },
    ]);
  });

  it('uses the request budget and options, and reports a max_tokens stop', async () => {
    bedrock.on(ConverseStreamCommand).resolves({ stream: replay(maxTokensStream) });
    const model = new ClaudeChatModel({ client, modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0', maxTokens: 2000, temperature: 0.2 });
    const { events } = await collectEvents(model.answer({ ...request, maxTokens: 5 }));
    expect(bedrock.commandCalls(ConverseStreamCommand)[0]?.args[0].input).toMatchObject({
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      inferenceConfig: { maxTokens: 5, temperature: 0.2 },
    });
    expect(events.at(-1)).toEqual({ type: 'done', stopReason: 'max_tokens', usage: { inputTokens: 400, outputTokens: 5 } });
  });

  it('feeds answerQuestion, which maps the streamed [1] to a citation and stores stop reason and usage', async () => {
    bedrock.on(ConverseStreamCommand).resolves({ stream: replay(answeredStream) });
    const chunk = scoredChunk('bio', 4, 'The light reactions produce ATP and NADPH. They need sunlight.', { pageStart: 12, pageEnd: 12, score: 0.9 });
    const answer = await collectAnswer(
      answerQuestion(
        {
          retriever: { retrieve: async () => [chunk] },
          rewriter: { rewrite: async ({ question }) => question },
          chatModel: new ClaudeChatModel({ client, modelId }),
          documentName: () => 'Biology.pdf',
        },
        { sessionId: 'session-1', question: 'What do the light reactions produce?', history: [] },
      ),
    );
    expect(answer).toMatchObject({
      content: 'The light reactions produce ATP and NADPH [1].',
      outcome: 'answered',
      modelId,
      stopReason: 'end_turn',
      usage: { inputTokens: 812, outputTokens: 23 },
    });
    expect(answer.citations).toMatchObject([{ marker: 1, documentId: 'bio', documentName: 'Biology.pdf', page: 12 }]);
  });

  it('maps throttling at the start to MODEL_THROTTLED with no token', async () => {
    bedrock.on(ConverseStreamCommand).rejects(new ThrottlingException({ message: 'Too many requests', $metadata: { httpStatusCode: 429 } }));
    const { events, error } = await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'MODEL_THROTTLED', retryable: true });
  });

  it('maps a validation error at the start to MODEL_ERROR', async () => {
    bedrock.on(ConverseStreamCommand).rejects(new ValidationException({ message: 'The provided model identifier is invalid.', $metadata: { httpStatusCode: 400 } }));
    const { error } = await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request));
    expect(error).toMatchObject({ code: 'MODEL_ERROR', retryable: false, message: 'The answer model rejected the request as invalid.' });
  });

  it('keeps the tokens before a mid-stream exception, then throws MODEL_ERROR', async () => {
    const failure = new ModelStreamErrorException({ message: 'Model stream error', originalStatusCode: 500, $metadata: {} });
    bedrock.on(ConverseStreamCommand).resolves({ stream: replay(brokenStreamPrefix, failure) });
    const { events, error } = await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request));
    expect(events).toEqual([
      { type: 'token', text: 'Salt raises' },
      { type: 'token', text: ' the boiling point' },
    ]);
    expect(error).toMatchObject({ code: 'MODEL_ERROR', message: 'The answer model failed while writing its reply.' });
    expect((error as ModelError).cause).toBe(failure);
  });

  it('treats exception members of the event union like thrown ones', async () => {
    const cases: [ConverseStreamOutput, object][] = [
      [{ internalServerException: { name: 'InternalServerException', message: 'boom' } } as ConverseStreamOutput, { code: 'MODEL_ERROR', retryable: true }],
      [{ throttlingException: { name: 'ThrottlingException', message: 'slow' } } as ConverseStreamOutput, { code: 'MODEL_THROTTLED', retryable: true }],
      [{ serviceUnavailableException: { name: 'ServiceUnavailableException', message: 'down' } } as ConverseStreamOutput, { code: 'MODEL_ERROR', retryable: true }],
      [{ modelStreamErrorException: { name: 'ModelStreamErrorException', message: 'bad' } } as ConverseStreamOutput, { code: 'MODEL_ERROR', retryable: false }],
      [{ validationException: { name: 'ValidationException', message: 'bad' } } as ConverseStreamOutput, { code: 'MODEL_ERROR', retryable: false }],
    ];
    for (const [exception, expected] of cases) {
      bedrock.reset();
      bedrock.on(ConverseStreamCommand).resolves({ stream: replay([...brokenStreamPrefix, exception, ...answeredStream.slice(-2)]) });
      const { events, error } = await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request));
      expect(events).toHaveLength(2);
      expect(error).toMatchObject(expected);
    }
  });

  it('fails a stream that ends without messageStop as a retryable MODEL_ERROR', async () => {
    bedrock.on(ConverseStreamCommand).resolves({ stream: replay(brokenStreamPrefix) });
    const { events, error } = await collectEvents(new ClaudeChatModel({ client, modelId }).answer(request));
    expect(events).toHaveLength(2);
    expect(error).toMatchObject({ code: 'MODEL_ERROR', retryable: true, message: "The answer model's reply ended before it was complete." });
  });

  it('stops at once with the abort reason while the stream waits, and passes the signal to the SDK', async () => {
    bedrock.on(ConverseStreamCommand).resolves({ stream: replay(brokenStreamPrefix.slice(0, 2), 'hang') });
    const controller = new AbortController();
    const seen: AnswerEvent[] = [];
    const run = (async () => {
      for await (const event of new ClaudeChatModel({ client, modelId }).answer({ ...request, signal: controller.signal })) {
        seen.push(event);
        setTimeout(() => controller.abort(new DOMException('The user pressed stop.', 'AbortError')), 1);
      }
    })();
    await expect(run).rejects.toThrow('The user pressed stop.');
    expect(seen).toEqual([{ type: 'token', text: 'Salt raises' }]);
    expect((bedrock.commandCalls(ConverseStreamCommand)[0]?.args as unknown[])[1]).toEqual({ abortSignal: controller.signal });
  });

  it('ends answerQuestion with outcome stopped when aborted mid-answer', async () => {
    bedrock.on(ConverseStreamCommand).resolves({ stream: replay(brokenStreamPrefix, 'hang') });
    const controller = new AbortController();
    const chunk = scoredChunk('chem', 0, 'Salt raises the boiling point of water.', { score: 0.8 });
    const events = answerQuestion(
      {
        retriever: { retrieve: async () => [chunk] },
        rewriter: { rewrite: async ({ question }) => question },
        chatModel: new ClaudeChatModel({ client, modelId }),
        documentName: () => 'Chemistry.pdf',
      },
      { sessionId: 'session-1', question: 'What does salt do?', history: [], signal: controller.signal },
    );
    const tokens: string[] = [];
    let answer;
    for await (const event of events) {
      if (event.event === 'token') {
        tokens.push(event.data.text);
        if (tokens.length === 2) setTimeout(() => controller.abort(), 1);
      }
      if (event.event === 'done') answer = event.answer;
    }
    expect(tokens).toEqual(['Salt raises', ' the boiling point']);
    expect(answer).toMatchObject({ outcome: 'stopped', content: 'Salt raises the boiling point' });
  });

  it('does not call Bedrock for an already aborted request', async () => {
    const { error } = await collectEvents(new ClaudeChatModel({ client, modelId }).answer({ ...request, signal: AbortSignal.abort(new Error('gone')) }));
    expect(error).toEqual(new Error('gone'));
    expect(bedrock.commandCalls(ConverseStreamCommand)).toHaveLength(0);
  });

  it('rejects a missing model id, region and bad budgets', () => {
    expect(() => new ClaudeChatModel({ client, modelId: ' ' })).toThrow('modelId must be a non-empty string.');
    expect(() => new ClaudeChatModel({ modelId })).toThrow('region must be a non-empty string.');
    expect(() => new ClaudeChatModel({ client, modelId, maxTokens: 0 })).toThrow('maxTokens must be a positive integer, got 0.');
    expect(() => new ClaudeChatModel({ client, modelId, temperature: 2 })).toThrow('temperature must be between 0 and 1, got 2.');
  });
});

describe('ClaudeChatModel.generate', () => {
  const generateRequest = { system: 'Rewrite.', messages: [{ role: 'user' as const, content: 'and its drawbacks?' }], maxTokens: 120 };

  it('sends one Converse request and joins the reply text', async () => {
    bedrock.on(ConverseCommand).resolves({
      output: { message: { role: 'assistant', content: [{ text: 'What are the drawbacks ' }, { text: 'of free culture?' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 40, outputTokens: 8, totalTokens: 48 },
      metrics: { latencyMs: 200 },
    });
    const text = await new ClaudeChatModel({ client, modelId }).generate(generateRequest);
    expect(text).toBe('What are the drawbacks of free culture?');
    expect(bedrock.commandCalls(ConverseCommand).map((call) => call.args[0].input)).toEqual([
      {
        modelId,
        system: [{ text: 'Rewrite.' }],
        messages: [{ role: 'user', content: [{ text: 'and its drawbacks?' }] }],
        inferenceConfig: { maxTokens: 120, temperature: 0 },
      },
    ]);
  });

  it('maps failures to ModelError and rethrows an abort as is', async () => {
    bedrock.on(ConverseCommand).rejects(new ThrottlingException({ message: 'slow', $metadata: {} }));
    const model = new ClaudeChatModel({ client, modelId });
    await expect(model.generate(generateRequest)).rejects.toMatchObject({ code: 'MODEL_THROTTLED' });
    bedrock.reset();
    bedrock.on(ConverseCommand).resolves({ output: undefined, stopReason: 'end_turn', usage: undefined, metrics: undefined });
    await expect(model.generate(generateRequest)).rejects.toMatchObject({ code: 'MODEL_ERROR', message: 'The answer model request failed.' });
    await expect(model.generate({ ...generateRequest, signal: AbortSignal.abort(new Error('left')) })).rejects.toThrow('left');
  });

  it('serves the LLM query rewriter', async () => {
    bedrock.on(ConverseCommand).resolves({
      output: { message: { role: 'assistant', content: [{ text: 'What are the drawbacks of free culture?' }] } },
      stopReason: 'end_turn',
      usage: undefined,
      metrics: undefined,
    });
    const rewriter = new LlmQueryRewriter(new ClaudeChatModel({ client, modelId }));
    const query = await rewriter.rewrite({
      question: 'and its drawbacks?',
      history: [
        { role: 'user', content: 'What is free culture?' },
        { role: 'assistant', content: 'A culture where [1] ...' },
      ],
    });
    expect(query).toBe('What are the drawbacks of free culture?');
    expect(bedrock.commandCalls(ConverseCommand)[0]?.args[0].input.inferenceConfig).toEqual({ maxTokens: 120, temperature: 0 });
  });
});
