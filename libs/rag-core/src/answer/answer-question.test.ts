import { describe, expect, it } from 'vitest';
import { scoredChunk } from '../../test/answer/fixtures.js';
import { ModelError } from '../errors.js';
import type { ScoredChunk } from '../model.js';
import type { AnswerEvent, AnswerRequest, ChatModel } from '../ports/chat-model.js';
import type { QueryRewriter, RetrievalRequest, Retriever } from '../ports/retriever.js';
import { HeuristicQueryRewriter } from '../rewrite/heuristic-query-rewriter.js';
import { answerQuestion, collectAnswer, type AnswerQuestionDeps, type AnswerStreamEvent } from './answer-question.js';
import { ExtractiveAnswerer } from './extractive-answerer.js';

const chunks: ScoredChunk[] = [
  scoredChunk('bio', 4, 'The light reactions produce ATP and NADPH. They need sunlight.', { pageStart: 12, pageEnd: 12, charStart: 100, score: 0.9 }),
  scoredChunk('chem', 0, 'Water boils at 100 degrees Celsius. Salt raises the boiling point of water.', { pageStart: 3, pageEnd: 3, score: 0.4 }),
];

class FakeRetriever implements Retriever {
  readonly requests: RetrievalRequest[] = [];
  constructor(private readonly result: ScoredChunk[] | Error = chunks) {}
  async retrieve(request: RetrievalRequest): Promise<ScoredChunk[]> {
    this.requests.push(request);
    if (this.result instanceof Error) throw this.result;
    return this.result;
  }
}

/** Emits fixed token texts (markers split over tokens), then optionally fails or ends. */
class ScriptedModel implements ChatModel {
  readonly modelId = 'scripted-v1';
  readonly requests: AnswerRequest[] = [];
  constructor(
    private readonly tokens: readonly string[],
    private readonly ending: Error | 'done' | 'return-on-abort' = 'done',
  ) {}
  async *answer(request: AnswerRequest): AsyncGenerator<AnswerEvent> {
    this.requests.push(request);
    for (const text of this.tokens) {
      if (this.ending === 'return-on-abort' && request.signal?.aborted) return;
      yield { type: 'token', text };
    }
    if (this.ending instanceof Error) throw this.ending;
    yield { type: 'done', stopReason: 'end_turn', usage: { inputTokens: 321, outputTokens: 12 } };
  }
}

const names: Record<string, string> = { bio: 'Biology.pdf', chem: 'Chemistry.pdf' };

function deps(overrides: Partial<AnswerQuestionDeps> = {}): AnswerQuestionDeps {
  return {
    retriever: new FakeRetriever(),
    chatModel: new ExtractiveAnswerer(),
    rewriter: new HeuristicQueryRewriter(),
    documentName: (id) => names[id] ?? 'Untitled',
    ...overrides,
  };
}

async function drain(events: AsyncIterable<AnswerStreamEvent>, onEvent?: (event: AnswerStreamEvent) => void): Promise<AnswerStreamEvent[]> {
  const out: AnswerStreamEvent[] = [];
  for await (const event of events) {
    out.push(event);
    onEvent?.(event);
  }
  return out;
}

const retrievalEvent = {
  event: 'retrieval',
  data: {
    query: 'What do the light reactions produce?',
    sources: [
      { marker: 1, documentId: 'bio', documentName: 'Biology.pdf', chunkIndex: 4, pageStart: 12, pageEnd: 12, score: 0.9 },
      { marker: 2, documentId: 'chem', documentName: 'Chemistry.pdf', chunkIndex: 0, pageStart: 3, pageEnd: 3, score: 0.4 },
    ],
  },
};

const atpCitation = {
  marker: 1,
  documentId: 'bio',
  documentName: 'Biology.pdf',
  page: 12,
  quote: 'The light reactions produce ATP and NADPH.',
  score: 0.9,
  chunkIndex: 4,
  charStart: 100,
  charEnd: 142,
};

