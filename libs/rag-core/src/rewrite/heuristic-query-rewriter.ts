import type { ChatTurn } from '../model.js';
import type { QueryRewriter, RewriteRequest } from '../ports/retriever.js';
import { isFollowUp, topicPhrases, topicTerms } from './follow-up.js';
import { defaultMaxContextQuestions, defaultMaxContextWords } from './follow-up.defaults.js';
import { termOf } from '../answer/terms.js';

export interface HeuristicQueryRewriterOptions {
  /** Previous user questions a follow-up may borrow from (default {@link defaultMaxContextQuestions}). */
  maxContextQuestions?: number;
  /** Words added at most (default {@link defaultMaxContextWords}). */
  maxContextWords?: number;
}

/**
 * Offline follow-up rewriting. A stand-alone question is returned unchanged; a follow-up gets
 * the topic phrases of the previous user question appended in parentheses — of the one before
 * it too when that previous question was itself a follow-up — skipping words it already has:
 * "What are its drawbacks?" after "How do solar panels work?" becomes
 * "What are its drawbacks? (solar panels work)". Retrieval then finds the topic; the student
 * sees the query in the `retrieval` event.
 */
export class HeuristicQueryRewriter implements QueryRewriter {
  constructor(private readonly options: HeuristicQueryRewriterOptions = {}) {}

  async rewrite(request: RewriteRequest): Promise<string> {
    return rewriteFollowUp(request.question, request.history, this.options);
  }
}

/** The synchronous core of {@link HeuristicQueryRewriter}. */
export function rewriteFollowUp(question: string, history: readonly ChatTurn[], options: HeuristicQueryRewriterOptions = {}): string {
  if (!isFollowUp(question)) return question;
  const maxQuestions = options.maxContextQuestions ?? defaultMaxContextQuestions;
  const maxWords = options.maxContextWords ?? defaultMaxContextWords;
  const seen = topicTerms(question);
  const added: string[] = [];
  let words = 0;
  for (const previous of previousQuestions(history, maxQuestions)) {
    for (const phrase of topicPhrases(previous)) {
      const fresh = phrase.filter((word) => !seen.has(termOf(word.toLowerCase())));
      if (fresh.length === 0 || words + fresh.length > maxWords) continue;
      for (const word of fresh) seen.add(termOf(word.toLowerCase()));
      added.push(fresh.join(' '));
      words += fresh.length;
    }
  }
  return added.length === 0 ? question : `${question.trim()} (${added.join(', ')})`;
}

/** Recent user questions, most recent first, back to and including the last stand-alone one. */
function previousQuestions(history: readonly ChatTurn[], max: number): string[] {
  const questions: string[] = [];
  for (let i = history.length - 1; i >= 0 && questions.length < max; i--) {
    const turn = history[i];
    if (turn?.role !== 'user' || turn.content.trim() === '') continue;
    questions.push(turn.content);
    if (!isFollowUp(turn.content)) break;
  }
  return questions;
}
