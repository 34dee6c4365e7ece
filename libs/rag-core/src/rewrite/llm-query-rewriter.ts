import { stripCitationMarkers } from '../answer/citation-markers.js';
import { escapeAttribute, neutraliseDelimiters } from '../answer/untrusted-text.js';
import type { ChatTurn } from '../model.js';
import type { TextGenerator } from '../ports/chat-model.js';
import type { QueryRewriter, RewriteRequest } from '../ports/retriever.js';
import { HeuristicQueryRewriter } from './heuristic-query-rewriter.js';
import {
  defaultRewriteHistoryTurns,
  defaultRewriteMaxTokens,
  defaultRewriteTurnChars,
  rewriteSystemPrompt,
} from './llm-query-rewriter.defaults.js';

export interface LlmQueryRewriterOptions {
  /** Used when the model fails or answers with nothing usable (default: a {@link HeuristicQueryRewriter}). */
  fallback?: QueryRewriter;
  historyTurns?: number;
  turnChars?: number;
  maxTokens?: number;
}

const delimiterTags = ['conversation', 'turn', 'question'];

/**
 * Follow-up rewriting with an LLM (Bedrock, an OpenAI-compatible server). Without earlier
 * user questions the question is returned as is and no model is called. A model error, an
 * empty or a runaway reply falls back to the heuristic; an abort is rethrown.
 */
export class LlmQueryRewriter implements QueryRewriter {
  private readonly fallback: QueryRewriter;

  constructor(
    private readonly generator: TextGenerator,
    private readonly options: LlmQueryRewriterOptions = {},
  ) {
    this.fallback = options.fallback ?? new HeuristicQueryRewriter();
  }

  async rewrite(request: RewriteRequest): Promise<string> {
    if (!request.history.some((turn) => turn.role === 'user' && turn.content.trim() !== '')) return request.question;
    try {
      const reply = await this.generator.generate({
        system: rewriteSystemPrompt,
        messages: [{ role: 'user', content: this.userMessage(request) }],
        maxTokens: this.options.maxTokens ?? defaultRewriteMaxTokens,
        signal: request.signal,
      });
      const question = cleanRewrittenQuestion(reply);
      if (question !== '' && question.length <= Math.max(500, 3 * request.question.length)) return question;
    } catch (error) {
      if (request.signal?.aborted) throw error;
    }
    return this.fallback.rewrite(request);
  }

  private userMessage(request: RewriteRequest): string {
    const turns = request.history.slice(-(this.options.historyTurns ?? defaultRewriteHistoryTurns));
    const maxChars = this.options.turnChars ?? defaultRewriteTurnChars;
    return [
      '<conversation>',
      ...turns.map((turn) => `<turn role="${escapeAttribute(turn.role)}">${shown(turn, maxChars)}</turn>`),
      '</conversation>',
      '',
      `Follow-up question: ${neutraliseDelimiters(request.question.trim(), delimiterTags)}`,
      '',
      'Stand-alone question:',
    ].join('\n');
  }
}

function shown(turn: ChatTurn, maxChars: number): string {
  const text = (turn.role === 'assistant' ? stripCitationMarkers(turn.content) : turn.content).trim().replace(/\s+/gu, ' ');
  const cut = text.length <= maxChars ? text : `${text.slice(0, maxChars).trimEnd()}…`;
  return neutraliseDelimiters(cut, delimiterTags);
}

const label = /^(?:stand-?alone\s+question|rewritten\s+question|question)\s*:\s*/i;
const quotePairs: Record<string, string> = { '"': '"', "'": "'", '`': '`', '“': '”', '‘': '’', '«': '»' };

/** The model's reply reduced to the question: first line, no "Question:" label, no wrapping quotes. */
export function cleanRewrittenQuestion(reply: string): string {
  let text = reply.trim().replace(label, '');
  text = (text.split(/\r?\n/u).find((line) => line.trim() !== '') ?? '').trim().replace(label, '');
  while (wrappedInQuotes(text)) text = text.slice(1, -1).trim();
  return text;
}

// `"What is "free culture"` is not wrapped: stripping would leave an unbalanced quote.
function wrappedInQuotes(text: string): boolean {
  const open = text[0] ?? '';
  const close = quotePairs[open];
  if (close === undefined || text.length < 2 || !text.endsWith(close)) return false;
  const inner = text.slice(1, -1);
  const opens = inner.split(open).length - 1;
  const closes = inner.split(close).length - 1;
  return open === close ? opens % 2 === 0 : opens === closes;
}
