import type { ChatTurn } from '../model.js';
import type { AnswerRequest, NumberedSource } from '../ports/chat-model.js';
import { stripCitationMarkers } from './citation-markers.js';
import { answerSystemPrompt, defaultMaxHistoryTurnChars, defaultMaxHistoryTurns, promptDelimiterTags } from './prompt.defaults.js';
import { escapeAttribute, neutraliseDelimiters } from './untrusted-text.js';

/** A provider-neutral prompt: a system text and alternating turns, starting and ending with `user`. */
export interface AnswerPrompt {
  system: string;
  messages: ChatTurn[];
}

export interface AnswerPromptOptions {
  /** Most recent history turns replayed (default {@link defaultMaxHistoryTurns}). */
  maxHistoryTurns?: number;
  /** Longest replayed turn in characters (default {@link defaultMaxHistoryTurnChars}). */
  maxHistoryTurnChars?: number;
}

/**
 * The prompt for an LLM answerer: rules in the system text, recent history as turns, and the
 * last user turn holding the delimited sources followed by the question. Source text is
 * neutralised so it cannot close its block; old answers lose their `[n]` markers because
 * those numbers referred to other sources.
 */
export function buildAnswerPrompt(request: AnswerRequest, options: AnswerPromptOptions = {}): AnswerPrompt {
  const maxTurns = options.maxHistoryTurns ?? defaultMaxHistoryTurns;
  const maxChars = options.maxHistoryTurnChars ?? defaultMaxHistoryTurnChars;
  const recent = maxTurns > 0 ? request.history.slice(-maxTurns) : [];
  const turns: ChatTurn[] = recent.map((turn) => ({
    role: turn.role,
    content: truncate(turn.role === 'assistant' ? stripCitationMarkers(turn.content) : turn.content, maxChars),
  }));
  turns.push({ role: 'user', content: `${formatSources(request.sources)}\n\nQuestion: ${request.question.trim()}` });
  return { system: answerSystemPrompt, messages: alternate(turns) };
}

/** The `<sources>` block: one `<source>` per numbered source, text neutralised. */
export function formatSources(sources: readonly NumberedSource[]): string {
  const blocks = sources.map((source) => {
    const pages = source.pageEnd === source.pageStart ? `${source.pageStart}` : `${source.pageStart}-${source.pageEnd}`;
    const text = neutraliseDelimiters(source.text.trim(), promptDelimiterTags);
    return `<source id="${source.marker}" document="${escapeAttribute(source.documentName)}" page="${pages}">\n${text}\n</source>`;
  });
  return ['<sources>', ...blocks, '</sources>'].join('\n');
}

function truncate(text: string, maxChars: number): string {
  const trimmed = text.trim();
  return trimmed.length <= maxChars ? trimmed : `${trimmed.slice(0, maxChars).trimEnd()}…`;
}

// Chat APIs (Bedrock Converse among them) require turns that alternate and start with `user`:
// leading assistant turns are dropped and consecutive turns of one role are joined.
function alternate(turns: readonly ChatTurn[]): ChatTurn[] {
  const result: ChatTurn[] = [];
  for (const turn of turns) {
    if (turn.content === '') continue;
    const last = result.at(-1);
    if (!last && turn.role === 'assistant') continue;
    if (last?.role === turn.role) last.content = `${last.content}\n\n${turn.content}`;
    else result.push({ ...turn });
  }
  return result;
}