describe('answerQuestion', () => {
  it('streams retrieval, tokens, citations and done with the extractive answerer', async () => {
    const retriever = new FakeRetriever();
    const events = await drain(
      answerQuestion(deps({ retriever }), { sessionId: 's1', question: 'What do the light reactions produce?', history: [], documentIds: ['bio', 'chem'] }),
    );
    expect(retriever.requests).toEqual([{ sessionId: 's1', query: 'What do the light reactions produce?', documentIds: ['bio', 'chem'], topK: 8, signal: undefined }]);
    expect(events[0]).toEqual(retrievalEvent);
    const tokens = events.filter((e) => e.event === 'token').map((e) => e.data.text);
    expect(tokens.join('')).toBe('The light reactions produce ATP and NADPH. [1]');
    expect(tokens).toHaveLength(8);
    expect(events.slice(-2)).toEqual([
      { event: 'citations', data: [atpCitation] },
      {
        event: 'done',
        data: { outcome: 'answered', stopReason: 'end_turn', usage: { inputTokens: 34, outputTokens: 11 } },
        answer: {
          query: 'What do the light reactions produce?',
          content: 'The light reactions produce ATP and NADPH. [1]',
          citations: [atpCitation],
          outcome: 'answered',
          sources: retrievalEvent.data.sources,
          modelId: 'offline-extractive-v1',
          invalidMarkers: [],
          usage: { inputTokens: 34, outputTokens: 11 },
          stopReason: 'end_turn',
        },
      },
    ]);
    expect(events).toHaveLength(11);
  });

  it('passes tokens of a streaming model through and parses markers split across them', async () => {
    const model = new ScriptedModel(['Light reactions make ATP ', '[', '1', ']', '. Salt raises boiling points [2', ', 7]', '.']);
    const history = [{ role: 'user' as const, content: 'Hi' }];
    const events = await drain(answerQuestion(deps({ chatModel: model, maxTokens: 500 }), { sessionId: 's1', question: 'What do the light reactions produce?', history }));
    expect(events.filter((e) => e.event === 'token').map((e) => e.data.text)).toEqual([
      'Light reactions make ATP ',
      '[',
      '1',
      ']',
      '. Salt raises boiling points [2',
      ', 7]',
      '.',
    ]);
    expect(model.requests).toEqual([
      { question: 'What do the light reactions produce?', history, sources: expect.any(Array), signal: undefined, maxTokens: 500 },
    ]);
    expect(model.requests[0]?.sources.map((s) => s.key)).toEqual(['bio#4', 'chem#0']);
    const done = events.at(-1);
    expect(done?.event === 'done' && done.data).toEqual({ outcome: 'answered', stopReason: 'end_turn', usage: { inputTokens: 321, outputTokens: 12 } });
    const answer = done?.event === 'done' ? done.answer : undefined;
    expect(answer?.citations.map((c) => [c.marker, c.quote])).toEqual([
      [1, 'The light reactions produce ATP and NADPH.'],
      [2, 'Salt raises the boiling point of water.'],
    ]);
    expect(answer?.invalidMarkers).toEqual([7]);
    expect(answer?.modelId).toBe('scripted-v1');
  });

  it('rewrites a follow-up with the history before retrieving', async () => {
    const retriever = new FakeRetriever();
    const rewriter: QueryRewriter = new HeuristicQueryRewriter();
    const answer = await collectAnswer(
      answerQuestion(deps({ retriever, rewriter }), {
        sessionId: 's1',
        question: 'Why are they important?',
        history: [
          { role: 'user', content: 'What do the light reactions produce?' },
          { role: 'assistant', content: 'ATP and NADPH [1].' },
        ],
      }),
    );
    expect(retriever.requests[0]?.query).toBe('Why are they important? (light reactions produce)');
    expect(answer.query).toBe('Why are they important? (light reactions produce)');
  });

  it('says the not-found sentence without calling the model when nothing clears the floor', async () => {
    const model = new ScriptedModel(['should not be called']);
    const events = await drain(answerQuestion(deps({ retriever: new FakeRetriever([]), chatModel: model }), { sessionId: 's1', question: 'Who won the 1998 World Cup?', history: [] }));
    expect(model.requests).toHaveLength(0);
    expect(events.map((e) => (e.event === 'token' ? e.data.text : e.event))).toEqual([
      'retrieval',
      'I ',
      'could ',
      'not ',
      'find ',
      'this ',
      'in ',
      'your ',
      'documents.',
      'citations',
      'done',
    ]);
    expect(events[0]).toEqual({ event: 'retrieval', data: { query: 'Who won the 1998 World Cup?', sources: [] } });
    const done = events.at(-1);
    expect(done?.event === 'done' && done.data).toEqual({ outcome: 'not_found' });
    expect(done?.event === 'done' && done.answer.content).toBe('I could not find this in your documents.');
  });

  it('reports not_found when the model says the sources do not contain the answer', async () => {
    const answer = await collectAnswer(
      answerQuestion(deps({ chatModel: new ScriptedModel(['I could not find ', 'this in your documents.']) }), { sessionId: 's1', question: 'q', history: [] }),
    );
    expect(answer.outcome).toBe('not_found');
    expect(answer.citations).toEqual([]);
  });

  it('stops generation when the signal aborts and ends with outcome stopped', async () => {
    const controller = new AbortController();
    let tokens = 0;
    const events = await drain(
      answerQuestion(deps(), { sessionId: 's1', question: 'What do the light reactions produce?', history: [], signal: controller.signal }),
      (event) => {
        if (event.event === 'token' && ++tokens === 3) controller.abort();
      },
    );
    expect(events.map((e) => e.event)).toEqual(['retrieval', 'token', 'token', 'token', 'citations', 'done']);
    const done = events.at(-1);
    expect(done?.event === 'done' && done.data).toEqual({ outcome: 'stopped' });
    expect(done?.event === 'done' && done.answer.content).toBe('The light reactions ');
  });

  it('ends with stopped when a model just returns on abort, keeping the citations said so far', async () => {
    const controller = new AbortController();
    const model = new ScriptedModel(['Light reactions make ATP [1]. ', 'More ', 'text'], 'return-on-abort');
    const events = await drain(answerQuestion(deps({ chatModel: model }), { sessionId: 's1', question: 'q', history: [], signal: controller.signal }), (event) => {
      if (event.event === 'token') controller.abort();
    });
    expect(events.map((e) => e.event)).toEqual(['retrieval', 'token', 'citations', 'done']);
    expect(events[2]).toEqual({ event: 'citations', data: [atpCitation] });
    const done = events.at(-1);
    expect(done?.event === 'done' && done.data).toEqual({ outcome: 'stopped' });
  });

  it('ends with only done when aborted during retrieval', async () => {
    const controller = new AbortController();
    controller.abort();
    const events = await drain(answerQuestion(deps({ retriever: new FakeRetriever(new DOMException('aborted', 'AbortError')) }), { sessionId: 's1', question: 'q', history: [], signal: controller.signal }));
    expect(events).toEqual([
      {
        event: 'done',
        data: { outcome: 'stopped' },
        answer: { query: 'q', content: '', citations: [], outcome: 'stopped', sources: [], modelId: 'offline-extractive-v1', invalidMarkers: [] },
      },
    ]);
  });

  it('throws retrieval and model errors as they are', async () => {
    const failure = new Error('database is down');
    await expect(drain(answerQuestion(deps({ retriever: new FakeRetriever(failure) }), { sessionId: 's1', question: 'q', history: [] }))).rejects.toBe(failure);

    const throttled = new ModelError('MODEL_THROTTLED', 'The model is busy. Try again in a moment.');
    const seen: string[] = [];
    const run = drain(answerQuestion(deps({ chatModel: new ScriptedModel(['Partial '], throttled) }), { sessionId: 's1', question: 'q', history: [] }), (event) => seen.push(event.event));
    await expect(run).rejects.toBe(throttled);
    expect(seen).toEqual(['retrieval', 'token']);
  });

  it('collectAnswer fails clearly on a stream without done', async () => {
    async function* empty(): AsyncGenerator<AnswerStreamEvent> {
      // no events
    }
    await expect(collectAnswer(empty())).rejects.toThrow('The answer stream ended without a done event.');
  });
});
