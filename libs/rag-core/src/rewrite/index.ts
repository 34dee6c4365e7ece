export { HeuristicQueryRewriter, rewriteFollowUp, type HeuristicQueryRewriterOptions } from './heuristic-query-rewriter.js';
export { LlmQueryRewriter, cleanRewrittenQuestion, type LlmQueryRewriterOptions } from './llm-query-rewriter.js';
export { isFollowUp } from './follow-up.js';
export { defaultRewriteHistoryTurns, defaultRewriteMaxTokens, defaultRewriteTurnChars, rewriteSystemPrompt } from './llm-query-rewriter.defaults.js';
